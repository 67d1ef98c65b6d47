package io.lpmsedge.simulator.motion;

/**
 * Angles, rates and accelerations of the four arm joints (base yaw, shoulder elevation, elbow, wrist roll), in
 * rad, rad/s, rad/s². Mutable and reused every tick.
 */
public final class JointState {
    public static final int JOINTS = 4;
    public static final int BASE = 0;
    public static final int SHOULDER = 1;
    public static final int ELBOW = 2;
    public static final int WRIST = 3;

    public final double[] q = new double[JOINTS];
    public final double[] qd = new double[JOINTS];
    public final double[] qdd = new double[JOINTS];
    /** Index of the move or dwell in the current cycle; changes when a new segment starts. */
    public int segment;
    /** Number of completed cycles. */
    public long cycle;
    /** Whether the current segment is a dwell (arm at rest). */
    public boolean dwell;
}

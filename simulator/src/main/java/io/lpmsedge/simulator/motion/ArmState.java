package io.lpmsedge.simulator.motion;

/**
 * The true (noise-free) state of the sensor at one 400 Hz tick, as the failure modes see it. Mutable and
 * reused; vectors in SI units.
 */
public final class ArmState {
    public final JointState joints = new JointState();
    /** World ← sensor attitude without failure effects. */
    public final double[] attitude = new double[4];
    /** Acceleration of the sensor (motion plus ambient machine vibration) in the sensor frame, m/s². */
    public final double[] accMotion = new double[3];
    /** Angular velocity in the sensor frame, rad/s. */
    public final double[] omega = new double[3];
    /** Seconds since the simulation started. */
    public double time;
}

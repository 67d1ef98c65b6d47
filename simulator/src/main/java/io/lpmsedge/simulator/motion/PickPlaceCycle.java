package io.lpmsedge.simulator.motion;

import java.util.SplittableRandom;

/**
 * A repeating pick-and-place cycle of a four-joint arm: approach the pick station, descend, grip, lift, swing
 * to the place station, descend, release, lift, return home, idle. Every move follows a {@link MinimumJerk}
 * profile; dwells hold the pose. Each cycle varies a little (durations ±4 %, poses ±0.02 rad, idle time), as a
 * real cell does with part position and conveyor timing, so the signal is periodic but never identical.
 *
 * <p>Time must not go backwards between calls (the model only steps forward). Allocation-free after
 * construction.
 */
public final class PickPlaceCycle {
    /** Poses in joint space: base yaw, shoulder elevation, elbow (relative), wrist roll. */
    private static final double[] HOME = {0.0, 0.55, -1.05, 0.0};

    private static final double[] PICK_ABOVE = {-0.85, 0.45, -1.20, 0.35};
    private static final double[] PICK = {-0.85, 0.22, -0.98, 0.35};
    private static final double[] PLACE_ABOVE = {0.95, 0.48, -1.18, -0.40};
    private static final double[] PLACE = {0.95, 0.27, -1.02, -0.40};

    /** The cycle as (target pose, nominal duration s); a null pose is a dwell at the previous target. */
    private static final double[][] TARGETS = {
        PICK_ABOVE, PICK, null, PICK_ABOVE, PLACE_ABOVE, PLACE, null, PLACE_ABOVE, HOME, null
    };

    private static final double[] DURATIONS = {1.2, 0.6, 0.4, 0.6, 1.5, 0.6, 0.4, 0.6, 1.2, 1.0};

    private final SplittableRandom random;
    private final int segments = TARGETS.length;
    private final double[][] from = new double[segments][JointState.JOINTS];
    private final double[][] to = new double[segments][JointState.JOINTS];
    private final double[] duration = new double[segments];
    private double segmentStart;
    private int segment;
    private long cycle;

    /** @param random the cycle's own stream, so that noise or faults never change the trajectory */
    public PickPlaceCycle(SplittableRandom random) {
        this.random = random;
        planCycle(HOME);
    }

    /** Nominal cycle length in seconds (≈ 8.1 s). */
    public static double nominalPeriod() {
        double sum = 0;
        for (double d : DURATIONS) {
            sum += d;
        }
        return sum;
    }

    private void planCycle(double[] start) {
        double[] previous = start;
        for (int s = 0; s < segments; s++) {
            System.arraycopy(previous, 0, from[s], 0, JointState.JOINTS);
            double[] target = TARGETS[s];
            if (target == null) {
                System.arraycopy(previous, 0, to[s], 0, JointState.JOINTS);
            } else {
                for (int j = 0; j < JointState.JOINTS; j++) {
                    // The last move returns exactly home so cycles chain without drift.
                    double jitter = target == HOME ? 0 : 0.02 * gaussian();
                    to[s][j] = target[j] + jitter;
                }
            }
            double d = DURATIONS[s] * (1 + 0.04 * gaussian());
            if (s == segments - 1) {
                d = 0.5 + random.nextDouble(); // idle waiting for the next part: 0.5–1.5 s
            }
            duration[s] = Math.max(0.2, d);
            previous = to[s];
        }
    }

    private double gaussian() {
        return Math.max(-3, Math.min(3, random.nextGaussian()));
    }

    /** Fills {@code out} for time {@code t} seconds (non-decreasing between calls). */
    public void evaluate(double t, JointState out) {
        while (t >= segmentStart + duration[segment]) {
            segmentStart += duration[segment];
            segment++;
            if (segment == segments) {
                segment = 0;
                cycle++;
                planCycle(to[segments - 1]);
            }
        }
        double d = duration[segment];
        double tau = (t - segmentStart) / d;
        double s = MinimumJerk.position(tau);
        double sd = MinimumJerk.velocity(tau) / d;
        double sdd = MinimumJerk.acceleration(tau) / (d * d);
        double[] a = from[segment];
        double[] b = to[segment];
        for (int j = 0; j < JointState.JOINTS; j++) {
            double delta = b[j] - a[j];
            out.q[j] = a[j] + delta * s;
            out.qd[j] = delta * sd;
            out.qdd[j] = delta * sdd;
        }
        out.segment = segment;
        out.cycle = cycle;
        out.dwell = TARGETS[segment] == null;
    }
}

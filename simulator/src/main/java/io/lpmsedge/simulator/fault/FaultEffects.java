package io.lpmsedge.simulator.fault;

import io.lpmsedge.simulator.motion.Quat;

/** What a failure adds to the true sensor state at one tick. Cleared and refilled every tick. */
public final class FaultEffects {
    /** Extra acceleration in the sensor frame, m/s². */
    public final double[] acc = new double[3];
    /** Extra angular rate in the sensor frame (real motion of the sensor), rad/s. */
    public final double[] omega = new double[3];
    /** Extra gyroscope bias (a reading error, not motion), rad/s. */
    public final double[] gyroBias = new double[3];
    /** Extra rotation between arm link and sensor (mount offset), applied on the sensor side. */
    public final double[] tilt = new double[4];
    /** Heading error of the sensor's own orientation filter, rad. */
    public double yawError;

    public FaultEffects() {
        clear();
    }

    public void clear() {
        for (int i = 0; i < 3; i++) {
            acc[i] = 0;
            omega[i] = 0;
            gyroBias[i] = 0;
        }
        Quat.identity(tilt);
        yawError = 0;
    }
}

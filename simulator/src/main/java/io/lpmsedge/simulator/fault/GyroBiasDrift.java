package io.lpmsedge.simulator.fault;

import io.lpmsedge.simulator.motion.ArmState;
import java.util.SplittableRandom;

/**
 * The gyroscope's bias walks away from its calibrated value (ageing MEMS, a failing temperature compensation).
 * The bias rises towards {@value #MAX_BIAS_DPS} °/s × severity on the axis with the strongest drift (time
 * constant {@value #TAU_S} s) plus a random walk. Nothing moves differently: only the gyro reading and the
 * sensor's own heading estimate are wrong. The magnetometer-aided filter pulls the heading back, so the heading
 * error stays bounded at about bias × {@value #FILTER_TAU_S} s. Invisible on a plot at mild severity
 * (0.05 °/s against 0.05 °/s of noise and metres-per-second motion).
 */
public final class GyroBiasDrift implements Failure {
    static final double MAX_BIAS_DPS = 0.6;
    static final double TAU_S = 90;
    static final double FILTER_TAU_S = 8;

    private final double[] weights = new double[3];
    private final double[] walk = new double[3];
    private final SplittableRandom random;

    public GyroBiasDrift(SplittableRandom random) {
        this.random = random;
        weights[0] = 0.4 * sign(random);
        weights[1] = 0.3 * sign(random);
        weights[2] = 1.0 * sign(random);
    }

    private static double sign(SplittableRandom r) {
        return r.nextBoolean() ? 1 : -1;
    }

    @Override
    public void apply(double phaseTime, double severity, ArmState arm, FaultEffects out) {
        double level = Math.toRadians(MAX_BIAS_DPS) * severity * (1 - Math.exp(-phaseTime / TAU_S));
        double step = Math.toRadians(0.002) * severity * Math.sqrt(DT);
        for (int i = 0; i < 3; i++) {
            walk[i] += step * random.nextGaussian();
            out.gyroBias[i] += level * weights[i] + walk[i];
        }
        out.yawError += out.gyroBias[2] * FILTER_TAU_S;
    }

    @Override
    public void reset() {
        for (int i = 0; i < 3; i++) {
            walk[i] = 0;
        }
    }
}

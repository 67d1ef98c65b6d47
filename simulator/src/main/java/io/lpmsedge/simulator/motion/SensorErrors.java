package io.lpmsedge.simulator.motion;

import java.util.SplittableRandom;

/**
 * The fixed imperfections of one sensor unit and its installation, drawn once from its seed within
 * {@link NoiseSpec}'s ranges: biases, hard/soft iron, and a small misalignment of the sensor on the forearm.
 *
 * @param gyroBias  rad/s per axis
 * @param accBias   g per axis
 * @param hardIron  µT per axis
 * @param softIron  row-major 3×3 matrix applied to the true field
 * @param mount     link ← sensor rotation (misalignment)
 */
public record SensorErrors(double[] gyroBias, double[] accBias, double[] hardIron, double[] softIron, double[] mount) {
    public static SensorErrors draw(SplittableRandom r) {
        double[] gyro = new double[3];
        double[] acc = new double[3];
        double[] hard = new double[3];
        for (int i = 0; i < 3; i++) {
            gyro[i] = Math.toRadians(NoiseSpec.GYRO_BIAS_DPS) * uniform(r);
            acc[i] = NoiseSpec.ACC_BIAS_G * uniform(r);
            hard[i] = NoiseSpec.HARD_IRON_UT * uniform(r);
        }
        double[] soft = new double[9];
        for (int i = 0; i < 3; i++) {
            soft[i * 3 + i] = 1 + NoiseSpec.SOFT_IRON_SCALE * uniform(r);
            for (int j = i + 1; j < 3; j++) {
                double c = NoiseSpec.SOFT_IRON_COUPLING * uniform(r);
                soft[i * 3 + j] = c;
                soft[j * 3 + i] = c; // soft iron is symmetric
            }
        }
        double[] mount = new double[4];
        double ax = r.nextGaussian();
        double ay = r.nextGaussian();
        double az = r.nextGaussian();
        double n = Math.sqrt(ax * ax + ay * ay + az * az) + 1e-12;
        Quat.fromAxisAngle(ax / n, ay / n, az / n, Math.toRadians(1.5 * uniform(r)), mount);
        return new SensorErrors(gyro, acc, hard, soft, mount);
    }

    private static double uniform(SplittableRandom r) {
        return 2 * r.nextDouble() - 1;
    }
}

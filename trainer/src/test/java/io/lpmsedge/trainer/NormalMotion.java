package io.lpmsedge.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic "normal operation" of a vibrating machine part at 100 Hz: gravity on z, a 7 Hz vibration with
 * its 14 Hz harmonic on acc and gyro, and sensor noise. Only for tests; seeded, so reruns give the same rows.
 */
final class NormalMotion {
    static final String[] COLUMNS = {"acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"};
    static final double RATE_HZ = 100;

    private NormalMotion() {}

    static double[][] rows(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = i / RATE_HZ;
            double v = Math.sin(2 * Math.PI * 7 * t);
            double h = Math.sin(2 * Math.PI * 14 * t + 0.3);
            rows[i] = new double[] {
                0.02 * v + 0.004 * rnd.nextGaussian(),
                -0.01 + 0.015 * Math.cos(2 * Math.PI * 7 * t) + 0.004 * rnd.nextGaussian(),
                -1.0 + 0.01 * h + 0.004 * rnd.nextGaussian(),
                0.08 * v + 0.01 * rnd.nextGaussian(),
                0.05 * h + 0.01 * rnd.nextGaussian(),
                0.01 * rnd.nextGaussian()
            };
        }
        return rows;
    }

    /** CSV with the model's columns, a time column and a label column (both passed through by score). */
    static Path writeCsv(Path file, double[][] rows) throws IOException {
        StringBuilder b =
                new StringBuilder("t,").append(String.join(",", COLUMNS)).append(",state\n");
        for (int i = 0; i < rows.length; i++) {
            b.append(String.format(Locale.ROOT, "%.2f", i / RATE_HZ));
            for (double v : rows[i]) {
                b.append(',').append(v);
            }
            b.append(",OK\n");
        }
        Files.writeString(file, b);
        return file;
    }
}

package io.lpmsedge.trainer;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.input.InputFiles;
import io.lpmsedge.scorer.input.RecordSink;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A realistic LpmsControl CSV export made from a simulator capture, as a test fixture: LpmsControl's header and
 * units (acc in g, gyro in deg/s, a FrameNumber that counts every frame), and the PC-side timestamps of a
 * Bluetooth link: ±0.3 ms of noise on every frame, and now and then a delivery stall of 15–40 ms after which
 * the delayed frames arrive in a burst (timestamps bunch up, then return to the grid) while no frame is lost.
 */
final class LpmsControlExport {
    private LpmsControlExport() {}

    /**
     * @param jumps    delivery stalls to put in, one at a seeded random frame of each 1/jumps of the recording
     * @param dropped  frames to leave out (a real loss: FrameNumber skips)
     * @param withFrameNumber false writes the export without its FrameNumber column (time alone decides gaps)
     */
    static Path write(Path capture, Path csv, int jumps, long seed, List<Integer> dropped, boolean withFrameNumber)
            throws Exception {
        List<double[]> rows = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        InputFiles.read(capture, List.of(), new RecordSink() {
            @Override
            public void reading(long row, String sensor, SampleFields v, double t, Lineage lineage) {
                rows.add(new double[] {
                    v.get(Output.ACC, 0),
                    v.get(Output.ACC, 1),
                    v.get(Output.ACC, 2),
                    v.get(Output.GYRO, 0),
                    v.get(Output.GYRO, 1),
                    v.get(Output.GYRO, 2)
                });
                times.add(t);
            }

            @Override
            public void columns(long row, double[] features, String[] extras) {
                throw new AssertionError("a capture has readings");
            }
        });
        double step = (times.get(times.size() - 1) - times.get(0)) / (times.size() - 1);
        Random r = new Random(seed);
        double[] delay = new double[rows.size()];
        int spacing = rows.size() / Math.max(1, jumps);
        for (int j = 0; j < jumps; j++) {
            // One stall per stretch of the recording, never two overlapping: each is one jump in the timestamps.
            int at = j * spacing + 5 + r.nextInt(Math.max(1, spacing - 10));
            double stall = 0.015 + 0.025 * r.nextDouble();
            // The stalled frame and the ones queued behind it arrive late, then in a burst back onto the grid.
            for (int k = 0; k < 4 && at + k < delay.length; k++) {
                delay[at + k] = Math.max(delay[at + k], stall * (1 - k / 4.0));
            }
        }
        double toDeg = 180 / Math.PI;
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("SensorId, TimeStamp (s), " + (withFrameNumber ? "FrameNumber, " : "") + "AccX (g), AccY (g), "
                    + "AccZ (g), GyroX (deg/s), GyroY (deg/s), GyroZ (deg/s)\n");
            for (int i = 0; i < rows.size(); i++) {
                if (dropped.contains(i)) {
                    continue;
                }
                double t = i * step + delay[i] + 0.0003 * r.nextGaussian();
                double[] v = rows.get(i);
                w.write(String.format(
                        Locale.ROOT,
                        "1, %.4f, %s%.6f, %.6f, %.6f, %.4f, %.4f, %.4f%n",
                        t,
                        withFrameNumber ? i + ", " : "",
                        v[0],
                        v[1],
                        v[2],
                        v[3] * toDeg,
                        v[4] * toDeg,
                        v[5] * toDeg));
            }
        }
        return csv;
    }
}

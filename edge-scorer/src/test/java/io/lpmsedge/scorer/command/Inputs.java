package io.lpmsedge.scorer.command;

import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes test rows (acc_x … gyro_z, wire units) as the input files score and calibrate read. */
final class Inputs {
    /** 100 Hz on the 400 Hz tick: 4 ticks per reading. */
    static final int TICKS_PER_READING = 4;

    private Inputs() {}

    static SampleValues values(double[] r) {
        return SampleValues.builder()
                .set(Output.ACC, r[0], r[1], r[2])
                .set(Output.GYRO, r[3], r[4], r[5])
                .build();
    }

    /** A capture as the bridge records it: GET_CONFIG reply, then data frames; {@code skip} rows leave a tick gap. */
    static Path capture(Path file, double[][] rows, ConfigWord word, int... skip) throws IOException {
        return capture(file, rows, word, 1000L, skip);
    }

    /** The same from {@code startTick} on, the 32-bit counter wrapping as a sensor's does. */
    static Path capture(Path file, double[][] rows, ConfigWord word, long startTick, int... skip) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(SensorReplies.config(1, word));
        for (int i = 0; i < rows.length; i++) {
            if (contains(skip, i)) {
                continue;
            }
            long tick = (startTick + (long) i * TICKS_PER_READING) % (1L << 32);
            b.writeBytes(SensorReplies.data(1, tick, values(rows[i]), word, FirmwareProfile.DEFAULT));
        }
        return Files.write(file, b.toByteArray());
    }

    static Path capture(Path file, double[][] rows, int... skip) throws IOException {
        return capture(file, rows, ConfigWord.of(100, false, Output.ACC, Output.GYRO), skip);
    }

    /** Bridge JSON Lines with lineage; {@code skip} rows are lost between sensor and file (a seq gap). */
    static Path bridgeJsonl(Path file, double[][] rows, int... skip) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("{\"offset\":0,\"sensorId\":1,\"function\":4,\"length\":4,\"name\":\"GET_CONFIG\"}\n");
        for (int i = 0; i < rows.length; i++) {
            if (contains(skip, i)) {
                continue;
            }
            double[] r = rows[i];
            b.append(String.format(
                    Locale.ROOT,
                    "{\"sensor\":\"spindle\",\"bootId\":\"b-1\",\"seq\":%d,\"linkEpoch\":0,"
                            + "\"ticks\":%d,\"t\":%s,\"acc\":[%s,%s,%s],\"gyro\":[%s,%s,%s]}%n",
                    500 + i,
                    1000 + i * TICKS_PER_READING,
                    (1000 + i * TICKS_PER_READING) * 0.0025,
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5]));
        }
        return Files.writeString(file, b);
    }

    /** LpmsControl's CSV export: acc in g, gyro in deg/s, more columns than the model uses. */
    static Path lpmsControlCsv(Path file, double[][] rows) throws IOException {
        return lpmsControlCsv(file, rows, null);
    }

    /** Two sensors' rows interleaved (sensor 1 = {@code rows}, sensor 2 = {@code second}) when second != null. */
    static Path lpmsControlCsv(Path file, double[][] rows, double[][] second) throws IOException {
        StringBuilder b = new StringBuilder("SensorId, TimeStamp (s), FrameNumber, AccX (g), AccY (g), AccZ (g), "
                + "GyroX (deg/s), GyroY (deg/s), GyroZ (deg/s), MagX (uT), MagY (uT), MagZ (uT), EulerX (deg), "
                + "EulerY (deg), EulerZ (deg), QuatW, QuatX, QuatY, QuatZ, Pressure (kPa), Temperature (degC)\n");
        for (int i = 0; i < rows.length; i++) {
            for (int sensor = 1; sensor <= (second == null ? 1 : 2); sensor++) {
                double[] r = sensor == 1 ? rows[i] : second[i];
                double toDeg = 180 / Math.PI;
                b.append(String.format(
                        Locale.ROOT,
                        "%d, %s, %d, %s, %s, %s, %s, %s, %s, 20.0, -3.0, 40.0, 1.0, 2.0, "
                                + "90.0, 1, 0, 0, 0, 101.3, 24.5%n",
                        sensor,
                        i * 0.01,
                        i,
                        r[0],
                        r[1],
                        r[2],
                        r[3] * toDeg,
                        r[4] * toDeg,
                        r[5] * toDeg));
            }
        }
        return Files.writeString(file, b);
    }

    /** A CSV naming the model's columns plus a label. */
    static Path columnCsv(Path file, double[][] rows) throws IOException {
        StringBuilder b = new StringBuilder("label,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z\n");
        for (double[] r : rows) {
            b.append("\"run, 1\"");
            for (double v : r) {
                b.append(',').append(v);
            }
            b.append('\n');
        }
        return Files.writeString(file, b);
    }

    /** The same motion with a strong 23 Hz wobble on gyro x and y: what a failing bearing might add. */
    static double[][] faulty(double[][] normal) {
        double[][] out = new double[normal.length][];
        for (int i = 0; i < normal.length; i++) {
            out[i] = normal[i].clone();
            double w = Math.sin(2 * Math.PI * 23 * i / 100.0);
            out[i][3] += 0.4 * w;
            out[i][4] -= 0.3 * w;
        }
        return out;
    }

    /** 1,000 normal rows, 600 faulty (rows 1000-1599), 1,000 normal again. */
    static double[][] faultInTheMiddle() {
        double[][] normal = io.lpmsedge.scorer.TestModels.normalRows();
        double[][] faulty = faulty(normal);
        double[][] rows = new double[2600][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i >= 1000 && i < 1600 ? faulty[i] : normal[i];
        }
        return rows;
    }

    static double[][] asFloats(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = (float) rows[i][j];
            }
        }
        return out;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}

package io.lpmsedge.scorer.input;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.scorer.window.GapDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LpmsControl's CSV export: {@code SensorId, TimeStamp (s), FrameNumber, AccX (g), …, GyroX (deg/s), …,
 * MagX (uT), …, EulerX (deg), …, QuatW, …, LinAccX (g), …, Pressure (kPa), Altitude (m), Temperature (degC),
 * HeaveMotion (m)}. Each column's unit (in parentheses) is converted to the wire unit of its output, so a
 * reading from this file equals one decoded from the sensor: degrees become radians, m/s² becomes g.
 */
final class LpmsControlCsvReader {
    private static final double G = 9.80665;
    private static final double DEG = Math.PI / 180;

    /** Column base name → output. Vector outputs take an X/Y/Z (and W for the quaternion) suffix. */
    private static final Map<String, Output> NAMES = Map.ofEntries(
            Map.entry("Acc", Output.ACC),
            Map.entry("Gyro", Output.GYRO),
            Map.entry("Mag", Output.MAG),
            Map.entry("AngVel", Output.ANG_VEL),
            Map.entry("AngularVel", Output.ANG_VEL),
            Map.entry("Euler", Output.EULER),
            Map.entry("Quat", Output.QUAT),
            Map.entry("LinAcc", Output.LIN_ACC),
            Map.entry("Pressure", Output.PRESSURE),
            Map.entry("Altitude", Output.ALTITUDE),
            Map.entry("Temperature", Output.TEMPERATURE),
            Map.entry("HeaveMotion", Output.HEAVE),
            Map.entry("Heave", Output.HEAVE));

    private record Column(int index, Output output, int component, double factor) {}

    void read(Path file, RecordSink sink) throws InputException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = CsvLine.split(r.readLine());
            int sensorAt = -1;
            int timeAt = -1;
            int frameAt = -1;
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                String name = nameOf(h);
                if (name.equals("SensorId")) {
                    sensorAt = i;
                } else if (name.equals("TimeStamp")) {
                    timeAt = i;
                } else if (name.equals("FrameNumber") || name.equals("FrameCount")) {
                    frameAt = i;
                } else {
                    Column c = column(file, i, h, name, unitOf(h));
                    if (c != null) {
                        columns.add(c);
                    }
                }
            }
            Sample sample = new Sample();
            String line;
            long row = 0;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = CsvLine.split(line);
                sample.clear();
                try {
                    for (Column c : columns) {
                        if (c.index < cells.size() && !cells.get(c.index).isEmpty()) {
                            sample.set(c.output, c.component, CsvLine.number(cells.get(c.index)) * c.factor);
                        }
                    }
                    double t = timeAt >= 0 && timeAt < cells.size() ? CsvLine.number(cells.get(timeAt)) : Double.NaN;
                    String sensor = sensorAt >= 0 && sensorAt < cells.size() ? cells.get(sensorAt) : "1";
                    // The frame counter, not the PC-stamped time, says whether samples were lost.
                    long frame = frameAt >= 0
                                    && frameAt < cells.size()
                                    && !cells.get(frameAt).isEmpty()
                            ? (long) CsvLine.number(cells.get(frameAt))
                            : GapDetector.NO_FRAME;
                    sample.header(parseIdOrZero(sensor), 0, t, 0);
                    sink.reading(row++, sensor, sample, t, null, frame);
                } catch (NumberFormatException e) {
                    throw new InputException("LpmsControl CSV '" + file + "' line " + lineNo
                            + " has a non-numeric value (" + e.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }

    private static Column column(Path file, int index, String header, String name, String unit) throws InputException {
        Output o = NAMES.get(name);
        int component = 0;
        if (o == null && name.length() > 1) {
            o = NAMES.get(name.substring(0, name.length() - 1));
            if (o == null || o.components() == 1) {
                return null;
            }
            String axes = o == Output.QUAT ? "WXYZ" : "XYZ";
            component = axes.indexOf(name.charAt(name.length() - 1));
            if (component < 0) {
                return null;
            }
        } else if (o == null || o.components() > 1) {
            return null;
        }
        double factor = factor(o, unit);
        if (Double.isNaN(factor)) {
            throw new InputException("LpmsControl CSV '" + file + "': column '" + header + "' is in '" + unit
                    + "', which cannot be converted to " + o.key() + "'s unit " + o.unit());
        }
        return new Column(index, o, component, factor);
    }

    /** Multiplier from the file's unit to the wire unit; NaN when they do not convert. */
    private static double factor(Output o, String unit) {
        String wire = o.unit();
        if (unit.isEmpty()
                || unit.equals(wire)
                || (wire.equals("uT") && unit.equals("µT"))
                || (wire.equals("degC") && unit.equals("°C"))) {
            return 1;
        }
        switch (wire) {
            case "g":
                return unit.equals("m/s^2") || unit.equals("m/s2") || unit.equals("m/s²") ? 1 / G : Double.NaN;
            case "rad/s":
                return unit.equals("deg/s") || unit.equals("dps") || unit.equals("°/s") ? DEG : Double.NaN;
            case "rad":
                return unit.equals("deg") || unit.equals("°") ? DEG : Double.NaN;
            case "kPa":
                return unit.equals("hPa") || unit.equals("mbar") ? 0.1 : unit.equals("Pa") ? 0.001 : Double.NaN;
            default:
                return Double.NaN;
        }
    }

    private static String nameOf(String header) {
        int p = header.indexOf('(');
        return (p < 0 ? header : header.substring(0, p)).strip();
    }

    private static String unitOf(String header) {
        int p = header.indexOf('(');
        int q = header.lastIndexOf(')');
        return p < 0 || q < p ? "" : header.substring(p + 1, q).strip();
    }

    private static int parseIdOrZero(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

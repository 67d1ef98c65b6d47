package io.lpmsedge.scorer.input;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.window.GapDetector;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A first pass over an input file: per sensor, how many readings and the sample rate measured from the data
 * (median time step), for every input format. Scoring needs both before the first window: a model's windows
 * are N readings, so data at another rate than the model's would be judged on windows of another length, and
 * splitting normal data by time needs each stream's length.
 */
public final class InputProbe implements RecordSink {
    /** The column-CSV pseudo-sensor: its rows carry no sensor identity. */
    public static final String CSV_SENSOR = "csv";

    private final Map<String, Stream> streams = new LinkedHashMap<>();

    private InputProbe() {}

    /** @param csvColumns for a column CSV: the columns the model reads (the file must have them) */
    public static Map<String, StreamProfile> profile(Path file, List<String> csvColumns) throws InputException {
        InputProbe p = new InputProbe();
        InputFiles.read(file, csvColumns, p);
        Map<String, StreamProfile> out = new LinkedHashMap<>();
        p.streams.forEach((sensor, s) -> out.put(sensor, s.profile(sensor)));
        return out;
    }

    @Override
    public void configuredRate(String sensor, int rateHz) {
        stream(sensor).configuredRate = rateHz;
    }

    @Override
    public void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage) {
        reading(row, sensor, values, sensorTime, lineage, GapDetector.NO_FRAME);
    }

    @Override
    public void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage, long frame) {
        stream(sensor).add(sensorTime, frame);
    }

    @Override
    public void columns(long row, double[] features, String[] extras) {
        stream(CSV_SENSOR).add(Double.NaN, GapDetector.NO_FRAME);
    }

    private Stream stream(String sensor) {
        return streams.computeIfAbsent(sensor, s -> new Stream());
    }

    private static final class Stream {
        long readings;
        int configuredRate;
        boolean framed;
        double lastTime = Double.NaN;
        long lastFrame = GapDetector.NO_FRAME;
        double[] steps = new double[256];
        int stepCount;

        void add(double t, long frame) {
            readings++;
            framed |= frame != GapDetector.NO_FRAME;
            if (!Double.isNaN(t) && !Double.isNaN(lastTime)) {
                double dt = t - lastTime;
                if (frame != GapDetector.NO_FRAME && lastFrame != GapDetector.NO_FRAME) {
                    long frames = frame - lastFrame;
                    if (frames > 0) {
                        step(dt / frames);
                    }
                } else if (dt > 0) {
                    step(dt);
                }
            }
            lastTime = t;
            lastFrame = frame;
        }

        private void step(double dt) {
            if (stepCount == steps.length) {
                steps = Arrays.copyOf(steps, stepCount * 2);
            }
            steps[stepCount++] = dt;
        }

        StreamProfile profile(String sensor) {
            double median = Double.NaN;
            if (stepCount > 0) {
                double[] s = Arrays.copyOf(steps, stepCount);
                Arrays.sort(s);
                median = s[s.length / 2];
            }
            return new StreamProfile(sensor, readings, median, configuredRate, framed);
        }
    }
}

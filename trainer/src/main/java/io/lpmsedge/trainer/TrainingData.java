package io.lpmsedge.trainer;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.features.Derivation;
import io.lpmsedge.scorer.features.FeatureMapper;
import io.lpmsedge.scorer.features.FeatureMapping;
import io.lpmsedge.scorer.features.FieldRef;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.input.InputFiles;
import io.lpmsedge.scorer.input.InputFormat;
import io.lpmsedge.scorer.input.RecordSink;
import io.lpmsedge.scorer.manifest.ManifestDefaults;
import io.lpmsedge.scorer.window.Continuity;
import io.lpmsedge.scorer.window.GapDetector;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Normal data as per-reading rows in model units, with the mapping from reading fields (if the data came from
 * readings) and the sample rate seen in it.
 *
 * @param features      one per column: its name and, for readings, the reading field (or derived feature) it comes
 *                      from
 * @param sampleRateHz  median rate of the readings' sensor time, 0 when the data has no time
 * @param segmentStarts row indices where a continuous stretch of one sensor starts (0, then each new sensor,
 *                      file or gap): windows and derived features do not span them
 */
public record TrainingData(List<FeatureMapping> features, double[][] rows, double sampleRateHz, int[] segmentStarts) {
    /** One continuous stretch. */
    public TrainingData(List<FeatureMapping> features, double[][] rows, double sampleRateHz) {
        this(features, rows, sampleRateHz, new int[] {0});
    }

    public String[] columns() {
        return features.stream().map(FeatureMapping::column).toArray(String[]::new);
    }

    public static TrainingData read(Path input, List<String> csvColumns, List<String> fields) throws InputException {
        return read(List.of(input), csvColumns, fields);
    }

    /**
     * Reads CSVs naming their columns (all numeric columns are used unless {@code csvColumns} names some) or
     * readings (captures, JSONL, LpmsControl CSV), of which {@code fields} become columns: an output key such as
     * {@code acc} gives {@code acc_x, acc_y, acc_z}; a derived feature such as {@code vib(acc)} gives
     * {@code vib_acc_x, …} (or {@code vib(acc[0])} one column), computed per sensor exactly as the scorer does.
     * Several inputs (e.g. one capture per sensor of a fleet) are concatenated; every sensor of every file keeps
     * its own feature history.
     */
    public static TrainingData read(List<Path> inputs, List<String> csvColumns, List<String> fields)
            throws InputException {
        if (inputs.isEmpty()) {
            throw new InputException("no input: name at least one file of normal data");
        }
        InputFormat format = InputFormat.detect(inputs.get(0));
        for (Path p : inputs) {
            if ((InputFormat.detect(p) == InputFormat.COLUMN_CSV) != (format == InputFormat.COLUMN_CSV)) {
                throw new InputException("'" + p + "' and '" + inputs.get(0) + "': train on column CSVs or on "
                        + "readings, not both");
            }
        }
        List<FeatureMapping> features = new ArrayList<>();
        if (format == InputFormat.COLUMN_CSV) {
            List<String> cols = csvColumns.isEmpty() ? numericColumns(inputs.get(0)) : csvColumns;
            for (String c : cols) {
                // Columns named like the trainer names reading fields (acc_x) keep that mapping in the manifest,
                // so the model scores captures and bridge data too, not only CSVs.
                String field = ManifestDefaults.guessField(c);
                features.add(new FeatureMapping(c, field == null ? null : FieldRef.parse(field), 1.0, 0.0));
            }
        } else {
            for (String spec : fields) {
                features.addAll(expand(spec));
            }
        }
        Collector c = new Collector(features, format != InputFormat.COLUMN_CSV);
        for (Path p : inputs) {
            c.file(p);
            InputFiles.read(p, features.stream().map(FeatureMapping::column).toList(), c);
        }
        if (c.rows.size() < 10) {
            String what = inputs.size() == 1 ? "'" + inputs.get(0) + "'" : inputs.toString();
            throw new InputException(what + " has " + c.rows.size() + " rows; training needs normal data, "
                    + "a few thousand rows at least");
        }
        return new TrainingData(features, c.rows.toArray(new double[0][]), c.rate(),
                c.starts.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * {@code acc} → acc_x, acc_y, acc_z; {@code acc[1]} → acc_y; {@code vib(acc)} → vib_acc_x, …;
     * {@code since-rest(gyro)} → since_rest.
     */
    static List<FeatureMapping> expand(String spec) {
        String s = spec.strip();
        int open = s.indexOf('(');
        Derivation derive = Derivation.NONE;
        String arg = s;
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException("feature '" + spec + "' is malformed; write it like vib(acc)");
            }
            derive = Derivation.byKey(s.substring(0, open));
            arg = s.substring(open + 1, s.length() - 1).strip();
        }
        if (derive == Derivation.SINCE_REST) {
            Derivation.Source src = Derivation.parse(s);
            return List.of(new FeatureMapping("since_rest", src.field(), 1.0, 0.0, derive));
        }
        String prefix = derive == Derivation.NONE ? "" : derive.key().replace('-', '_') + "_";
        List<FeatureMapping> out = new ArrayList<>();
        if (arg.contains("[")) {
            FieldRef f = FieldRef.parse(arg);
            out.add(new FeatureMapping(prefix + ManifestDefaults.axisName(f.output(), f.component()), f, 1.0, 0.0,
                    derive));
            return out;
        }
        Output o = Output.byKey(arg);
        for (int i = 0; i < o.components(); i++) {
            out.add(new FeatureMapping(prefix + ManifestDefaults.axisName(o, i), new FieldRef(o, i), 1.0, 0.0,
                    derive));
        }
        return out;
    }

    /** Header columns whose value in the first data row is a number (labels and ids are left out). */
    private static List<String> numericColumns(Path input) throws InputException {
        try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            String first = r.readLine();
            if (header == null || first == null) {
                throw new InputException("CSV '" + input + "' needs a header and data rows");
            }
            String[] names = header.split(",", -1);
            String[] cells = first.split(",", -1);
            List<String> numeric = new ArrayList<>();
            for (int i = 0; i < names.length && i < cells.length; i++) {
                try {
                    Double.parseDouble(cells[i].strip());
                    numeric.add(names[i].strip());
                } catch (NumberFormatException e) {
                    // A label or id column: not a model input.
                }
            }
            return numeric;
        } catch (IOException e) {
            throw new InputException("cannot read '" + input + "': " + e.getMessage(), e);
        }
    }

    /** Per sensor of the current file: its own mapper (derived-feature history) and gap detector. */
    private record SensorState(FeatureMapper mapper, GapDetector gaps) {
    }

    private static final class Collector implements RecordSink {
        private final List<FeatureMapping> features;
        private final boolean readings;
        private final List<double[]> rows = new ArrayList<>();
        private final List<Integer> starts = new ArrayList<>();
        private final Map<String, SensorState> sensors = new HashMap<>();
        private final Map<String, Integer> rates = new HashMap<>();
        private final List<Double> steps = new ArrayList<>();
        private Path input;
        private String lastSensor;
        private double lastTime = Double.NaN;

        Collector(List<FeatureMapping> features, boolean readings) {
            this.features = features;
            this.readings = readings;
        }

        void file(Path p) {
            input = p;
            sensors.clear();
            rates.clear();
            lastSensor = null;
            lastTime = Double.NaN;
            starts.add(rows.size());
        }

        @Override
        public void configuredRate(String sensor, int rateHz) {
            rates.put(sensor, rateHz);
        }

        @Override
        public void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage) {
            SensorState st = sensors.get(sensor);
            if (st == null) {
                FeatureMapper mapper = new FeatureMapper(features);
                mapper.requireOutputs(values, "'" + input.getFileName() + "' sensor " + sensor);
                st = new SensorState(mapper, new GapDetector(rates.getOrDefault(sensor, 0)));
                sensors.put(sensor, st);
            }
            Continuity c = st.gaps().next(sensorTime, lineage);
            if (c != Continuity.CONTINUES) {
                st.mapper().reset();
            }
            if ((c != Continuity.CONTINUES || !sensor.equals(lastSensor)) && !isStart(rows.size())) {
                starts.add(rows.size());
            }
            double[] r = new double[features.size()];
            st.mapper().map(values, r, 0);
            rows.add(r);
            if (sensor.equals(lastSensor) && !Double.isNaN(lastTime) && sensorTime > lastTime) {
                steps.add(sensorTime - lastTime);
            }
            lastSensor = sensor;
            lastTime = sensorTime;
        }

        private boolean isStart(int row) {
            return !starts.isEmpty() && starts.get(starts.size() - 1) == row;
        }

        @Override
        public void columns(long row, double[] values, String[] extras) {
            if (readings) {
                throw new IllegalStateException("column rows in a readings input");
            }
            rows.add(values.clone());
        }

        /** The median step is robust to the odd dropped sample or reconnect in recorded data. */
        double rate() {
            if (steps.isEmpty()) {
                return 0;
            }
            double[] s = steps.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(s);
            double median = s[s.length / 2];
            return Math.round(1.0 / median * 1000) / 1000.0;
        }
    }
}

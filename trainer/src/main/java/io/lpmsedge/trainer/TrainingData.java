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
import io.lpmsedge.scorer.input.InputProbe;
import io.lpmsedge.scorer.input.RecordSink;
import io.lpmsedge.scorer.input.StreamProfile;
import io.lpmsedge.scorer.manifest.ManifestDefaults;
import io.lpmsedge.scorer.window.Continuity;
import io.lpmsedge.scorer.window.GapDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normal data as per-reading rows in model units, with the mapping from reading fields (if the data came from
 * readings) and the sample rate measured in it. When read with a hold-out share, only each stream's first part
 * is here (a stream is one sensor of one file): its last part is for checking the threshold, so the model
 * must never see it.
 *
 * @param features      one per column: its name and, for readings, the reading field (or derived feature) it comes
 *                      from
 * @param sampleRateHz  the rate measured in the readings (median step, as a manifest states it), 0 without time
 * @param segmentStarts row indices where a continuous stretch of one sensor starts (0, then each new sensor,
 *                      file or gap): windows and derived features do not span them
 * @param inputs        the files the rows came from (empty for rows made in memory): calibration reads them
 *                      again through the scorer, so train cuts the windows calibrate cuts
 */
public record TrainingData(
        List<FeatureMapping> features, double[][] rows, double sampleRateHz, int[] segmentStarts, List<Path> inputs) {
    /** Rows made in memory, one continuous stretch. */
    public TrainingData(List<FeatureMapping> features, double[][] rows, double sampleRateHz) {
        this(features, rows, sampleRateHz, new int[] {0}, List.of());
    }

    public String[] columns() {
        return features.stream().map(FeatureMapping::column).toArray(String[]::new);
    }

    public static TrainingData read(Path input, List<String> csvColumns, List<String> fields) throws InputException {
        return read(List.of(input), csvColumns, fields, 0);
    }

    public static TrainingData read(List<Path> inputs, List<String> csvColumns, List<String> fields)
            throws InputException {
        return read(inputs, csvColumns, fields, 0);
    }

    /**
     * Reads CSVs naming their columns (all numeric columns are used unless {@code csvColumns} names some) or
     * readings (captures, JSONL, LpmsControl CSV), of which {@code fields} become columns: an output key such as
     * {@code acc} gives {@code acc_x, acc_y, acc_z}; a derived feature such as {@code vib(acc)} gives
     * {@code vib_acc_x, …} (or {@code vib(acc[0])} one column), computed per sensor exactly as the scorer does,
     * with the scorer's gap detection at the measured rate. Several inputs (e.g. one capture per sensor of a
     * fleet) are concatenated; every sensor of every file keeps its own feature history.
     *
     * @param holdout share of each stream's readings, at its end, left out (0: all)
     */
    public static TrainingData read(List<Path> inputs, List<String> csvColumns, List<String> fields, double holdout)
            throws InputException {
        if (inputs.isEmpty()) {
            throw new InputException("no input: name at least one file of normal data");
        }
        InputFormat format = InputFormat.detect(inputs.get(0));
        for (Path p : inputs) {
            if ((InputFormat.detect(p) == InputFormat.COLUMN_CSV) != (format == InputFormat.COLUMN_CSV)) {
                throw new InputException(
                        "'" + p + "' and '" + inputs.get(0) + "': train on column CSVs or on " + "readings, not both");
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
        List<String> columnNames = features.stream().map(FeatureMapping::column).toList();
        List<Map<String, StreamProfile>> profiles = new ArrayList<>();
        for (Path p : inputs) {
            profiles.add(InputProbe.profile(p, columnNames));
        }
        double rate = commonRate(inputs, profiles);
        Collector c = new Collector(features, format != InputFormat.COLUMN_CSV, rate);
        for (int i = 0; i < inputs.size(); i++) {
            c.file(inputs.get(i), profiles.get(i), holdout);
            InputFiles.read(inputs.get(i), columnNames, c);
        }
        if (c.rows.size() < 10) {
            String what = inputs.size() == 1 ? "'" + inputs.get(0) + "'" : inputs.toString();
            throw new InputException(
                    what + " has " + c.rows.size() + " rows" + (holdout > 0 ? " before the held-out " + "part" : "")
                            + "; training needs normal data, a few thousand rows at least");
        }
        return new TrainingData(
                features,
                c.rows.toArray(new double[0][]),
                rate,
                c.starts.stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(inputs));
    }

    /**
     * The one rate of all streams that have time (a model's windows are N readings, so it is trained at one
     * rate), as a manifest states it; 0 when none has time.
     */
    private static double commonRate(List<Path> inputs, List<Map<String, StreamProfile>> profiles)
            throws InputException {
        StreamProfile first = null;
        Path firstFile = null;
        for (int i = 0; i < inputs.size(); i++) {
            for (StreamProfile s : profiles.get(i).values()) {
                if (!s.hasTime()) {
                    continue;
                }
                if (first == null) {
                    first = s;
                    firstFile = inputs.get(i);
                } else if (s.nominalRateHz() != first.nominalRateHz()) {
                    throw new InputException(String.format(
                            Locale.ROOT,
                            "'%s' sensor %s runs at %s Hz but '%s' sensor "
                                    + "%s at %s Hz (median steps %.2f and %.2f ms): a model's windows are a number of "
                                    + "readings, so train one model per rate (or record all at one rate)",
                            firstFile.getFileName(),
                            first.sensor(),
                            hz(first.nominalRateHz()),
                            inputs.get(i).getFileName(),
                            s.sensor(),
                            hz(s.nominalRateHz()),
                            first.medianStepSeconds() * 1000,
                            s.medianStepSeconds() * 1000));
                }
            }
        }
        return first == null ? 0 : first.nominalRateHz();
    }

    private static String hz(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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
            out.add(new FeatureMapping(
                    prefix + ManifestDefaults.axisName(f.output(), f.component()), f, 1.0, 0.0, derive));
            return out;
        }
        Output o = Output.byKey(arg);
        for (int i = 0; i < o.components(); i++) {
            out.add(new FeatureMapping(prefix + ManifestDefaults.axisName(o, i), new FieldRef(o, i), 1.0, 0.0, derive));
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

    /** Per sensor of the current file: its own mapper (derived-feature history), gap detector and split. */
    private static final class SensorState {
        final FeatureMapper mapper;
        final GapDetector gaps;
        final long split;
        long ordinal;

        SensorState(FeatureMapper mapper, GapDetector gaps, long split) {
            this.mapper = mapper;
            this.gaps = gaps;
            this.split = split;
        }
    }

    private static final class Collector implements RecordSink {
        private final List<FeatureMapping> features;
        private final boolean readings;
        private final double rate;
        private final List<double[]> rows = new ArrayList<>();
        private final List<Integer> starts = new ArrayList<>();
        private final Map<String, SensorState> sensors = new HashMap<>();
        private Map<String, StreamProfile> profiles;
        private double holdout;
        private Path input;
        private String lastSensor;
        private long csvRows;
        private long csvSplit;

        Collector(List<FeatureMapping> features, boolean readings, double rate) {
            this.features = features;
            this.readings = readings;
            this.rate = rate;
        }

        void file(Path p, Map<String, StreamProfile> profiles, double holdout) {
            input = p;
            this.profiles = profiles;
            this.holdout = holdout;
            sensors.clear();
            lastSensor = null;
            csvRows = 0;
            StreamProfile csv = profiles.get(InputProbe.CSV_SENSOR);
            csvSplit = csv == null ? 0 : split(csv.readings(), holdout);
            starts.add(rows.size());
        }

        private static long split(long readings, double holdout) {
            return (long) Math.floor(readings * (1 - holdout));
        }

        @Override
        public void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage) {
            reading(row, sensor, values, sensorTime, lineage, GapDetector.NO_FRAME);
        }

        @Override
        public void reading(
                long row, String sensor, SampleFields values, double sensorTime, Lineage lineage, long frame) {
            SensorState st = sensors.get(sensor);
            if (st == null) {
                FeatureMapper mapper = new FeatureMapper(features);
                mapper.requireOutputs(values, "'" + input.getFileName() + "' sensor " + sensor);
                StreamProfile p = profiles.get(sensor);
                // The scorer's gap detection at the manifest's rate: derived features restart where it will.
                st = new SensorState(mapper, new GapDetector(rate), split(p == null ? 0 : p.readings(), holdout));
                sensors.put(sensor, st);
            }
            Continuity c = st.gaps.next(sensorTime, lineage, frame);
            if (c != Continuity.CONTINUES) {
                st.mapper.reset();
            }
            double[] r = new double[features.size()];
            st.mapper.map(values, r, 0);
            if (st.ordinal++ >= st.split) {
                return;
            }
            if ((c != Continuity.CONTINUES || !sensor.equals(lastSensor)) && !isStart(rows.size())) {
                starts.add(rows.size());
            }
            rows.add(r);
            lastSensor = sensor;
        }

        private boolean isStart(int row) {
            return !starts.isEmpty() && starts.get(starts.size() - 1) == row;
        }

        @Override
        public void columns(long row, double[] values, String[] extras) {
            if (readings) {
                throw new IllegalStateException("column rows in a readings input");
            }
            if (csvRows++ < csvSplit) {
                rows.add(values.clone());
            }
        }
    }
}

package io.lpmsedge.trainer;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.features.FeatureMapper;
import io.lpmsedge.scorer.features.FeatureMapping;
import io.lpmsedge.scorer.features.FieldRef;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.input.InputFiles;
import io.lpmsedge.scorer.input.InputFormat;
import io.lpmsedge.scorer.input.RecordSink;
import io.lpmsedge.scorer.manifest.ManifestDefaults;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Normal data as per-reading rows in model units, with the mapping from reading fields (if the data came from
 * readings) and the sample rate seen in it.
 *
 * @param features     one per column: its name and, for readings, the reading field it comes from
 * @param sampleRateHz median rate of the readings' sensor time, 0 when the data has no time
 */
public record TrainingData(List<FeatureMapping> features, double[][] rows, double sampleRateHz) {
    public String[] columns() {
        return features.stream().map(FeatureMapping::column).toArray(String[]::new);
    }

    /**
     * Reads a CSV naming its columns (all numeric columns are used unless {@code csvColumns} names some) or
     * readings (capture, JSONL, LpmsControl CSV), of which {@code fields} (output keys such as {@code acc}) become
     * columns {@code acc_x, acc_y, acc_z}.
     */
    public static TrainingData read(Path input, List<String> csvColumns, List<String> fields) throws InputException {
        InputFormat format = InputFormat.detect(input);
        List<FeatureMapping> features = new ArrayList<>();
        if (format == InputFormat.COLUMN_CSV) {
            List<String> cols = csvColumns.isEmpty() ? numericColumns(input) : csvColumns;
            for (String c : cols) {
                // Columns named like the trainer names reading fields (acc_x) keep that mapping in the manifest,
                // so the model scores captures and bridge data too, not only CSVs.
                String field = ManifestDefaults.guessField(c);
                features.add(new FeatureMapping(c, field == null ? null : FieldRef.parse(field), 1.0, 0.0));
            }
        } else {
            for (String key : fields) {
                Output o = Output.byKey(key.strip());
                for (int i = 0; i < o.components(); i++) {
                    features.add(new FeatureMapping(ManifestDefaults.axisName(o, i), new FieldRef(o, i), 1.0, 0.0));
                }
            }
        }
        Collector c = new Collector(features, format == InputFormat.COLUMN_CSV ? null : new FeatureMapper(features),
                input);
        InputFiles.read(input, features.stream().map(FeatureMapping::column).toList(), c);
        if (c.rows.size() < 10) {
            throw new InputException("'" + input + "' has " + c.rows.size() + " rows; training needs normal data, "
                    + "a few thousand rows at least");
        }
        return new TrainingData(features, c.rows.toArray(new double[0][]), c.rate());
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

    private static final class Collector implements RecordSink {
        private final List<FeatureMapping> features;
        private final FeatureMapper mapper;
        private final Path input;
        private final List<double[]> rows = new ArrayList<>();
        private final List<Double> steps = new ArrayList<>();
        private double lastTime = Double.NaN;

        Collector(List<FeatureMapping> features, FeatureMapper mapper, Path input) {
            this.features = features;
            this.mapper = mapper;
            this.input = input;
        }

        @Override
        public void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage) {
            if (rows.isEmpty()) {
                mapper.requireOutputs(values, "'" + input.getFileName() + "'");
            }
            double[] r = new double[features.size()];
            mapper.map(values, r, 0);
            rows.add(r);
            if (!Double.isNaN(lastTime) && sensorTime > lastTime) {
                steps.add(sensorTime - lastTime);
            }
            lastTime = sensorTime;
        }

        @Override
        public void columns(long row, double[] values, String[] extras) {
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

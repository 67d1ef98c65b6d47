package io.lpmsedge.scorer.offline;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.features.FeatureMapper;
import io.lpmsedge.scorer.input.InputProbe;
import io.lpmsedge.scorer.input.RecordSink;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.window.Continuity;
import io.lpmsedge.scorer.window.GapDetector;
import io.lpmsedge.scorer.window.SensorScorers;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import io.lpmsedge.scorer.window.WindowScorer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Feeds an input file's records to one {@link WindowScorer} per sensor, exactly as the live path does: the one
 * windowing path of {@code score}, {@code calibrate}, {@code replay} and {@code train}, so they cut the same
 * windows from the same file. The sensor's outputs are checked against the manifest on its first reading;
 * every gap goes to a {@link GapLog}.
 */
public final class InputScoring implements RecordSink {
    /** Key of the single pseudo-sensor of a column CSV (rows of a CSV carry no sensor identity). */
    public static final String CSV_SENSOR = InputProbe.CSV_SENSOR;

    private final Path input;
    private final ScorerConfig config;
    private final FeatureMapper mapper;
    private final SensorScorers scorers;
    private final boolean ordinalRows;
    private final GapLog gaps;
    private final Map<String, long[]> counts = new HashMap<>();
    private String[] currentExtras = new String[0];
    private long currentRow;
    private double currentTime;

    /**
     * @param listeners   per sensor key of this file, the listener of its scorer
     * @param ordinalRows row ids given to the scorers: {@code false} the record's index in the file (what
     *                    {@code score} prints), {@code true} the reading's index within its sensor's stream
     *                    (what a split of each stream by time needs)
     */
    public InputScoring(
            ScorerConfig config,
            Path input,
            Function<String, WindowListener> listeners,
            boolean ordinalRows,
            GapLog gaps) {
        this.input = input;
        this.config = config;
        this.ordinalRows = ordinalRows;
        this.gaps = gaps;
        this.mapper = config.mapsReadings() ? new FeatureMapper(config.features()) : null;
        RowScorer rowScorer = config.newRowScorer();
        this.scorers = new SensorScorers(
                sensor -> config.newWindowScorer(rowScorer, logging(sensor, listeners.apply(sensor))));
    }

    public SensorScorers scorers() {
        return scorers;
    }

    /** The pass-through cells of the CSV row being scored (valid during a listener callback). */
    public String[] currentExtras() {
        return currentExtras;
    }

    /** The file row of the record being scored (valid during a listener callback: a window's last reading). */
    public long currentRow() {
        return currentRow;
    }

    /** Readings (or CSV rows) of a sensor so far. */
    public long readings(String sensor) {
        long[] c = counts.get(sensor);
        return c == null ? 0 : c[0];
    }

    /** Timestamp jumps between contiguous frames, over all sensors, that were not taken for gaps. */
    public long timeJumpsBridged() {
        return scorers.all().values().stream()
                .mapToLong(WindowScorer::timeJumpsBridged)
                .sum();
    }

    @Override
    public void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage) {
        reading(row, sensor, values, sensorTime, lineage, GapDetector.NO_FRAME);
    }

    @Override
    public void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage, long frame) {
        if (mapper == null) {
            throw new IllegalArgumentException("the manifest's features name CSV columns only (no \"field\"), so "
                    + "the readings in '" + input.getFileName() + "' cannot be mapped to model inputs; add a reading "
                    + "field to each feature, e.g. {\"column\": \"acc_x\", \"field\": \"acc[0]\"}");
        }
        if (!scorers.has(sensor)) {
            mapper.requireOutputs(values, "'" + input.getFileName() + "' sensor " + sensor);
        }
        currentRow = row;
        currentTime = sensorTime;
        scorers.get(sensor).accept(values, sensorTime, lineage, rowId(sensor, row), frame);
    }

    @Override
    public void configuredRate(String sensor, int rateHz) {
        config.requireRate(rateHz, "'" + input.getFileName() + "' sensor " + sensor);
    }

    @Override
    public void columns(long row, double[] features, String[] extras) {
        currentExtras = extras;
        currentRow = row;
        currentTime = Double.NaN;
        scorers.get(CSV_SENSOR).acceptRow(features, Double.NaN, null, rowId(CSV_SENSOR, row));
    }

    private long rowId(String sensor, long row) {
        long ordinal = counts.computeIfAbsent(sensor, s -> new long[1])[0]++;
        return ordinalRows ? ordinal : row;
    }

    /** The caller's listener, with every gap also logged (file, sensor, row and time of the reading after it). */
    private WindowListener logging(String sensor, WindowListener inner) {
        return new WindowListener() {
            @Override
            public void onRowScore(long row, double score) {
                inner.onRowScore(row, score);
            }

            @Override
            public void onWindow(WindowResult window) {
                inner.onWindow(window);
            }

            @Override
            public void onGap(long row, Continuity reason, int droppedRows) {
                gaps.gap(input, sensor, currentRow, currentTime, reason, droppedRows);
                inner.onGap(row, reason, droppedRows);
            }
        };
    }
}

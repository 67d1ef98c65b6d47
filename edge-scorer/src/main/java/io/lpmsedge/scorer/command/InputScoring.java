package io.lpmsedge.scorer.command;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.features.FeatureMapper;
import io.lpmsedge.scorer.input.RecordSink;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.window.SensorScorers;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowScorer;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Feeds an input file's records to one {@link WindowScorer} per sensor, exactly as the live path does; the
 * sensor's outputs are checked against the manifest on its first reading.
 */
final class InputScoring implements RecordSink {
    /** Key of the single pseudo-sensor of a column CSV (rows of a CSV carry no sensor identity). */
    static final String CSV_SENSOR = "csv";

    private final Path input;
    private final ScorerConfig config;
    private final FeatureMapper mapper;
    private final SensorScorers scorers;
    private String[] currentExtras = new String[0];

    InputScoring(ScorerConfig config, Path input, Function<String, WindowListener> listeners) {
        this.input = input;
        this.config = config;
        this.mapper = config.mapsReadings() ? new FeatureMapper(config.features()) : null;
        RowScorer rowScorer = config.newRowScorer();
        this.scorers = new SensorScorers(sensor -> config.newWindowScorer(rowScorer, listeners.apply(sensor)));
    }

    SensorScorers scorers() {
        return scorers;
    }

    /** The pass-through cells of the CSV row being scored (valid during a listener callback). */
    String[] currentExtras() {
        return currentExtras;
    }

    @Override
    public void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage) {
        if (mapper == null) {
            throw new IllegalArgumentException("the manifest's features do not name reading fields, so '" + input
                    + "' (readings) cannot be mapped; add \"field\" (e.g. \"acc[0]\") to each feature");
        }
        if (!scorers.has(sensor)) {
            mapper.requireOutputs(values, "'" + input.getFileName() + "' sensor " + sensor);
        }
        scorers.get(sensor).accept(values, sensorTime, lineage, row);
    }

    @Override
    public void configuredRate(String sensor, int rateHz) {
        config.requireRate(rateHz, "'" + input.getFileName() + "' sensor " + sensor);
    }

    @Override
    public void columns(long row, double[] features, String[] extras) {
        currentExtras = extras;
        scorers.get(CSV_SENSOR).acceptRow(features, Double.NaN, null, row);
    }
}

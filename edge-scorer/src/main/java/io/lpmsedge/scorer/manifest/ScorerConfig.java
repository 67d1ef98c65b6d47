package io.lpmsedge.scorer.manifest;

import io.lpmsedge.scorer.features.FeatureMapper;
import io.lpmsedge.scorer.features.FeatureMapping;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.model.RowScorers;
import io.lpmsedge.scorer.model.ScoreKind;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.WindowConfig;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowScorer;
import java.util.List;

/**
 * A manifest checked against its model: everything a {@link WindowScorer} needs, immutable, shareable between
 * threads (each thread makes its own scorers from it).
 *
 * @param features     in the order the model (per-reading) or one reading's slice of the vector expects
 * @param sampleRateHz 0 when unknown (no time-gap check)
 * @param threshold    NaN when the manifest has none yet (calibrate computes it; score requires it)
 */
public record ScorerConfig(
        LoadedModel model,
        Layout layout,
        List<FeatureMapping> features,
        double sampleRateHz,
        WindowConfig window,
        ScoreKind kind,
        String failureClass,
        double threshold,
        VerdictRule rule) {
    public ScorerConfig {
        features = List.copyOf(features);
    }

    public boolean hasThreshold() {
        return !Double.isNaN(threshold);
    }

    /** Whether every feature names a reading field, i.e. readings (not only CSV columns) can be scored. */
    public boolean mapsReadings() {
        return features.stream().allMatch(f -> f.field() != null);
    }

    public List<String> columnNames() {
        return features.stream().map(FeatureMapping::column).toList();
    }

    /** A fresh row scorer on the loaded model (single-threaded; for another thread load the model again). */
    public RowScorer newRowScorer() {
        return RowScorers.create(model, kind, failureClass);
    }

    /** One sensor's scorer. */
    public WindowScorer newWindowScorer(RowScorer scorer, WindowListener listener) {
        FeatureMapper mapper = mapsReadings() ? new FeatureMapper(features) : null;
        return new WindowScorer(scorer, mapper, layout, window, threshold, rule, sampleRateHz, listener);
    }

    /**
     * Checks a sensor's configured stream rate against {@code sampleRateHz}: at another rate a window of N
     * readings spans another time and the gap check misfires, so the model's threshold means nothing.
     *
     * @throws IllegalArgumentException naming both rates and the fix
     */
    public void requireRate(double sensorRateHz, String source) {
        if (sampleRateHz > 0 && Math.abs(sensorRateHz - sampleRateHz) > 0.01 * sampleRateHz) {
            throw new IllegalArgumentException("the manifest expects " + fmt(sampleRateHz) + " Hz (sampleRateHz) but "
                    + source + " is configured for " + fmt(sensorRateHz) + " Hz; set the sensor to "
                    + fmt(sampleRateHz) + " Hz or use a model trained at " + fmt(sensorRateHz) + " Hz");
        }
    }

    private static String fmt(double hz) {
        return hz == Math.rint(hz) ? Long.toString((long) hz) : Double.toString(hz);
    }

    public ScorerConfig withThreshold(double t) {
        return new ScorerConfig(model, layout, features, sampleRateHz, window, kind, failureClass, t, rule);
    }
}

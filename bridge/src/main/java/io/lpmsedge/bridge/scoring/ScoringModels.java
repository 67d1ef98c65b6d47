package io.lpmsedge.bridge.scoring;

import io.lpmsedge.bridge.session.SensorConfig;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.features.FeatureMapper;
import io.lpmsedge.scorer.manifest.ManifestException;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelLoadException;
import io.lpmsedge.scorer.model.ModelLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The start-up checks of live scoring, shared by {@code run} and {@code check-config}: the model loads, its manifest
 * matches it, has a threshold and maps reading fields, and each scored sensor streams the outputs the features need
 * at the rate the model was calibrated for. The checks themselves are edge-scorer's; this only feeds them the
 * bridge's configuration instead of a file.
 */
public final class ScoringModels {
    private ScoringModels() {
    }

    /** {@code NAME.manifest.json} beside the model, as {@code score} and {@code calibrate} look for it. */
    public static Path defaultManifest(Path model) {
        return ManifestIO.defaultPathFor(model);
    }

    /**
     * Loads the model and checks its manifest against it.
     *
     * @throws IllegalArgumentException with one line naming the problem and the fix
     */
    public static ScorerConfig load(Path model, Path manifest) {
        LoadedModel loaded;
        try {
            loaded = ModelLoader.usingTempDir().load(model);
        } catch (ModelLoadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!Files.exists(manifest)) {
            throw new IllegalArgumentException("manifest '" + manifest + "' does not exist; the bridge needs the model's "
                    + "threshold and feature mapping: create it with 'lpms-edge calibrate --model " + model
                    + " --input NORMAL_DATA' or set [scoring] manifest");
        }
        ScorerConfig config;
        try {
            config = ManifestValidator.validate(new ManifestIO().read(manifest), loaded);
        } catch (ManifestException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!config.hasThreshold()) {
            throw new IllegalArgumentException("manifest '" + manifest + "' has no threshold; calibrate it on normal data "
                    + "with 'lpms-edge calibrate --model " + model + " --input NORMAL_DATA'");
        }
        // Throws naming the feature that lacks a reading field: a CSV-only manifest cannot score live readings.
        new FeatureMapper(config.features());
        return config;
    }

    /**
     * Checks one scored sensor against the model: outputs and stream rate.
     *
     * @throws IllegalArgumentException naming both sides and the fix
     */
    public static void checkSensor(ScorerConfig config, SensorConfig sensor) {
        String source = "sensor '" + sensor.name() + "'";
        new FeatureMapper(config.features()).requireOutputs(new ConfiguredOutputs(sensor.outputs()), source);
        config.requireRate(sensor.rateHz(), source);
    }

    /** What a sensor's readings will carry, as the scorer's output check reads a reading. */
    private record ConfiguredOutputs(Set<Output> outputs) implements SampleFields {
        @Override
        public boolean has(Output output) {
            return outputs.contains(output);
        }

        @Override
        public double get(Output output, int component) {
            return Double.NaN;
        }
    }
}

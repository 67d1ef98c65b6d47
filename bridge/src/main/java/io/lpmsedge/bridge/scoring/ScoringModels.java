package io.lpmsedge.bridge.scoring;

import io.lpmsedge.bridge.session.SensorConfig;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.features.FeatureMapper;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.modelset.ModelPair;
import io.lpmsedge.scorer.modelset.ModelSetException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The checks of live scoring, shared by {@code run}, {@code check-config} and a reload: the model loads, its
 * manifest matches it, has a threshold and maps reading fields (edge-scorer's {@link ModelPair}, as the
 * score-service checks its models), and each scored sensor streams the outputs the features need at the rate the
 * model was calibrated for (what only the bridge knows: its configured sensors).
 */
public final class ScoringModels {
    private ScoringModels() {}

    /** {@code NAME.manifest.json} beside the model, as {@code score} and {@code calibrate} look for it. */
    public static Path defaultManifest(Path model) {
        return ModelPair.manifestFor(model, null);
    }

    /**
     * Loads the model and checks its manifest against it.
     *
     * @throws IllegalArgumentException with one line naming the file, the problem and the fix
     */
    public static ScorerConfig load(Path model, Path manifest) {
        try {
            return ModelPair.load(model, manifest);
        } catch (ModelSetException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
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

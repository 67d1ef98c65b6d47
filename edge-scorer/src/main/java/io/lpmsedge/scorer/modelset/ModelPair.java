package io.lpmsedge.scorer.modelset;

import io.lpmsedge.scorer.manifest.ManifestException;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelLoadException;
import io.lpmsedge.scorer.model.ModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One model and its manifest, loaded and checked as live scoring needs them (the score-service for each entry of a
 * model set; meant for the bridge's models too): the model loads; the manifest exists, matches the model (columns,
 * layout, window, score kind), has a threshold and maps every feature to a reading field. Each failure is one
 * message naming the file and the fix. What needs the sensors (outputs, rate) is checked by the caller, which knows
 * them.
 */
public final class ModelPair {
    private ModelPair() {}

    /** {@code manifest == null}: {@code NAME.manifest.json} beside the model. */
    public static Path manifestFor(Path model, Path manifest) {
        return manifest != null ? manifest : ManifestIO.defaultPathFor(model);
    }

    public static ScorerConfig load(Path model, Path manifest) throws ModelSetException {
        LoadedModel m;
        try {
            m = ModelLoader.usingTempDir().load(model);
        } catch (ModelLoadException e) {
            throw new ModelSetException(e.getMessage());
        }
        if (!Files.exists(manifest)) {
            throw new ModelSetException("manifest '" + manifest + "' does not exist; create it with 'lpms-edge "
                    + "calibrate --model " + model + " --input NORMAL'");
        }
        ScorerConfig config;
        try {
            config = ManifestValidator.validate(new ManifestIO().read(manifest), m);
        } catch (ManifestException e) {
            throw new ModelSetException(e.getMessage() + " (manifest " + manifest + ")");
        }
        if (!config.hasThreshold()) {
            throw new ModelSetException("manifest '" + manifest + "' has no threshold; run 'lpms-edge calibrate "
                    + "--model " + model + " --input NORMAL'");
        }
        if (!config.mapsReadings()) {
            throw new ModelSetException("manifest '" + manifest + "' has features without a reading field, so "
                    + "readings cannot be mapped; add \"field\" (e.g. \"acc[0]\") to each feature");
        }
        return config;
    }
}

package io.lpmsedge.scoreservice;

import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.RowScorer;
import java.nio.file.Path;

/**
 * One model of the loaded model set: checked against its manifest and ready to score. Its {@link RowScorer} is
 * used by the service's consumer thread only (a POJO keeps activations in fields). A reload that finds the
 * model and manifest files unchanged hands back the very same instance, which is how a sensor's lane knows that
 * nothing needs to swap.
 *
 * @param name     the name written into verdict events ({@code model}), logs and the stop summary
 * @param model    the model file
 * @param manifest the manifest file
 */
record ScoringModel(String name, ScorerConfig config, RowScorer rowScorer, Path model, Path manifest) {
    static ScoringModel of(String name, ScorerConfig config, Path model, Path manifest) {
        return new ScoringModel(name, config, config.newRowScorer(), model, manifest);
    }

    /** For logs: {@code 'arm' (arm_ae.zip, threshold 0.0102, window 100/100, hysteresis 2:2)}. */
    String describe() {
        return "'" + name + "' (" + model.getFileName() + (manifest == null ? "" : " + " + manifest.getFileName())
                + ", threshold " + config.threshold() + ", window "
                + config.window().size() + "/"
                + config.window().stride() + ", " + config.rule().describe() + ")";
    }
}

package io.lpmsedge.bridge.scoring;

import io.lpmsedge.scorer.manifest.ScorerConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * One model of the bridge's scoring configuration with the configured sensors it scores, loaded and checked:
 * the model against its manifest, and each of its sensors' outputs and rate against the manifest.
 *
 * @param name     names the model in verdict events, logs, the status page and metrics (the {@code name} key, or the
 *                 model's file name)
 * @param model    the model file (MOJO, POJO source/class/jar)
 * @param manifest its manifest
 * @param sensors  the configured sensors it scores, in config order (each sensor has at most one model)
 * @param scorer   the checked model + manifest
 * @param origin   where it is configured ({@code bridge.toml:40}), for messages
 */
public record SensorModel(
        String name, Path model, Path manifest, List<String> sensors, ScorerConfig scorer, String origin) {
    public SensorModel {
        sensors = List.copyOf(sensors);
    }

    /** Same files and same routing name: a reload keeps such a model instead of swapping it. */
    boolean sameFiles(SensorModel other) {
        return other != null && name.equals(other.name) && model.equals(other.model) && manifest.equals(other.manifest);
    }

    /** For logs and check-config: {@code 'arm' (arm_ae.zip + arm.manifest.json, per-reading window 100/100, …)}. */
    public String describe() {
        return "'" + name + "' (" + model.getFileName() + " + " + manifest.getFileName() + ", "
                + scorer.layout().key()
                + " window " + scorer.window().size() + "/" + scorer.window().stride() + ", threshold "
                + scorer.threshold() + ", " + scorer.rule().describe() + ")";
    }
}

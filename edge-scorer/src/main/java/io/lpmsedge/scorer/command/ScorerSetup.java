package io.lpmsedge.scorer.command;

import io.lpmsedge.scorer.manifest.ManifestDefaults;
import io.lpmsedge.scorer.manifest.ManifestException;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelLoadException;
import io.lpmsedge.scorer.model.ModelLoader;

import java.nio.file.Files;
import java.nio.file.Path;

/** Model + manifest (+ command-line overrides) → a checked {@link ScorerConfig}, or a one-line error. */
final class ScorerSetup {
    private final ManifestIO io = new ManifestIO();
    final LoadedModel model;
    final Path manifestPath;
    /** The manifest as on disk (or the defaults), before overrides; calibrate writes an updated copy. */
    final ManifestFile onDisk;
    final boolean manifestExists;

    ScorerSetup(ModelOptions o, boolean manifestMayBeMissing) throws BadInputException {
        try {
            model = ModelLoader.usingTempDir().load(o.model);
        } catch (ModelLoadException e) {
            throw new BadInputException(e.getMessage());
        }
        manifestPath = o.manifestPath();
        manifestExists = Files.exists(manifestPath);
        if (manifestExists) {
            try {
                onDisk = io.read(manifestPath);
            } catch (ManifestException e) {
                throw new BadInputException(e.getMessage());
            }
        } else if (o.manifest != null && !manifestMayBeMissing) {
            throw new BadInputException("manifest '" + o.manifest + "' does not exist; create it with "
                    + "'lpms-edge calibrate --model " + o.model + " --manifest " + o.manifest + " --input NORMAL'");
        } else {
            onDisk = ManifestDefaults.forModel(model);
        }
    }

    ManifestIO io() {
        return io;
    }

    /** Applies window/stride overrides; a new window size without a stride means tumbling windows. */
    static ManifestFile withWindow(ManifestFile f, Integer size, Integer stride) {
        if (size == null && stride == null) {
            return f;
        }
        Integer oldSize = f.window() == null ? null : f.window().size();
        Integer oldStride = f.window() == null ? null : f.window().stride();
        Integer newSize = size != null ? size : oldSize;
        Integer newStride = stride != null ? stride : size != null ? size : oldStride;
        return f.withWindow(new ManifestFile.Window(newSize, newStride));
    }

    /**
     * The manifest with window, threshold and verdict-rule overrides applied, checked, and with a threshold
     * (score and replay judge windows, so they need one; calibrate computes it instead).
     */
    ScorerConfig judgingConfig(ModelOptions o, Double threshold, String hysteresis) throws BadInputException {
        ManifestFile f = withWindow(onDisk, o.window, o.stride);
        if (threshold != null) {
            f = f.withThreshold(threshold);
        }
        if (hysteresis != null) {
            f = f.withVerdict(ScoreCommand.parseHysteresis(hysteresis));
        }
        ScorerConfig config = validate(f);
        if (!config.hasThreshold()) {
            throw new BadInputException("no threshold: the manifest " + (manifestExists ? "'" + manifestPath
                    + "' has none" : "is missing") + "; run 'lpms-edge calibrate --model " + o.model
                    + " --input NORMAL' or pass --threshold X");
        }
        return config;
    }

    ScorerConfig validate(ManifestFile f) throws BadInputException {
        try {
            return ManifestValidator.validate(f, model);
        } catch (ManifestException e) {
            throw new BadInputException(e.getMessage() + (manifestExists ? " (manifest " + manifestPath + ")" : ""));
        }
    }
}

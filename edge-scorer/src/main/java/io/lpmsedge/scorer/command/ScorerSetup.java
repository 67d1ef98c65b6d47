package io.lpmsedge.scorer.command;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.input.InputFormat;
import io.lpmsedge.scorer.input.InputProbe;
import io.lpmsedge.scorer.input.StreamProfile;
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
import java.util.List;

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
        requireMapping(f, o);
        ScorerConfig config = validate(f);
        if (!config.hasThreshold()) {
            throw new BadInputException(
                    "no threshold: the manifest " + (manifestExists ? "'" + manifestPath + "' has none" : "is missing")
                            + "; run 'lpms-edge calibrate --model " + o.model
                            + " --input NORMAL' or pass --threshold X");
        }
        return config;
    }

    /**
     * Without a manifest, a model whose columns are not named like reading fields cannot score readings, and
     * {@code calibrate} cannot fix that (it needs the same mapping): say so before reading anything, with the fix
     * that works (write the manifest's features, then calibrate).
     */
    void requireMapping(ManifestFile f, ModelOptions o) throws BadInputException {
        if (manifestExists || f.features().stream().allMatch(x -> x.field() != null)) {
            return;
        }
        try {
            if (InputFormat.detect(o.input) == InputFormat.COLUMN_CSV) {
                return;
            }
        } catch (InputException e) {
            throw new BadInputException(e.getMessage());
        }
        List<String> columns = model.columns();
        String vectorHint = columns.size() >= 50
                ? " Its " + columns.size() + " inputs look like a window-vector model (one row per window of N "
                        + "readings x K fields, as the 2017 models were): give the manifest \"layout\": \"window-vector\", "
                        + "\"window\": {\"size\": N} and the K per-reading fields."
                : "";
        throw new BadInputException("no manifest next to model " + o.model.getFileName() + " (looked for "
                + manifestPath + "), and its columns " + ManifestValidator.brief(columns) + " are not named like "
                + "reading fields (acc_x, gyro_z, ...), so the readings in '" + o.input.getFileName() + "' cannot be "
                + "mapped to them. Write " + manifestPath.getFileName() + " with one {\"column\": \"" + columns.get(0)
                + "\", \"field\": \"acc[0]\"} per model column (docs/calibration.md shows one), then run "
                + "'lpms-edge calibrate --model " + o.model + " --input NORMAL' to set its threshold and rule; or "
                + "score a CSV whose header names the model's columns." + vectorHint);
    }

    /** The rate measured in {@code input} (its first sensor with time), as a manifest states it; null if none. */
    Double measuredRate(ScorerConfig config, Path input) throws BadInputException {
        try {
            for (StreamProfile p :
                    InputProbe.profile(input, config.columnNames()).values()) {
                if (p.hasTime()) {
                    return p.nominalRateHz();
                }
            }
            return null;
        } catch (InputException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    ScorerConfig validate(ManifestFile f) throws BadInputException {
        try {
            return ManifestValidator.validate(f, model);
        } catch (ManifestException e) {
            throw new BadInputException(e.getMessage() + (manifestExists ? " (manifest " + manifestPath + ")" : ""));
        }
    }
}

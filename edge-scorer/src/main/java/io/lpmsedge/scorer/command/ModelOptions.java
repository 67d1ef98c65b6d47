package io.lpmsedge.scorer.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by score and calibrate: which model, manifest, input and window. */
final class ModelOptions {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "FILE",
            description = "H2O model: MOJO .zip, POJO .java (compiled at start; needs a JDK), compiled POJO .class, "
                    + "or a .jar with one.")
    Path model;

    @Option(
            names = "--manifest",
            paramLabel = "FILE",
            description = "Model manifest (JSON). Default: <model name>.manifest.json beside the model; without "
                    + "one, the model's columns are read from a CSV (or mapped by name, e.g. acc_x <- acc[0]).")
    Path manifest;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "Readings: a CSV naming the model's columns, an LP-BUS capture, bridge/decode JSON Lines "
                    + "(.jsonl), or an LpmsControl CSV export.")
    Path input;

    @Option(
            names = "--window",
            paramLabel = "N",
            description = "Readings per window (overrides the manifest; " + "default 200).")
    Integer window;

    @Option(
            names = "--stride",
            paramLabel = "N",
            description = "Readings between windows (default: the window " + "size, i.e. tumbling windows).")
    Integer stride;

    Path manifestPath() {
        return manifest != null ? manifest : io.lpmsedge.scorer.manifest.ManifestIO.defaultPathFor(model);
    }
}

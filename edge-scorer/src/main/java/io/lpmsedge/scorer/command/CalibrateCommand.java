package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.scorer.calibrate.Calibration;
import io.lpmsedge.scorer.calibrate.Calibrator;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.input.InputFiles;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lpms-edge calibrate}: a threshold from normal data, written into the model's manifest. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Set a model's threshold from normal data and write it into its manifest.",
                "Threshold = mean + k * sd (sample sd) of the per-row scores, as the 2017 system did. Also reports the window-RMS distribution on that data and the share of",
                "its windows above the threshold (the expected false-alarm rate), and writes both into the",
                "manifest (created beside the model if there is none). A JSON report goes to stdout."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:calibrated, manifest written", "1:manifest could not be written",
                "2:unreadable or mismatched model, manifest or input, too little data, or a bad option"})
public final class CalibrateCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    @Mixin
    private ModelOptions options = new ModelOptions();

    @Option(names = "--k", defaultValue = "1.0", paramLabel = "K",
            description = "Threshold = mean + K * sd of the per-row scores (default 1.0).")
    private double k;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(err);
        } catch (BadInputException e) {
            err.println("lpms-edge calibrate: " + e.getMessage());
            return LpmsEdge.EXIT_BAD_INPUT;
        }
    }

    private int run(PrintWriter err) throws BadInputException {
        if (!(k >= 0) || Double.isInfinite(k)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--k must be a number >= 0, got " + k);
        }
        ScorerSetup setup = new ScorerSetup(options, true);
        ManifestFile f = ScorerSetup.withWindow(setup.onDisk, options.window, options.stride);
        // The threshold is what we compute: validate without the old one so a stale value cannot get in the way.
        ScorerConfig config = setup.validate(f.withThreshold(null)).withThreshold(Double.POSITIVE_INFINITY);
        Calibrator calibrator = new Calibrator(config.layout() == Layout.WINDOW_VECTOR);
        InputScoring scoring = new InputScoring(config, options.input, calibrator::forSensor);
        try {
            InputFiles.read(options.input, config.columnNames(), scoring);
        } catch (InputException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Calibration c;
        try {
            c = calibrator.result(k);
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage() + " in '" + options.input + "'");
        }
        long failureWindows = calibrator.failureWindows(config.rule(), c.threshold());
        ManifestFile updated = f.withThreshold(c.threshold())
                .withCalibration(c.toManifest(options.input.getFileName().toString()));
        if (updated.model() == null) {
            updated = updated.withModel(options.model.getFileName().toString());
        }
        try {
            setup.io().write(updated, setup.manifestPath);
        } catch (IOException e) {
            err.println("lpms-edge calibrate: cannot write manifest '" + setup.manifestPath + "': " + e.getMessage());
            return 1;
        }
        report(c, failureWindows, config, setup, err);
        return 0;
    }

    private void report(Calibration c, long failureWindows, ScorerConfig config, ScorerSetup setup, PrintWriter err) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("manifest", setup.manifestPath.toString());
        m.put("threshold", c.threshold());
        m.put("k", c.k());
        m.put("rows", c.rows());
        m.put("rowMean", c.rowMean());
        m.put("rowSd", c.rowSd());
        m.put("window", config.window().size());
        m.put("stride", config.window().stride());
        m.put("windows", c.windows());
        m.put("windowRms", finiteOnly(Map.of("mean", c.windowMean(), "sd", c.windowSd(), "p50", c.p50(),
                "p95", c.p95(), "p99", c.p99(), "max", c.max())));
        m.put("windowsAbove", c.windowsAbove());
        m.put("falseAlarmRate", Double.isFinite(c.falseAlarmRate()) ? c.falseAlarmRate() : null);
        m.put("rule", config.rule().describe());
        m.put("failureWindows", failureWindows);
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(new ObjectMapper().writeValueAsString(m));
        } catch (IOException e) {
            throw new IllegalStateException("a map of numbers always serializes", e);
        }
        out.flush();
        err.println(String.format(Locale.ROOT, "threshold %.6g = mean %.6g + %s x sd %.6g of %d %s; "
                        + "%d of %d windows of this normal data exceed it (expected false-alarm rate %.2f %% of "
                        + "windows; %d FAILURE windows under %s); manifest written to %s",
                c.threshold(), c.rowMean(), c.k(), c.rowSd(), c.rows(),
                config.layout() == Layout.WINDOW_VECTOR ? "window scores" : "row scores",
                c.windowsAbove(), c.windows(), 100 * (c.windows() == 0 ? 0 : c.falseAlarmRate()), failureWindows,
                config.rule().describe(), setup.manifestPath));
        err.flush();
    }

    private static Map<String, Double> finiteOnly(Map<String, Double> in) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String key : new String[] {"mean", "sd", "p50", "p95", "p99", "max"}) {
            Double v = in.get(key);
            if (v != null && Double.isFinite(v)) {
                out.put(key, v);
            }
        }
        return out;
    }
}

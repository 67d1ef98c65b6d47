package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.scorer.calibrate.Calibration;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.offline.CalibrationReport;
import io.lpmsedge.scorer.offline.FileScoring;
import io.lpmsedge.scorer.offline.GapLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lpms-edge calibrate}: threshold and verdict rule from normal data, written into the model's manifest. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Set a model's threshold and verdict rule from normal data and write them into its manifest.",
            "Default (--method holdout): each sensor's data is split by time; the threshold comes from the first",
            "75 %%, and the quickest rule whose held-out last 25 %% stays free of FAILURE with a 10 %% margin is",
            "chosen (docs/calibration.md). --method mean-sd is the 2017 rule (mean + k*sd of row scores).",
            "A JSON report goes to stdout, sentences and warnings to stderr."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:calibrated, manifest written (read the warnings: it may be unvalidated)",
            "1:manifest could not be written",
            "2:unreadable or mismatched model, manifest or input, too little data, or a bad option"
        })
public final class CalibrateCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    @Mixin
    private ModelOptions options = new ModelOptions();

    @Mixin
    private CalibrationOptionsMixin calibration = new CalibrationOptionsMixin();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        return run(spec.commandLine().getErr());
    }

    private int run(PrintWriter err) throws BadInputException {
        io.lpmsedge.scorer.calibrate.CalibrationOptions o;
        try {
            o = calibration.options(null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ScorerSetup setup = new ScorerSetup(options, true);
        ManifestFile f = ScorerSetup.withWindow(setup.onDisk, options.window, options.stride);
        // The threshold is what we compute: validate without the old one so a stale value cannot get in the way.
        setup.requireMapping(f.withThreshold(null), options);
        ScorerConfig config = setup.validate(f.withThreshold(null));
        if (f.sampleRateHz() == null) {
            // Record the rate the data was measured at, so a later file at another rate is refused.
            Double measured = setup.measuredRate(config, options.input);
            if (measured != null) {
                f = f.withSampleRate(measured);
                config = setup.validate(f.withThreshold(null));
            }
        }
        if (o.method() == io.lpmsedge.scorer.calibrate.CalibrationOptions.Method.MEAN_SD && o.rule() == null) {
            o = calibration.options(config.rule());
        }
        GapLog gaps = new GapLog(err);
        Calibration c;
        try {
            c = FileScoring.calibrate(
                    config,
                    List.of(options.input),
                    o,
                    setup.model.file().getFileName().toString(),
                    gaps);
        } catch (InputException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage() + " in '" + options.input + "'");
        }
        ManifestFile updated = f.withThreshold(c.threshold())
                .withVerdict(c.ruleSpec())
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
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("manifest", setup.manifestPath.toString());
        m.putAll(CalibrationReport.toMap(c, config, gaps));
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(new ObjectMapper().writeValueAsString(m));
        } catch (IOException e) {
            throw new IllegalStateException("a map of numbers always serializes", e);
        }
        out.flush();
        CalibrationReport.print(c, err);
        err.println("manifest written to " + setup.manifestPath);
        err.flush();
        return 0;
    }
}

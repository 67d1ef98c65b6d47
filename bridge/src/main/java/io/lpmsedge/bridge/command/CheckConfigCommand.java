package io.lpmsedge.bridge.command;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.delivery.SinkSpec;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.scoring.SensorModel;
import io.lpmsedge.bridge.session.SensorConfig;
import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lpms-edge check-config FILE}: validates a bridge config without connecting to anything. */
@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description = {
            "Validate a bridge config file (and LPMS_EDGE_* environment overrides) without connecting.",
            "Reports every problem with its line (or variable), key and fix; exit 2 if there is any."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the config is valid", "2:the config is unreadable or invalid (every problem listed)"})
public final class CheckConfigCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    /**
     * The scoring part: each model, then one line per configured sensor saying which model scores it and that its
     * outputs and rate match the model's manifest (a mismatch never gets here: it is a config error with its line).
     */
    private static void scoring(PrintWriter out, BridgeConfig config, ScoringConfig scoring) {
        out.println("  scoring: " + scoring.models().size() + " model(s) -> topic " + scoring.verdictTopic()
                + (scoring.watch().isZero()
                        ? ", reload on SIGHUP only"
                        : ", model files watched every " + scoring.watch().toMillis() + " ms and on SIGHUP"));
        for (SensorModel m : scoring.models()) {
            out.println("    model " + m.describe() + ", " + m.model().toAbsolutePath() + ", manifest "
                    + m.manifest().toAbsolutePath());
        }
        for (SensorConfig s : config.sensors()) {
            SensorModel m = scoring.modelFor(s.name());
            if (m == null) {
                out.println("    sensor " + s.name() + ": not scored (no model lists it)");
                continue;
            }
            ScorerConfig sc = m.scorer();
            out.println("    sensor " + s.name() + " <- model '" + m.name() + "': outputs " + outputs(s)
                    + " carry its features " + sc.columnNames() + "; rate " + s.rateHz() + " Hz"
                    + (sc.sampleRateHz() > 0 ? " = its " + sc.sampleRateHz() + " Hz" : " (its manifest states none)")
                    + ": OK");
        }
        if (scoring.gpio().enabled()) {
            out.println("  gpio: BCM " + scoring.gpio().pin() + ", active "
                    + (scoring.gpio().activeHigh() ? "high" : "low") + ", on while any scored sensor is in FAILURE");
        }
    }

    private static String outputs(SensorConfig s) {
        return s.outputs().stream().map(o -> o.key()).sorted().toList().toString();
    }

    @Parameters(index = "0", paramLabel = "FILE", description = "The bridge config (TOML).")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        PrintWriter out = spec.commandLine().getOut();
        BridgeConfig config = ConfigFiles.load(file, System.getenv());
        out.println(file + ": OK: bridge '" + config.bridgeName() + "', "
                + config.sensors().size() + " sensor(s), "
                + config.delivery().sinks().size() + " sink(s), spool "
                + config.delivery().spool().dir());
        for (SensorConfig s : config.sensors()) {
            out.println("  " + s.name() + ": " + s.link().url() + ", " + s.rateHz() + " Hz, "
                    + (s.sixteenBit() ? "16bit" : "32bit") + ", profile " + s.profile() + ", config word "
                    + s.expectedConfigWord());
        }
        for (SinkSpec sink : config.delivery().sinks()) {
            out.println("  sink " + sink.name() + ": " + sink.describe());
        }
        ScoringConfig scoring = config.scoring();
        if (scoring.enabled()) {
            scoring(out, config, scoring);
        }
        out.flush();
        return 0;
    }
}

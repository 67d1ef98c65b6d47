package io.lpmsedge.demo;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.DurationText;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpms-edge demo}: the whole system on this machine for about a minute, then an audit. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole system on this machine for about a minute: embedded Kafka + REST Proxy stand-in,",
            "simulated sensors (OK → a failure mode → OK), the bridge with its status page, then an audit of",
            "what reached the broker."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:nothing was lost", "1:something was lost", "2:a bad option"})
public final class DemoCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    @Option(
            names = "--duration",
            defaultValue = "60s",
            paramLabel = "DURATION",
            description = "How long the sensors run (e.g. 60s, 5m; at least 20s). Default ${DEFAULT-VALUE}.")
    private String duration;

    @Option(
            names = "--sensors",
            defaultValue = "4",
            paramLabel = "N",
            description = "Simulated sensors, 1–20; sensor i gets the i-th failure mode. Default ${DEFAULT-VALUE}.")
    private int sensors;

    @Option(names = "--seed", defaultValue = "7", description = "Simulator seed. Default ${DEFAULT-VALUE}.")
    private long seed;

    @Option(
            names = "--http-port",
            defaultValue = "0",
            paramLabel = "PORT",
            description = "Port of the status page on 127.0.0.1 (0 = any free port). Default ${DEFAULT-VALUE}.")
    private int httpPort;

    @Option(
            names = "--outage",
            defaultValue = "6s",
            paramLabel = "DURATION",
            description =
                    "REST proxy down this long midway, to show the spool at work (0s = none). Default ${DEFAULT-VALUE}.")
    private String outage;

    @Option(names = "--keep", description = "Keep the working directory (bridge.toml, spool, ground truth).")
    private boolean keep;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Working directory to use and keep (default: a temporary one).")
    private Path dir;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration d;
        Duration outageDuration;
        try {
            d = DurationText.parse("--duration", duration);
            DemoPlan.of(sensors, d.toMillis() / 1000.0);
            outageDuration = DurationText.parse("--outage", outage);
            if (outageDuration.compareTo(d.dividedBy(3)) > 0) {
                throw new IllegalArgumentException("--outage " + outage + " is longer than a third of --duration; "
                        + "shorten it so the spool can drain before the end");
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        DemoSummary summary =
                new DemoRun(new DemoOptions(d, sensors, seed, httpPort, dir, keep, outageDuration), out).run();
        return summary.lost() == 0 ? 0 : 1;
    }
}

package io.lpmsedge.bridge.command;

import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.BridgeSinks;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.fleetstatus.StatusPublisher;
import io.lpmsedge.bridge.http.OpsServer;
import io.lpmsedge.bridge.link.BlueCoveStack;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.ops.BridgeProgressProbe;
import io.lpmsedge.bridge.ops.QuietLimits;
import io.lpmsedge.bridge.ops.ServiceNotifier;
import io.lpmsedge.bridge.ops.ServiceOps;
import io.lpmsedge.bridge.ops.SpoolRecoveryReporter;
import io.lpmsedge.bridge.reload.ConfigReloader;
import io.lpmsedge.bridge.scoring.Pi4jVerdictIndicator;
import io.lpmsedge.bridge.scoring.VerdictIndicator;
import io.lpmsedge.bridge.status.StatusReporter;
import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.DurationText;
import io.lpmsedge.cli.HangupSignal;
import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpms-edge run --config FILE}: the bridge service. Stops cleanly on SIGTERM / SIGINT. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the bridge: connect, configure and read every configured sensor, deliver readings to the sink.",
            "Reconnects on its own; SIGTERM or Ctrl-C stops it cleanly (flush, close links) within --stop-timeout."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "143/130:stopped by SIGTERM/SIGINT (the JVM's status) after a clean stop",
            "1:an unexpected failure",
            "2:unreadable or invalid config; delivery, GPIO or the [http] port cannot start"
        })
public final class RunCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The bridge config (TOML).")
    private Path configFile;

    @Option(
            names = "--stop-timeout",
            defaultValue = "10s",
            paramLabel = "DURATION",
            description = "Longest a clean stop may take (e.g. 10s, 500ms). Default ${DEFAULT-VALUE}.")
    private String stopTimeout;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration timeout = parseDuration(stopTimeout);
        BridgeConfig config = ConfigFiles.load(configFile, System.getenv());
        ServiceNotifier notifier = ServiceNotifier.fromEnvironment(System.getenv());
        Delivery delivery;
        try {
            delivery = Delivery.open(
                    config.delivery(), BridgeSinks.kinds(), Clock.systemUTC(), new SpoolRecoveryReporter(notifier));
        } catch (IOException | RuntimeException e) {
            // the spool directory, a sink's settings the client library refuses: the config's to fix
            throw new BadInputException("cannot start delivery: " + e.getMessage(), e);
        }
        VerdictIndicator indicator;
        try {
            indicator = Pi4jVerdictIndicator.open(config.scoring().gpio());
        } catch (IllegalStateException e) {
            delivery.stop(Duration.ZERO);
            throw new BadInputException(e.getMessage(), e);
        }
        Bridge bridge = new Bridge(
                config,
                new SensorLinks(config.link(), new BlueCoveStack()),
                delivery,
                List.of(),
                Clock.systemUTC(),
                indicator);
        // [status]: status events for the fleet page through the Kafka/REST sinks (docs/fleet.md)
        StatusPublisher.attach(bridge, config, LpmsEdge.version());
        // systemd: READY/STATUS/WATCHDOG/STOPPING (docs/install-and-operate.md#the-watchdog); a no-op elsewhere.
        ServiceOps ops = new ServiceOps(
                new BridgeProgressProbe(bridge),
                QuietLimits.of(config),
                notifier,
                ServiceOps.watchdogInterval(
                        System.getenv(), ProcessHandle.current().pid()));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    try {
                        ops.stopping();
                        bridge.stop(timeout);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        stopped.countDown();
                    }
                },
                "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        bridge.start();
        if (config.http().enabled()) {
            try {
                // closed with the JVM: its thread is a daemon and the socket goes with the process
                OpsServer.start(config.http(), StatusReporter.of(bridge), LpmsEdge.version());
            } catch (IOException e) {
                Runtime.getRuntime().removeShutdownHook(hook);
                bridge.stop(timeout);
                throw new BadInputException(e.getMessage(), e);
            }
        }
        ops.start();
        try (ConfigReloader reloader = reloader(bridge, config);
                HangupSignal hup = HangupSignal.install(() -> reloader.request("SIGHUP"))) {
            hup.unavailable()
                    .ifPresent(why -> LOG.warn(
                            "SIGHUP cannot be handled on this JVM ({}); sensors and models reload only on a restart "
                                    + "(models also when their file changes, [scoring] watch_ms)",
                            why));
            stopped.await();
        }
        return 0;
    }

    /**
     * What SIGHUP ({@code systemctl reload lpms-edge}) does: read the config file again and apply its sensors and
     * scoring models (docs/install-and-operate.md#reloading-the-configuration); with scoring, a changed model or
     * manifest file starts the same reload. Handling SIGHUP at all also keeps a reload from killing the bridge (the
     * JVM's default for SIGHUP is to exit).
     */
    private ConfigReloader reloader(Bridge bridge, BridgeConfig config) {
        return new ConfigReloader(
                        ConfigReloader.Loader.file(configFile, System.getenv()),
                        configFile.toString(),
                        config,
                        bridge::reconfigure,
                        bridge.reloads(),
                        Clock.systemUTC())
                .watchEvery(config.scoring().enabled() ? config.scoring().watch() : Duration.ZERO);
    }

    private Duration parseDuration(String text) {
        try {
            return DurationText.parse("--stop-timeout", text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}

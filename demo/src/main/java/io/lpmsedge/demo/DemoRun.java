package io.lpmsedge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.BridgeSinks;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigException;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.fleetstatus.StatusPublisher;
import io.lpmsedge.bridge.http.OpsServer;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.scoring.ScoringModels;
import io.lpmsedge.bridge.scoring.VerdictIndicator;
import io.lpmsedge.bridge.session.SensorSession;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.SensorStatus;
import io.lpmsedge.bridge.status.StatusReporter;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.devstack.StandInOptions;
import io.lpmsedge.fleet.FleetView;
import io.lpmsedge.fleet.cli.FleetService;
import io.lpmsedge.fleet.kafka.FleetTopics;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scoreservice.EmbeddedScoreService;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.fleet.RunnerStats;
import io.lpmsedge.simulator.fleet.SensorSpec;
import io.lpmsedge.simulator.fleet.TruthLog;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.TcpSensorPort;
import io.lpmsedge.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One demo run: starts every part, shows progress, stops every part, audits what arrived. Everything it starts
 * is closed before {@link #run()} returns, whatever happens, and its working directory is deleted unless kept.
 */
public final class DemoRun {
    static final String READINGS_TOPIC = "readings";
    static final String VERDICTS_TOPIC = "verdicts";
    static final String CLUSTER_VERDICTS_TOPIC = "cluster-verdicts";
    static final String STATUS_TOPIC = "status";
    /** The bundled model was trained at this rate; the sensors stream at it. */
    static final int RATE_HZ = 100;

    private static final String MODEL = "arm_ae.zip";
    private static final String MANIFEST = "arm_ae.manifest.json";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final DemoOptions options;
    private final DemoPlan plan;
    private final PrintWriter out;

    public DemoRun(DemoOptions options, PrintWriter out) {
        this.options = options;
        this.plan = DemoPlan.of(options.sensors(), options.duration().toMillis() / 1000.0);
        this.out = out;
    }

    /** Runs the demo; returns the summary (its {@code lost()} must be 0). */
    public DemoSummary run() throws Exception {
        Path work = options.workDir() != null
                ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("lpms-edge-demo-");
        try {
            return runIn(work);
        } finally {
            if (options.workDir() == null && !options.keep()) {
                deleteTree(work);
            } else {
                say("kept the demo's files in %s (bridge.toml, spool/, truth.jsonl)", work);
            }
        }
    }

    private DemoSummary runIn(Path work) throws Exception {
        long started = System.nanoTime();
        say(
                "lpms-edge demo: %d simulated sensor(s) for %d s; each runs OK, then one failure mode at severity %.1f, "
                        + "then OK again",
                plan.machines().size(), options.duration().toSeconds(), DemoPlan.SEVERITY);
        say("[1/5] starting the dev stack: embedded Kafka broker (KRaft) + Kafka REST Proxy stand-in");
        try (DevStack stack = DevStack.start(0, StandInOptions.defaults());
                OutputStream truthFile = Files.newOutputStream(work.resolve("truth.jsonl"));
                TruthLog truth = new TruthLog(truthFile)) {
            stack.kafka().createTopic(READINGS_TOPIC, plan.machines().size());
            stack.kafka().createTopic(VERDICTS_TOPIC, plan.machines().size());
            stack.kafka().createTopic(CLUSTER_VERDICTS_TOPIC, plan.machines().size());
            // compacted, as docs/fleet.md recommends: one status event per bridge is all the fleet page needs
            stack.kafka()
                    .admin()
                    .createTopics(List.of(
                            new NewTopic(STATUS_TOPIC, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get();
            Path model = extractModel(work);
            ScorerConfig scorer =
                    ScoringModels.load(model, work.resolve("model").resolve(MANIFEST));
            say(
                    "      broker %s, REST proxy %s",
                    stack.kafka().bootstrapServers(), stack.restProxy().baseUrl());

            say("[2/5] starting the simulated sensors (LP-BUS over loopback TCP)");
            List<TcpSensorPort> ports = new ArrayList<>();
            for (int i = 0; i < plan.machines().size(); i++) {
                ports.add(new TcpSensorPort(InetAddress.getLoopbackAddress(), 0, "sim-accept-" + i));
            }
            Fleet fleet = Fleet.start(specs(), ports, 1.0, truth);
            try {
                Path configFile = work.resolve("bridge.toml");
                Files.writeString(configFile, bridgeToml(work, stack, ports, model));
                BridgeConfig config = load(configFile);
                say(
                        "[3/5] starting the bridge (config: %s)",
                        options.keep() ? configFile : "bridge.toml, shown with --keep");
                Delivery delivery = Delivery.open(config.delivery(), BridgeSinks.kinds(), Clock.systemUTC());
                Bridge bridge = new Bridge(
                        config,
                        new SensorLinks(config.link(), null),
                        delivery,
                        List.of(),
                        Clock.systemUTC(),
                        VerdictIndicator.NONE);
                StatusPublisher.attach(bridge, config, "demo");
                StatusReporter reporter = StatusReporter.of(bridge);
                bridge.start();
                say(
                        "      scoring on the bridge with %s (threshold %.3g, window %d readings); the cluster "
                                + "score-service scores the readings topic with the same model into %s",
                        MODEL, scorer.threshold(), scorer.window().size(), CLUSTER_VERDICTS_TOPIC);
                EmbeddedScoreService cluster = EmbeddedScoreService.start(
                        stack.kafka().bootstrapServers(),
                        READINGS_TOPIC,
                        CLUSTER_VERDICTS_TOPIC,
                        "demo-score-service",
                        scorer,
                        MODEL);
                try (OpsServer ops = OpsServer.start(
                                new InetSocketAddress("127.0.0.1", options.httpPort()), reporter, "demo");
                        FleetService fleetPage = startFleetPage(stack)) {
                    say(
                            "      status page: http://127.0.0.1:%d/   metrics: http://127.0.0.1:%d/metrics",
                            ops.port(), ops.port());
                    say(
                            "      fleet page:  http://127.0.0.1:%d/   (every bridge and machine, from the %s and verdict "
                                    + "topics)",
                            fleetPage.port(), STATUS_TOPIC);
                    say("[4/5] running (a line every %d s)", PROGRESS_EVERY.toSeconds());
                    progressUntilFleetDone(fleet, reporter, started, stack);
                    say(
                            "      the fleet page shows: %s",
                            fleetLine(fleetPage.state().view()));
                    say("[5/5] sensors done; stopping the bridge and delivering what is spooled");
                    bridge.stop(DRAIN_TIMEOUT);
                }
                Map<String, Long> received = new LinkedHashMap<>();
                for (SensorSession s : bridge.sessions()) {
                    received.put(s.name(), s.counters().readings());
                }
                Map<String, TopicAudit.SensorCount> arrived = new TopicAudit()
                        .audit(stack.kafka().bootstrapServers(), READINGS_TOPIC, Duration.ofSeconds(60));
                long onTopic = arrived.values().stream()
                        .mapToLong(TopicAudit.SensorCount::records)
                        .sum();
                awaitConsumed(cluster, onTopic);
                cluster.close();
                Map<Integer, VerdictTimeline.Fault> faults = VerdictTimeline.faults(work.resolve("truth.jsonl"));
                List<VerdictTimeline> edge = timelines(
                        new VerdictAudit()
                                .read(stack.kafka().bootstrapServers(), VERDICTS_TOPIC, Duration.ofSeconds(30)),
                        faults);
                List<VerdictTimeline> clusterSide = timelines(
                        new VerdictAudit()
                                .read(stack.kafka().bootstrapServers(), CLUSTER_VERDICTS_TOPIC, Duration.ofSeconds(30)),
                        faults);
                DemoSummary summary = DemoSummary.of(
                        plan,
                        produced(fleet),
                        received,
                        arrived,
                        bridge.delivery() == null
                                ? 0
                                : bridge.handoff().dropped() + delivery.spool().dropped(),
                        (System.nanoTime() - started) / 1e9,
                        edge,
                        clusterSide);
                summary.print(out);
                return summary;
            } finally {
                fleet.close();
            }
        }
    }

    /** The fleet page over the dev stack's topics, on the port after the status page's (any free one with 0). */
    private FleetService startFleetPage(DevStack stack) throws IOException {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", stack.kafka().bootstrapServers());
        return FleetService.start(
                kafka,
                new FleetTopics(STATUS_TOPIC, VERDICTS_TOPIC, CLUSTER_VERDICTS_TOPIC, Duration.ofHours(1)),
                new InetSocketAddress("127.0.0.1", options.httpPort() == 0 ? 0 : options.httpPort() + 1),
                Clock.systemUTC());
    }

    /** {@code demo-bridge ONLINE: machine-01 FAILURE, machine-02 OK}: what the fleet page shows, in one line. */
    static String fleetLine(FleetView view) {
        List<String> parts = new ArrayList<>();
        for (FleetView.Bridge b : view.bridges()) {
            parts.add(b.name() + " " + b.liveness().state() + ": "
                    + String.join(
                            ", ",
                            b.machines().stream()
                                    .map(m -> m.name() + " " + m.display())
                                    .toList()));
        }
        return parts.isEmpty() ? "nothing yet" : String.join("; ", parts);
    }

    private List<SensorSpec> specs() {
        // the sensors wake in command mode: every frame they send is one the bridge asked for, so "produced"
        // and "received" can be compared exactly
        ConfigWord word =
                ConfigWord.of(RATE_HZ, false, Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE);
        DeviceSettings device =
                new DeviceSettings(word, SensorMode.COMMAND, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2, 0);
        List<SensorSpec> layout = FleetLayout.specs(
                plan.machines().size(), 1, options.seed(), Scenario.ok(), device, LinkFaultConfig.NONE, plan.seconds());
        List<SensorSpec> specs = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            specs.add(layout.get(i).withScenario(plan.machines().get(i).scenario()));
        }
        return specs;
    }

    /** Copies the bundled model and manifest out of the jar: the bridge loads models from files, as on a Pi. */
    private static Path extractModel(Path work) throws IOException {
        Path dir = Files.createDirectories(work.resolve("model"));
        for (String name : List.of(MODEL, MANIFEST)) {
            try (InputStream in = DemoRun.class.getResourceAsStream("model/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the demo's model " + name + " is missing from its jar; rebuild "
                            + "with mvn -B -q package -DskipTests");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir.resolve(MODEL);
    }

    private List<VerdictTimeline> timelines(
            Map<String, List<JsonNode>> events, Map<Integer, VerdictTimeline.Fault> faults) {
        List<VerdictTimeline> out = new ArrayList<>();
        for (int i = 0; i < plan.machines().size(); i++) {
            DemoPlan.Machine m = plan.machines().get(i);
            out.add(VerdictTimeline.of(
                    m.name(),
                    m.failure().key(),
                    faults.getOrDefault(i + 1, new VerdictTimeline.Fault(Double.NaN, Double.NaN)),
                    events.getOrDefault(m.name(), List.of())));
        }
        return out;
    }

    /** Waits until the cluster score-service has consumed every record on the readings topic. */
    private void awaitConsumed(EmbeddedScoreService cluster, long records) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (cluster.counters().get("records") < records) {
            if (System.nanoTime() > deadline) {
                say(
                        "  the score-service consumed only %d of %d records in 60 s; its verdicts below are partial",
                        cluster.counters().get("records"), records);
                return;
            }
            Thread.sleep(100);
        }
    }

    private String bridgeToml(Path work, DevStack stack, List<TcpSensorPort> ports, Path model) {
        StringBuilder toml = new StringBuilder();
        toml.append("""
                # written by `lpms-edge demo`: the same file format a plant engineer writes (docs/configuration.md)
                [bridge]
                name = "demo-bridge"

                [spool]
                dir = "%s"
                fsync_interval_ms = 200

                [record]
                readings_topic = "%s"

                [[sink]]
                name = "cluster"
                type = "rest-proxy"
                url = "%s"

                [scoring]
                model = "%s"
                verdict_topic = "%s"

                [status]
                topic = "%s"
                interval_ms = 2000
                """.formatted(
                        tomlPath(work.resolve("spool")),
                        READINGS_TOPIC,
                        stack.restProxy().baseUrl(),
                        tomlPath(model),
                        VERDICTS_TOPIC,
                        STATUS_TOPIC));
        for (int i = 0; i < plan.machines().size(); i++) {
            toml.append(
                    """

                    [[sensor]]
                    name = "%s"
                    link = "tcp://127.0.0.1:%d"
                    rate_hz = %d
                    """.formatted(plan.machines().get(i).name(), ports.get(i).port(), RATE_HZ));
        }
        return toml.toString();
    }

    private static String tomlPath(Path p) {
        return p.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static BridgeConfig load(Path configFile) throws IOException {
        try {
            return new ConfigLoader(Map.of()).load(configFile);
        } catch (ConfigException e) {
            throw new IllegalStateException(
                    "the demo wrote a bridge config the bridge refuses (a bug): " + e.getMessage(), e);
        }
    }

    /**
     * Prints a progress block every few seconds until the sensors finish. Midway, the REST proxy goes down for
     * {@code outage} (a shop-floor Wi-Fi drop): the spool fills, then drains when it is back.
     */
    private void progressUntilFleetDone(Fleet fleet, StatusReporter reporter, long started, DevStack stack)
            throws InterruptedException {
        long outageStart = started + (long) (plan.seconds() * 0.5e9);
        long outageEnd = outageStart + options.outage().toNanos();
        boolean down = false;
        boolean done = options.outage().isZero();
        while (!fleet.await(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (!done && !down && now >= outageStart) {
                stack.restProxy().stop();
                down = true;
                say(
                        "  ** REST proxy down for %d s (a Wi-Fi outage): readings wait in the spool",
                        options.outage().toSeconds());
            } else if (down && now >= outageEnd) {
                stack.restProxy().start();
                down = false;
                done = true;
                say("  ** REST proxy back: the spool drains");
            }
            BridgeStatus st = reporter.snapshot();
            long pending = st.sinks().stream().mapToLong(s -> s.pending()).max().orElse(0);
            long delivered = st.sinks().stream().mapToLong(s -> s.delivered()).sum();
            say(
                    "  t=%3.0fs  delivered %,d  spool %,d pending",
                    (System.nanoTime() - started) / 1e9, delivered, pending);
            for (SensorStatus s : st.sensors()) {
                say(
                        "    %-11s %-10s %5.0f Hz  read %,8d  verdict %s",
                        s.name(),
                        s.state(),
                        s.readingsPerSecond(),
                        s.readings(),
                        s.scoring() == null ? "-" : s.scoring().verdict());
            }
        }
    }

    private static Map<String, Long> producedByImu(Fleet fleet) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RunnerStats s : fleet.stats()) {
            out.put(Integer.toString(s.imuId()), s.dataFrames());
        }
        return out;
    }

    private Map<String, Long> produced(Fleet fleet) {
        Map<String, Long> byImu = producedByImu(fleet);
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < plan.machines().size(); i++) {
            out.put(plan.machines().get(i).name(), byImu.getOrDefault(Integer.toString(i + 1), 0L));
        }
        return out;
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

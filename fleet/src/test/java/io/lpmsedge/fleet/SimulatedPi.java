package io.lpmsedge.fleet;

import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.BridgeSinks;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.fleetstatus.StatusPublisher;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.fleet.SensorSpec;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.TcpSensorPort;
import io.lpmsedge.simulator.scenario.Scenario;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Raspberry Pi of a simulated plant: virtual LPMS-B2 sensors on loopback TCP (one per machine, each with its
 * own schedule of health and faults) and a real bridge reading them, spooling, delivering through a REST Proxy
 * and publishing status events every second. The bridge can be stopped and started again (a new boot) while
 * the machines keep running.
 */
final class SimulatedPi implements AutoCloseable {
    /** The model the demo runs (acc + gyro with derived features, 100 Hz); scored machines use it. */
    static final Path MODEL =
            Path.of("..", "samples", "models", "arm_ae.zip").toAbsolutePath().normalize();

    private final String name;
    private final List<String> machines;
    private final Fleet sensors;
    private final List<TcpSensorPort> ports;
    private final Path dir;
    private final String restUrl;
    private final FleetTopicsForTest topics;
    private final boolean scored;
    private String sinkToml;
    private Bridge bridge;

    /** Topic names one test uses. */
    record FleetTopicsForTest(String readings, String verdicts, String status) {}

    /**
     * @param scenarios one per machine, e.g. {@code Scenario.parse("ok:8s,backlash:10m@1.0")}
     * @param speed     sensor seconds per wall second
     */
    SimulatedPi(
            String name,
            List<String> machines,
            List<Scenario> scenarios,
            double speed,
            boolean scored,
            String restUrl,
            FleetTopicsForTest topics,
            Path dir)
            throws Exception {
        this.name = name;
        this.machines = List.copyOf(machines);
        this.dir = dir;
        this.restUrl = restUrl;
        this.topics = topics;
        this.scored = scored;
        ConfigWord word = ConfigWord.of(100, false, Output.GYRO, Output.ACC);
        DeviceSettings device =
                new DeviceSettings(word, SensorMode.STREAM, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2, 0);
        List<SensorSpec> layout = FleetLayout.specs(
                machines.size(), 1, 7, Scenario.ok(), device, LinkFaultConfig.NONE, Double.POSITIVE_INFINITY);
        List<SensorSpec> specs = new ArrayList<>();
        ports = new ArrayList<>();
        for (int i = 0; i < machines.size(); i++) {
            specs.add(layout.get(i).withScenario(scenarios.get(i)));
            ports.add(new TcpSensorPort(InetAddress.getLoopbackAddress(), 0, "sim-" + name + "-" + i));
        }
        sensors = Fleet.start(specs, ports, speed, null);
        sinkToml = """
                [[sink]]
                name = "cluster"
                type = "rest-proxy"
                url = "%s"
                api = "v3"
                linger_ms = 20
                retry_backoff_initial_ms = 50
                retry_backoff_max_ms = 500
                """.formatted(restUrl);
    }

    /** Delivers through these {@code [[sink]]} tables instead of the REST Proxy (from the next start). */
    synchronized SimulatedPi withSinks(String toml) {
        this.sinkToml = toml;
        return this;
    }

    String name() {
        return name;
    }

    BridgeConfig config() throws Exception {
        StringBuilder toml = new StringBuilder(
                """
                [bridge]
                name = "%s"
                [link]
                backoff_initial_ms = 20
                backoff_max_ms = 200
                [spool]
                dir = "%s"
                fsync_interval_ms = 20
                [record]
                readings_topic = "%s"
                [status]
                topic = "%s"
                interval_ms = 1000
                """.formatted(name, dir.resolve("spool-" + name), topics.readings(), topics.status()));
        toml.append(sinkToml);
        if (scored) {
            toml.append("""
                    [scoring]
                    model = "%s"
                    verdict_topic = "%s"
                    """.formatted(MODEL, topics.verdicts()));
        }
        for (int i = 0; i < machines.size(); i++) {
            toml.append("""
                    [[sensor]]
                    name = "%s"
                    link = "tcp://127.0.0.1:%d"
                    outputs = ["acc", "gyro"]
                    rate_hz = 100
                    """.formatted(machines.get(i), ports.get(i).port()));
        }
        return new ConfigLoader(Map.of()).parse(toml.toString(), name + ".toml");
    }

    /** Starts a bridge (a new boot id) on this Pi's sensors. */
    synchronized void startBridge() throws Exception {
        BridgeConfig config = config();
        bridge = new Bridge(
                config,
                new SensorLinks(config.link(), null),
                Delivery.open(config.delivery(), BridgeSinks.kinds(), Clock.systemUTC()),
                List.of(),
                Clock.systemUTC());
        StatusPublisher.attach(bridge, config, "test");
        bridge.start();
    }

    synchronized Bridge bridge() {
        return bridge;
    }

    /** A clean stop: the bridge sends its last status event and delivers what is spooled. */
    synchronized void stopBridge() throws InterruptedException {
        if (bridge != null) {
            bridge.stop(Duration.ofSeconds(10));
            bridge = null;
        }
    }

    @Override
    public void close() throws Exception {
        stopBridge();
        sensors.close();
    }
}

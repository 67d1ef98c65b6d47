package io.lpmsedge.bridge;

import static io.lpmsedge.bridge.BridgeAgainstSimulatorTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.reload.ConfigReloader;
import io.lpmsedge.bridge.scoring.ScoringStage;
import io.lpmsedge.bridge.scoring.TestModel;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.session.SensorSession;
import io.lpmsedge.bridge.status.SensorStatus;
import io.lpmsedge.bridge.status.StatusReporter;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensors added, removed and changed by a reload (docs/install-and-operate.md#reloading-the-configuration), on the
 * real pieces: simulated sensors on loopback TCP, the bridge's sessions, the spool with a JSON Lines sink, the scorer
 * with a {@code [[scoring.model]]} pattern, and the {@link ConfigReloader} reading the file as SIGHUP does. The other
 * sensors must never notice: no reconnect, and their window events continue without a gap.
 */
class BridgeSensorReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private SimulatedSensors sim;
    private Bridge bridge;
    private ConfigReloader reloader;
    private Path file;

    private record Sensor(String name, int sim, int rateHz) {}

    private String toml(List<Sensor> sensors, String scored) {
        return toml(sensors, scored, 5);
    }

    private String toml(List<Sensor> sensors, String scored, int lingerMs) {
        StringBuilder t = new StringBuilder(
                """
                [bridge]
                name = "press-3"
                [link]
                command_timeout_ms = 500
                backoff_initial_ms = 20
                backoff_max_ms = 200
                stall_timeout_ms = 1000
                [spool]
                dir = "%s"
                fsync_interval_ms = 20
                [[sink]]
                name = "file"
                type = "jsonl"
                path = "%s"
                linger_ms = %d
                [scoring]
                window_events = true
                watch_ms = 0
                [[scoring.model]]
                name = "arm"
                model = "%s"
                sensors = [%s]
                """.formatted(tmp.resolve("spool"), tmp.resolve("out.jsonl"), lingerMs, TestModel.model(), scored));
        for (Sensor s : sensors) {
            t.append("[[sensor]]\nname = \"%s\"\nlink = \"%s\"\noutputs = [\"acc\", \"gyro\"]\nrate_hz = %d\n"
                    .formatted(s.name(), sim.link(s.sim()), s.rateHz()));
        }
        return t.toString();
    }

    private void start(List<Sensor> sensors, String scored) throws Exception {
        sim = SimulatedSensors.tcp(3, SensorMode.STREAM, LinkFaultConfig.NONE, 10, Double.POSITIVE_INFINITY);
        file = Files.writeString(tmp.resolve("bridge.toml"), toml(sensors, scored));
        BridgeConfig config = new ConfigLoader(Map.of()).load(file);
        bridge = new Bridge(
                config,
                new SensorLinks(config.link(), null),
                Delivery.open(config.delivery(), BridgeSinks.kinds(), Clock.systemUTC()),
                List.of(),
                Clock.systemUTC());
        bridge.start();
        reloader = new ConfigReloader(
                ConfigReloader.Loader.file(file, Map.of()),
                file.toString(),
                config,
                bridge::reconfigure,
                bridge.reloads(),
                Clock.systemUTC());
    }

    /** Writes the file and reloads it as SIGHUP does, waiting for the outcome. */
    private void reload(List<Sensor> sensors, String scored) throws Exception {
        Files.writeString(file, toml(sensors, scored));
        reloader.request("test").get(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (reloader != null) {
            reloader.close();
        }
        if (bridge != null && bridge.isRunning()) {
            bridge.stop(Duration.ofSeconds(10));
        }
        if (sim != null) {
            sim.close();
        }
    }

    private SensorSession session(String name) {
        return bridge.sessions().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no running sensor " + name));
    }

    private long windows(String sensor) {
        return bridge.scoring().status(sensor).map(v -> v.windowsScored()).orElse(0L);
    }

    /** What the sink delivered, by sensor: the readings and the window events. */
    private record Delivered(Map<String, List<JsonNode>> readings, Map<String, List<JsonNode>> windows) {}

    private Delivered delivered() throws Exception {
        Map<String, List<JsonNode>> readings = new TreeMap<>();
        Map<String, List<JsonNode>> windows = new TreeMap<>();
        for (String line : Files.readAllLines(tmp.resolve("out.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            String sensor = n.get("sensor").asText();
            (n.has("type") ? windows : readings)
                    .computeIfAbsent(sensor, k -> new ArrayList<>())
                    .add(n);
        }
        return new Delivered(readings, windows);
    }

    /** Every reading once, seq 0..n-1 in order: none lost, none repeated (a restart carries seq on). */
    private static void assertSeqContinuous(String sensor, List<JsonNode> readings) {
        for (int i = 0; i < readings.size(); i++) {
            assertEquals(i, readings.get(i).get("seq").asLong(), sensor + ": reading " + i);
        }
    }

    /** Window events 0..n-1, each starting where the previous ended: no gap, no window judged twice. */
    private static void assertWindowsContinuous(String sensor, List<JsonNode> windows) {
        assertFalse(windows.isEmpty(), sensor + " has window events");
        for (int k = 0; k < windows.size(); k++) {
            JsonNode w = windows.get(k);
            assertEquals(k, w.get("window").asLong(), sensor + ": window indices continue");
            assertEquals(k * 200L, w.get("firstSeq").asLong(), sensor + ": window " + k + " " + w);
            assertEquals(1, w.get("linkEpoch").asLong(), sensor + ": never reconnected");
        }
    }

    @Test
    void aSensorAddedByAReloadStreamsIsScoredAndDeliveredWhileTheOthersGoOn() throws Exception {
        List<Sensor> two = List.of(new Sensor("arm-1", 0, 100), new Sensor("arm-2", 1, 100));
        start(two, "\"arm-*\"");
        await(() -> windows("arm-1") >= 2 && windows("arm-2") >= 2, "both sensors scored");

        // A bad file changes nothing: one ERROR with file:line and the fix, the bridge runs on as it was.
        List<Sensor> duplicate = new ArrayList<>(two);
        duplicate.add(new Sensor("arm-1", 2, 100));
        reload(duplicate, "\"arm-*\"");
        assertEquals(1, bridge.reloads().refused());
        String refusal = bridge.reloads().last().message();
        assertTrue(
                refusal.contains(file + ":") && refusal.contains("duplicate sensor name 'arm-1'"),
                "names the file:line and the problem: " + refusal);
        assertEquals(List.of("arm-1", "arm-2"), names());

        // The same file also changes a sink key: that needs a restart (one WARN) and is not applied, the new sensor is.
        List<Sensor> three = new ArrayList<>(two);
        three.add(new Sensor("arm-3", 2, 100));
        var sinksBefore = bridge.config().delivery();
        Files.writeString(file, toml(three, "\"arm-*\"", 50));
        reloader.request("test").get(60, TimeUnit.SECONDS);
        assertEquals(1, bridge.reloads().installed(), bridge.reloads().last().message());
        assertEquals(sinksBefore, bridge.config().delivery(), "the sink keeps its running settings");
        assertEquals(List.of("arm-1", "arm-2", "arm-3"), names());
        await(() -> windows("arm-3") >= 3, "the new sensor scored by the pattern's model");
        assertEquals("arm", bridge.scoring().status("arm-3").orElseThrow().model());
        long arm1 = windows("arm-1");
        await(() -> windows("arm-1") >= arm1 + 2, "the others go on being scored");
        SensorSession added = session("arm-3");
        assertTrue(bridge.stop(Duration.ofSeconds(10)), "clean stop");

        Delivered d = delivered();
        assertEquals(
                added.counters().readings(),
                d.readings().get("arm-3").size(),
                "every reading of the new sensor delivered");
        assertSeqContinuous("arm-3", d.readings().get("arm-3"));
        assertTrue(d.windows().get("arm-3").size() >= 3, "its window events delivered");
        for (String other : List.of("arm-1", "arm-2")) {
            assertEquals(1, session(other).counters().connects(), other + " was never reconnected");
            assertSeqContinuous(other, d.readings().get(other));
            assertWindowsContinuous(other, d.windows().get(other));
        }
    }

    @Test
    void aSensorRemovedByAReloadStopsAndEverythingItReadIsDelivered() throws Exception {
        List<Sensor> three =
                List.of(new Sensor("arm-1", 0, 100), new Sensor("arm-2", 1, 100), new Sensor("arm-3", 2, 100));
        start(three, "\"arm-*\"");
        await(() -> windows("arm-1") >= 2 && windows("arm-2") >= 2 && windows("arm-3") >= 2, "all scored");
        SensorSession removed = session("arm-2");
        StatusReporter status = StatusReporter.of(bridge);
        assertTrue(status.snapshot().sensors().stream().anyMatch(s -> s.name().equals("arm-2")));

        reload(List.of(three.get(0), three.get(2)), "\"arm-*\"");
        assertEquals(1, bridge.reloads().installed(), bridge.reloads().last().message());
        assertEquals(LinkState.STOPPED, removed.counters().state(), "its link was closed and its reader ended");
        assertEquals(List.of("arm-1", "arm-3"), names());
        assertEquals(
                List.of("arm-1", "arm-3"),
                status.snapshot().sensors().stream().map(SensorStatus::name).toList(),
                "it left the status");
        ScoringStage scoring = bridge.scoring();
        await(() -> scoring.status("arm-2").isEmpty(), "its verdict retired once its last readings were scored");
        long readAtRemoval = removed.counters().readings();
        long arm1 = windows("arm-1");
        await(() -> windows("arm-1") >= arm1 + 2, "the others go on being scored");
        assertEquals(readAtRemoval, removed.counters().readings(), "nothing read after its removal");
        assertTrue(bridge.stop(Duration.ofSeconds(10)), "clean stop");

        Delivered d = delivered();
        assertEquals(0, removed.counters().droppedQueueFull());
        assertEquals(readAtRemoval, d.readings().get("arm-2").size(), "every reading it had read was delivered");
        assertSeqContinuous("arm-2", d.readings().get("arm-2"));
        for (String other : List.of("arm-1", "arm-3")) {
            assertEquals(1, session(other).counters().connects(), other + " was never reconnected");
            assertSeqContinuous(other, d.readings().get(other));
            assertWindowsContinuous(other, d.windows().get(other));
        }
    }

    @Test
    void aSensorWhoseRateChangedRestartsAloneAndCarriesItsSeqOn() throws Exception {
        // arm-2 is not scored: the test model is calibrated for 100 Hz and would refuse 50 Hz.
        List<Sensor> before = List.of(new Sensor("arm-1", 0, 100), new Sensor("arm-2", 1, 100));
        start(before, "\"arm-1\"");
        await(() -> session("arm-2").counters().readings() >= 300 && windows("arm-1") >= 2, "both streaming");

        reload(List.of(before.get(0), new Sensor("arm-2", 1, 50)), "\"arm-1\"");
        assertEquals(1, bridge.reloads().installed(), bridge.reloads().last().message());
        assertTrue(
                bridge.reloads().last().message().contains("[arm-2] restarted"),
                bridge.reloads().last().message());
        SensorSession restarted = session("arm-2");
        assertEquals(50, restarted.config().rateHz());
        long at = restarted.counters().readings();
        await(
                () -> restarted.counters().state() == LinkState.STREAMING
                        && restarted.counters().readings() >= at + 200,
                "arm-2 streams again at its new rate");
        long arm1 = windows("arm-1");
        await(() -> windows("arm-1") >= arm1 + 2, "arm-1 goes on being scored");
        assertTrue(bridge.stop(Duration.ofSeconds(10)), "clean stop");

        assertEquals(1, session("arm-1").counters().connects(), "arm-1 was never reconnected");
        // at least once: a simulated sensor may close the first new connection while its old one still winds down
        assertTrue(restarted.counters().connects() >= 2, "arm-2 reconnected for its new settings");
        Delivered d = delivered();
        List<JsonNode> arm2 = d.readings().get("arm-2");
        assertSeqContinuous("arm-2", arm2);
        assertEquals(restarted.counters().readings(), arm2.size(), "every reading of both sessions delivered");
        List<JsonNode> second =
                arm2.stream().filter(r -> r.get("linkEpoch").asLong() >= 2).toList();
        assertTrue(second.size() >= 200, "the new session's readings carry on the link epochs");
        for (int i = 1; i < second.size(); i++) {
            assertEquals(
                    8,
                    second.get(i).get("ticks").asLong()
                            - second.get(i - 1).get("ticks").asLong(),
                    "50 Hz: 8 ticks of the 400 Hz counter per reading");
        }
        assertSeqContinuous("arm-1", d.readings().get("arm-1"));
        assertWindowsContinuous("arm-1", d.windows().get("arm-1"));
    }

    private List<String> names() {
        return bridge.sessions().stream().map(SensorSession::name).toList();
    }
}

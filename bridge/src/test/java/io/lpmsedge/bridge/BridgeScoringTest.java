package io.lpmsedge.bridge;

import static io.lpmsedge.bridge.BridgeAgainstSimulatorTest.TIMEOUT_MS;
import static io.lpmsedge.bridge.BridgeAgainstSimulatorTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.scoring.MockGpio;
import io.lpmsedge.bridge.scoring.ScoringStage;
import io.lpmsedge.bridge.scoring.TestModel;
import io.lpmsedge.bridge.scoring.VerdictStatus;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live scoring end to end: simulated sensors over loopback TCP → bridge → scorer thread, with the real spool and a
 * JSON Lines sink, and the verdict line on Pi4J's mock GPIO. The model was trained on the simulator's healthy arm
 * (see {@code src/test/resources/models/regenerate.sh}).
 */
class BridgeScoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private BridgeConfig config(String link, String scoringExtra) throws Exception {
        return config(link, scoringExtra, 400);
    }

    private BridgeConfig config(String link, String scoringExtra, long stallTimeoutMs) throws Exception {
        return BridgeAgainstSimulatorTest.config(
                """
                [[sensor]]
                name = "arm-1"
                link = "%s"
                outputs = ["acc", "gyro"]
                rate_hz = 100
                """.formatted(link),
                """
                [spool]
                dir = "%s"
                fsync_interval_ms = 20
                [[sink]]
                name = "file"
                type = "jsonl"
                path = "%s"
                linger_ms = 5
                [scoring]
                model = "%s"
                %s
                [gpio]
                pin = 17
                """.formatted(tmp.resolve("spool"), tmp.resolve("out.jsonl"), TestModel.model(), scoringExtra),
                stallTimeoutMs);
    }

    private record Run(Bridge bridge, CollectingSink readings, Context gpio) {}

    private static Run start(BridgeConfig config) throws Exception {
        Context gpio = MockGpio.context();
        CollectingSink readings = new CollectingSink();
        Bridge bridge = new Bridge(
                config,
                new SensorLinks(config.link(), null),
                Delivery.open(config.delivery(), BridgeSinks.kinds(), Clock.systemUTC()),
                List.of(readings),
                Clock.systemUTC(),
                MockGpio.indicator(gpio, config.scoring().gpio()));
        bridge.start();
        return new Run(bridge, readings, gpio);
    }

    /** The values the JSON Lines sink wrote that are verdict-topic records, by {@code type}. */
    private List<JsonNode> events(String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("out.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            if (type.equals(n.path("type").asText())) {
                out.add(n);
            }
        }
        return out;
    }

    @Test
    void aHealthyArmWithReconnectsNeverFailsAndNoWindowSpansAReconnect() throws Exception {
        // The simulator drops the connection every 20 s of sensor time (1 s of wall time at 20x).
        LinkFaultConfig drops = new LinkFaultConfig(20, 0, 0, 0, 0, 0, 1);
        try (SimulatedSensors sim = SimulatedSensors.tcp(1, SensorMode.STREAM, drops, 20, Double.POSITIVE_INFINITY)) {
            Run run = start(config(sim.link(0), "window_events = true"));
            ScoringStage scoring = run.bridge().scoring();
            SensorCounters c = run.bridge().sessions().get(0).counters();
            await(
                    () -> scoring.status("arm-1").orElseThrow().windowsScored() >= 60 && c.reconnects() >= 3,
                    "60 windows (2 min of sensor time) over at least 3 reconnects");
            assertEquals(DigitalState.LOW, MockGpio.line(run.gpio()), "no FAILURE: the stack light stays off");
            assertTrue(run.bridge().stop(Duration.ofSeconds(10)), "clean stop");

            VerdictStatus s = scoring.status("arm-1").orElseThrow();
            assertEquals(Verdict.OK, s.verdict());
            assertEquals(0, s.verdictChanges(), "a healthy arm never reaches FAILURE");
            assertTrue(s.gaps() >= 3, "every reconnect closed the open window: " + s);
            assertEquals(0, s.droppedInHandoff());
            assertEquals(run.readings().readings().size(), s.readingsScored(), "the scorer saw every reading");
            assertEquals(List.of(), events("verdict"));

            Map<Long, Long> epochBySeq = new HashMap<>();
            for (Reading r : run.readings().readings()) {
                epochBySeq.put(r.lineage().seq(), r.lineage().linkEpoch());
            }
            List<JsonNode> windows = events("window");
            assertEquals(s.windowsScored(), windows.size(), "every window summary was spooled and delivered");
            Map<String, Long> byTopic =
                    run.bridge().delivery().senders().get(0).counters().deliveredByTopic();
            assertEquals(
                    windows.size(), byTopic.get("verdicts"), "window events counted on their own topic: " + byTopic);
            assertEquals(run.readings().readings().size(), byTopic.get("readings"), byTopic.toString());
            for (JsonNode w : windows) {
                long first = w.get("firstSeq").asLong();
                long last = w.get("lastSeq").asLong();
                assertEquals(199, last - first, "200 readings per window");
                for (long seq = first; seq <= last; seq++) {
                    assertEquals(w.get("linkEpoch").asLong(), epochBySeq.get(seq), "window " + w + " at seq " + seq);
                }
                assertEquals("OK", w.get("verdict").asText());
                assertEquals(run.bridge().bootId(), w.get("bootId").asText());
            }
        }
    }

    @Test
    void strongBacklashTurnsTheVerdictToFailureSpoolsTheEventAndLightsTheOutput() throws Exception {
        // 20 s healthy, then a badly worn gearbox (severity 1), for 40 s of sensor time: 4000 readings, 20 windows.
        // The sensor starts in command mode and runs as fast as the bridge reads: its clock stands still until the
        // bridge has configured it and asked for the stream, so the healthy part is always scored first and the
        // windows (and their RMS) are the same on every run. Paced at 20x instead, the arm's clock started with the
        // simulator, and on a loaded machine the bridge's own start-up outlasted the 1 s of wall time the healthy
        // part took: the first window was already worn.
        try (SimulatedSensors sim = SimulatedSensors.tcp(
                1,
                SensorMode.COMMAND,
                LinkFaultConfig.NONE,
                Double.POSITIVE_INFINITY,
                40,
                Scenario.parse("ok:20s,backlash:10m@1.0"))) {
            // No stall reconnects (the stall timeout is wall time; a loaded machine can hold the sensor's thread
            // for 400 ms): one unbroken stream keeps the 20 windows where they are.
            Run run = start(config(sim.link(0), "", 30_000));
            ScoringStage scoring = run.bridge().scoring();
            SensorCounters c = run.bridge().sessions().get(0).counters();
            await(scoring::anyFailure, "FAILURE");
            // The status is checked once every window is scored: while windows still come in, the last one may be
            // a quiet one (backlash knocks in bursts; the verdict holds FAILURE until 2 quiet windows in a row).
            assertTrue(sim.fleet.await(TIMEOUT_MS, TimeUnit.MILLISECONDS), "the simulated arm streamed its 40 s");
            await(
                    () -> c.state() != LinkState.STREAMING
                            && scoring.status("arm-1").orElseThrow().readingsScored() == c.readings(),
                    "the stream read to its end and every reading scored");
            assertEquals(DigitalState.HIGH, MockGpio.line(run.gpio()), "the stack light is on");
            VerdictStatus s = scoring.status("arm-1").orElseThrow();
            assertEquals(20, s.windowsScored(), s.toString());
            assertEquals(Verdict.FAILURE, s.verdict());
            assertTrue(s.lastRms() > s.threshold(), s.toString());
            await(
                    () -> {
                        try {
                            return Files.exists(tmp.resolve("out.jsonl"))
                                    && !events("verdict").isEmpty();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    },
                    "the verdict event delivered by the sink while the bridge runs");
            assertTrue(run.bridge().stop(Duration.ofSeconds(10)), "clean stop");

            JsonNode e = events("verdict").get(0);
            assertEquals(2, e.get("schema").asInt());
            assertEquals("bridge", e.get("source").asText());
            assertEquals("arm-1", e.get("sensor").asText());
            assertEquals("test-bridge", e.get("bridge").asText());
            assertEquals(run.bridge().bootId(), e.get("bootId").asText());
            assertEquals("FAILURE", e.get("verdict").asText());
            assertEquals("OK", e.get("previousVerdict").asText());
            assertEquals("sim_ok_ae.zip", e.get("model").asText());
            assertEquals(199, e.get("lastSeq").asLong() - e.get("firstSeq").asLong());
            assertTrue(e.get("rms").asDouble() > e.get("threshold").asDouble());
            // Sensor time is the machine's time (ticks from 0, never reset here), so the fault began at 20 s.
            double reached = e.get("endTime").asDouble();
            assertTrue(reached > 20 && reached < 40, "FAILURE within a few windows of the fault's onset: " + reached);
        }
    }
}

package io.lpmsedge.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.bridge.session.SensorSession;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.frame.DecoderCounters;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.LinkFaultStats;
import io.lpmsedge.testsupport.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The whole ingest path against simulated sensors over real loopback TCP. */
class BridgeAgainstSimulatorTest {
    static final long TIMEOUT_MS = 20_000;

    static BridgeConfig config(String sensorsToml, String extra) throws Exception {
        return config(sensorsToml, extra, 400);
    }

    /**
     * As {@link #config(String, String)} with another stall timeout: a test that is not about stalls and needs an
     * unbroken stream sets a long one, since on a loaded machine the sensor's thread can be off the CPU for 400 ms.
     */
    static BridgeConfig config(String sensorsToml, String extra, long stallTimeoutMs) throws Exception {
        return new ConfigLoader(Map.of()).parse("""
                [bridge]
                name = "test-bridge"
                [link]
                command_timeout_ms = 500
                backoff_initial_ms = 20
                backoff_max_ms = 200
                stall_timeout_ms = %d
                """.formatted(stallTimeoutMs) + extra + sensorsToml, "test.toml");
    }

    static Bridge start(BridgeConfig config, CollectingSink sink) {
        Bridge bridge =
                new Bridge(config, new SensorLinks(config.link(), null), null, List.of(sink), Clock.systemUTC());
        bridge.start();
        return bridge;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofMillis(TIMEOUT_MS), what);
    }

    static void assertSeqWithoutHoles(List<Reading> readings) {
        for (int i = 0; i < readings.size(); i++) {
            assertEquals(i, readings.get(i).lineage().seq(), "seq must count every reading without holes");
        }
    }

    @Test
    void configuresASensorLeftStreamingAndDeliversWhatWasAsked() throws Exception {
        try (SimulatedSensors sim =
                SimulatedSensors.tcp(1, SensorMode.STREAM, LinkFaultConfig.NONE, 4, Double.POSITIVE_INFINITY)) {
            BridgeConfig config = config("""
                    [[sensor]]
                    name = "arm-1"
                    link = "%s"
                    outputs = ["gyro", "acc", "quat"]
                    rate_hz = 200
                    data_mode = "16bit"
                    """.formatted(sim.link(0)), "");
            CollectingSink sink = new CollectingSink();
            Bridge bridge = start(config, sink);
            List<Reading> got = sink.await(r -> r.size() >= 300, TIMEOUT_MS, "300 readings");
            assertTrue(bridge.stop(Duration.ofSeconds(5)), "clean stop");
            assertTrue(sink.closed(), "the sink is closed on stop");

            got = sink.readings();
            assertSeqWithoutHoles(got);
            Set<Output> asked = EnumSet.of(Output.GYRO, Output.ACC, Output.QUAT);
            for (int i = 0; i < got.size(); i++) {
                Reading r = got.get(i);
                for (Output o : Output.values()) {
                    assertEquals(asked.contains(o), r.has(o), "reading " + i + " output " + o.key());
                }
                assertEquals("test-bridge", r.lineage().bridge());
                assertEquals("arm-1", r.lineage().sensorName());
                assertEquals(bridge.bootId(), r.lineage().bootId());
                assertEquals(1, r.lineage().linkEpoch());
                assertTrue(r.receivedAtNanos() > 1_700_000_000_000_000_000L, "wall-clock receive time");
                if (i > 0) {
                    assertEquals(2, (r.tick() - got.get(i - 1).tick()) & 0xFFFFFFFFL, "200 Hz = 2 ticks per sample");
                }
                double norm = 0;
                for (int c = 0; c < 4; c++) {
                    norm += r.get(Output.QUAT, c) * r.get(Output.QUAT, c);
                }
                assertEquals(1.0, Math.sqrt(norm), 1e-3, "16-bit quaternion decoded with the b2-fw2 divisor");
            }
            SensorSession session = bridge.sessions().get(0);
            SensorCounters c = session.counters();
            assertEquals(1, c.connects());
            assertEquals(0, c.reconnects());
            assertEquals(0, c.tickGaps());
            assertEquals(got.size(), c.readings());
            assertEquals(0, session.frameCounters().badFrames());
            assertEquals(LinkState.STOPPED, c.state());
        }
    }

    @Test
    void reconnectsAfterDroppedConnectionsKeepingSeqWithoutHoles() throws Exception {
        // The simulator closes each connection after 0.5 s of sensor time (0.125 s at 4x).
        LinkFaultConfig drops = new LinkFaultConfig(0.5, 0, 0, 0, 0, 0, 1);
        try (SimulatedSensors sim = SimulatedSensors.tcp(1, SensorMode.STREAM, drops, 4, Double.POSITIVE_INFINITY)) {
            BridgeConfig config = config("""
                    [[sensor]]
                    name = "arm-1"
                    link = "%s"
                    outputs = ["acc"]
                    rate_hz = 100
                    """.formatted(sim.link(0)), "");
            CollectingSink sink = new CollectingSink();
            Bridge bridge = start(config, sink);
            SensorCounters c = bridge.sessions().get(0).counters();
            await(() -> c.connects() >= 5 && c.readings() > 0, "5 connections");
            bridge.stop(Duration.ofSeconds(5));

            List<Reading> got = sink.readings();
            assertSeqWithoutHoles(got);
            long epoch = 1;
            for (Reading r : got) {
                assertTrue(r.lineage().linkEpoch() >= epoch, "linkEpoch never goes back");
                epoch = r.lineage().linkEpoch();
                assertEquals(EnumSet.of(Output.ACC).size(), countOutputs(r), "re-configured after every reconnect");
            }
            assertTrue(epoch >= 4, "readings from at least 4 connections, last epoch " + epoch);
            assertTrue(c.disconnects() >= 4, "each drop is counted: " + c.disconnects());
            assertEquals(c.connects() - 1, c.reconnects());
            // The simulated counter runs on while the link is down, as a B2's does: the jump to the first tick of
            // a new connection is not lost samples (gaps are counted within a connection).
            assertEquals(0, c.tickGaps());
            assertTrue(c.lastError().startsWith("link lost"), c.lastError());
        }
    }

    @Test
    void aStalledLinkIsDetectedAndReconnected() throws Exception {
        // Every 2 s of sensor time the link goes silent for 1.5 s: 0.75 s of wall time at 2x > 400 ms stall timeout.
        LinkFaultConfig stalls = new LinkFaultConfig(0, 2, 1.5, 0, 0, 0, 1);
        try (SimulatedSensors sim = SimulatedSensors.tcp(1, SensorMode.STREAM, stalls, 2, Double.POSITIVE_INFINITY)) {
            BridgeConfig config = config("""
                    [[sensor]]
                    name = "arm-1"
                    link = "%s"
                    """.formatted(sim.link(0)), "");
            CollectingSink sink = new CollectingSink();
            Bridge bridge = start(config, sink);
            SensorCounters c = bridge.sessions().get(0).counters();
            await(() -> c.stalls() >= 2 && c.connects() >= 3, "two stalls and reconnects");
            bridge.stop(Duration.ofSeconds(5));
            assertSeqWithoutHoles(sink.readings());
            assertTrue(
                    c.lastError() != null
                            && (c.lastError().startsWith("stalled")
                                    || c.lastError().startsWith("link")),
                    c.lastError());
        }
    }

    @Test
    void injectedCorruptionGarbageAndLossAreCountedExactly() throws Exception {
        // Command-mode start: every data frame the simulator sends is one the bridge configured, so the counts match.
        // As fast as the bridge reads: the sensor's clock stands still until the bridge asks for the stream, so all
        // 20 s of sensor time (2000 frames) are streamed to it however long its start-up takes on a loaded machine.
        // (Paced at 20x they lasted 1 s of wall time from the simulator's start, and a bridge that connected later
        // met a sensor that had already finished: nothing sent, no fault injected.)
        LinkFaultConfig faults = new LinkFaultConfig(0, 0, 0, 0.03, 0.03, 0.01, 3);
        try (SimulatedSensors sim = SimulatedSensors.tcp(1, SensorMode.COMMAND, faults, Double.POSITIVE_INFINITY, 20)) {
            BridgeConfig config = config("""
                    [[sensor]]
                    name = "arm-1"
                    link = "%s"
                    outputs = ["gyro", "acc", "mag", "angVel", "quat", "euler", "linAcc", "pressure", "altitude", "temperature", "heave"]
                    rate_hz = 100
                    """.formatted(sim.link(0)), "");
            CollectingSink sink = new CollectingSink();
            Bridge bridge = start(config, sink);
            assertTrue(sim.fleet.await(TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS), "simulator finished");
            SensorSession session = bridge.sessions().get(0);
            LinkFaultStats injected = sim.faults(0);
            await(() -> session.counters().readings() >= injected.framesSent(), "every intact frame");
            bridge.stop(Duration.ofSeconds(5));

            DecoderCounters.Snapshot frames = session.frameCounters();
            SensorCounters c = session.counters();
            assertTrue(
                    injected.framesCorrupted() > 0 && injected.garbageBursts() > 0 && injected.lossBursts() > 0,
                    "the run injected every kind of fault: " + injected);
            assertEquals(injected.framesSent(), c.readings(), "every intact data frame became a reading");
            assertEquals(injected.expectedBadFrames(), frames.badFrames(), "bad frames");
            assertEquals(injected.framesCorrupted(), frames.lrcMismatch(), "corrupted frames fail their LRC");
            assertEquals(injected.expectedSkippedBytes(), frames.bytesSkipped(), "skipped bytes");
            assertEquals(
                    injected.framesLost() + injected.framesCorrupted(),
                    c.missedSamples(),
                    "tick gaps account for every lost and corrupted frame");
            assertSeqWithoutHoles(sink.readings());
            assertEquals(injected.framesSent(), sink.readings().size());
        }
    }

    @Test
    void aRefusedSettingIsReportedByNameAndRetried() throws Exception {
        // gen1 firmware encodes 400 Hz as 300; a B2 does not know that value and answers NACK.
        try (SimulatedSensors sim =
                SimulatedSensors.tcp(1, SensorMode.STREAM, LinkFaultConfig.NONE, 1, Double.POSITIVE_INFINITY)) {
            BridgeConfig config = config("""
                    [[sensor]]
                    name = "arm-1"
                    link = "%s"
                    rate_hz = 400
                    profile = "gen1"
                    """.formatted(sim.link(0)), "");
            CollectingSink sink = new CollectingSink();
            Bridge bridge = start(config, sink);
            SensorCounters c = bridge.sessions().get(0).counters();
            await(() -> c.configureFailures() >= 2, "two refused configurations");
            bridge.stop(Duration.ofSeconds(5));
            assertTrue(c.lastError().contains("the sensor refused SET_STREAM_FREQ 400 Hz (NACK)"), c.lastError());
            assertEquals(0, c.readings());
        }
    }

    @Test
    void twoSensorsRunIndependently() throws Exception {
        try (SimulatedSensors sim =
                SimulatedSensors.tcp(2, SensorMode.STREAM, LinkFaultConfig.NONE, 4, Double.POSITIVE_INFINITY)) {
            BridgeConfig config = config("""
                    [[sensor]]
                    name = "a"
                    link = "%s"
                    outputs = ["acc"]
                    [[sensor]]
                    name = "b"
                    link = "%s"
                    outputs = ["gyro"]
                    rate_hz = 50
                    """.formatted(sim.link(0), sim.link(1)), "");
            CollectingSink sink = new CollectingSink();
            Bridge bridge = start(config, sink);
            sink.await(
                    r -> r.stream()
                                    .filter(x -> x.lineage().sensorName().equals("b"))
                                    .count()
                            >= 50,
                    TIMEOUT_MS,
                    "50 readings of b");
            bridge.stop(Duration.ofSeconds(5));
            for (String name : List.of("a", "b")) {
                List<Reading> mine = sink.readings().stream()
                        .filter(r -> r.lineage().sensorName().equals(name))
                        .toList();
                assertSeqWithoutHoles(mine);
                Output only = name.equals("a") ? Output.ACC : Output.GYRO;
                assertTrue(mine.stream().allMatch(r -> r.has(only) && countOutputs(r) == 1), name);
            }
        }
    }

    static int countOutputs(Reading r) {
        int n = 0;
        for (Output o : Output.values()) {
            if (r.has(o)) {
                n++;
            }
        }
        return n;
    }
}

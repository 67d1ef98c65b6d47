package io.lpmsedge.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.bridge.session.SensorSession;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.SerialSensorPort;
import io.lpmsedge.simulator.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial link exactly as on a Pi: the bridge opens a tty with jSerialComm, as it opens /dev/rfcomm0; the
 * sensor is the simulator on the other end of a socat pty pair. Then the tty vanishes (an RFCOMM link lost) and
 * comes back. Needs socat (.ci/run installs it).
 */
class BridgeOverPtyTest {
    @TempDir
    Path dir;

    /** A socat pty pair plus a simulated sensor on its sensor end. */
    final class PtySensor implements AutoCloseable {
        final Process socat;
        final Fleet fleet;

        PtySensor(Path sensorEnd, Path hostEnd) throws Exception {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + sensorEnd, "pty,raw,echo=0,link=" + hostEnd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(sensorEnd) && Files.exists(hostEnd))) {
                assertTrue(System.nanoTime() < deadline && socat.isAlive(), "socat made no pty pair");
                socat.waitFor(10, TimeUnit.MILLISECONDS);
            }
            SerialSensorPort port = new SerialSensorPort(sensorEnd.toString());
            port.open();
            DeviceSettings device = new DeviceSettings(
                    SimulatedSensors.POWER_ON, SensorMode.STREAM, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2, 0);
            fleet = Fleet.start(
                    FleetLayout.specs(1, 1, 5, Scenario.ok(), device, LinkFaultConfig.NONE, Double.POSITIVE_INFINITY),
                    List.of(port),
                    4,
                    null);
        }

        @Override
        public void close() throws Exception {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
            fleet.close();
        }
    }

    @Test
    void readsASensorThroughATtyAndSurvivesTheTtyVanishing() throws Exception {
        assumeTrue(socatInstalled(), "socat is not installed (apt-get install -y socat)");
        Path sensorEnd = dir.resolve("sensor");
        Path hostEnd = dir.resolve("rfcomm0");
        BridgeConfig config = BridgeAgainstSimulatorTest.config("""
                [[sensor]]
                name = "arm-1"
                link = "serial://%s"
                outputs = ["acc", "euler"]
                rate_hz = 50
                """.formatted(hostEnd), "");
        CollectingSink sink = new CollectingSink();
        Bridge bridge = BridgeAgainstSimulatorTest.start(config, sink);
        SensorSession session = bridge.sessions().get(0);
        SensorCounters c = session.counters();
        try {
            try (PtySensor first = new PtySensor(sensorEnd, hostEnd)) {
                sink.await(r -> r.size() >= 40, BridgeAgainstSimulatorTest.TIMEOUT_MS, "40 readings over the pty");
            }
            // socat is gone: the tty vanished. The bridge must notice, count it and keep trying.
            BridgeAgainstSimulatorTest.await(
                    () -> c.disconnects() + c.stalls() >= 1
                            && c.connectFailures() >= 1
                            && c.lastError().contains("does not exist"),
                    "the lost tty to be noticed and named");
            int before = sink.readings().size();
            try (PtySensor second = new PtySensor(sensorEnd, hostEnd)) {
                sink.await(
                        r -> r.size() >= before + 40,
                        BridgeAgainstSimulatorTest.TIMEOUT_MS,
                        "40 more readings after the tty came back");
            }
        } finally {
            bridge.stop(Duration.ofSeconds(5));
        }
        List<Reading> got = sink.readings();
        BridgeAgainstSimulatorTest.assertSeqWithoutHoles(got);
        assertEquals(2, got.get(got.size() - 1).lineage().linkEpoch(), "the second tty session is epoch 2");
        assertTrue(got.stream().allMatch(r -> r.has(Output.ACC) && r.has(Output.EULER) && !r.has(Output.GYRO)));
        assertEquals(0, session.frameCounters().badFrames());
        assertEquals(2, c.connects());
    }

    static boolean socatInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "socat"))) {
                return true;
            }
        }
        return false;
    }
}

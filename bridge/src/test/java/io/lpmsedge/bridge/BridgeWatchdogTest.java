package io.lpmsedge.bridge;

import static io.lpmsedge.bridge.ops.NotifySocket.has;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.ops.BridgeProgressProbe;
import io.lpmsedge.bridge.ops.NotifySocket;
import io.lpmsedge.bridge.ops.QuietLimits;
import io.lpmsedge.bridge.ops.ServiceOps;
import io.lpmsedge.bridge.ops.SystemdNotifyCommand;
import io.lpmsedge.bridge.pipeline.ReadingStage;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd watchdog against a real bridge reading a simulated sensor, with the real systemd-notify program
 * and a real NOTIFY_SOCKET: pings while readings flow, none while the pipeline is wedged, pings again after.
 */
class BridgeWatchdogTest {
    static final Duration TICK = Duration.ofMillis(100);

    @TempDir
    Path dir;

    /** A consumer stage (like the edge scorer) that can be made to hang, wedging the dispatcher behind it. */
    static final class HangingTap implements ReadingStage {
        final CountDownLatch hang = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void write(List<Reading> batch) throws java.io.IOException {
            if (hang.getCount() == 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void feedsTheWatchdogOnlyWhileThePipelineMakesProgress() throws Exception {
        assumeTrue(NotifySocket.onPath("systemd-notify"), "systemd-notify (package systemd) is not installed");
        try (SimulatedSensors sim =
                        SimulatedSensors.tcp(1, SensorMode.STREAM, LinkFaultConfig.NONE, 1, Double.POSITIVE_INFINITY);
                NotifySocket socket = NotifySocket.bind(dir)) {
            BridgeConfig config = BridgeAgainstSimulatorTest.config("""
                    [[sensor]]
                    name = "arm-1"
                    link = "%s"
                    rate_hz = 100
                    """.formatted(sim.link(0)), "");
            HangingTap tap = new HangingTap();
            Bridge bridge =
                    new Bridge(config, new SensorLinks(config.link(), null), null, List.of(tap), Clock.systemUTC());
            QuietLimits limits =
                    new QuietLimits(QuietLimits.of(config).sensor(), Duration.ofMillis(500), Duration.ofSeconds(60));
            ServiceOps ops = new ServiceOps(
                    new BridgeProgressProbe(bridge),
                    limits,
                    new SystemdNotifyCommand(
                            List.of("env", "NOTIFY_SOCKET=" + socket.path(), "systemd-notify"),
                            ProcessHandle.current().pid()),
                    Optional.of(TICK));
            bridge.start();
            ops.start();
            try {
                socket.await(m -> has(m, "READY=1"), 10_000, "READY=1");
                socket.await(
                        m -> has(m, "WATCHDOG=1") && m.contains("|STATUS=1/1 sensors streaming, "),
                        20_000,
                        "a ping while the sensor streams");

                tap.hang.countDown(); // the dispatcher blocks in the tap; the hand-off fills behind it
                String stuck = socket.await(
                        m -> m.startsWith("STATUS=NO PROGRESS: the dispatcher wrote nothing"),
                        10_000,
                        "the no-progress status");
                assertEquals(-1, stuck.indexOf("WATCHDOG=1"), stuck);
                List<String> whileStuck = socket.drainFor(10 * TICK.toMillis());
                assertTrue(
                        whileStuck.stream().noneMatch(m -> has(m, "WATCHDOG=1")),
                        "no pings while wedged: " + whileStuck);
                assertTrue(
                        whileStuck.stream().anyMatch(m -> m.startsWith("STATUS=NO PROGRESS")), whileStuck.toString());

                tap.release.countDown();
                socket.await(m -> has(m, "WATCHDOG=1"), 10_000, "pings again once readings move");
            } finally {
                ops.stopping();
                tap.release.countDown();
                bridge.stop(Duration.ofSeconds(5));
            }
            socket.await(m -> has(m, "STOPPING=1"), 10_000, "STOPPING=1");
            List<String> afterStop = socket.drainFor(5 * TICK.toMillis());
            assertTrue(
                    afterStop.stream().noneMatch(m -> has(m, "WATCHDOG=1")), "no ping after STOPPING=1: " + afterStop);
        }
    }
}

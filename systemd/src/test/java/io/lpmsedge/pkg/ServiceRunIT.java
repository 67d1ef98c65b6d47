package io.lpmsedge.pkg;

import static io.lpmsedge.bridge.ops.NotifySocket.has;
import static io.lpmsedge.pkg.Pkg.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmsedge.bridge.ops.NotifySocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed unit's ExecStart, run the way systemd runs it (this machine's PID 1 is not systemd, nor is CI's):
 * a clean environment with systemd's PATH, the unit's Environment= and WorkingDirectory (here a temporary state
 * directory), NOTIFY_SOCKET and WATCHDOG_USEC, and the shipped default config — no sensor or cluster is reachable.
 * It must say READY=1, feed the watchdog (a sensor in reconnect back-off is progress), and on SIGTERM say
 * STOPPING=1 and exit 143, which the unit's SuccessExitStatus counts as success.
 */
class ServiceRunIT {
    static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    Path tmp;

    /** The value of the unit's {@code key=} line (the first one). */
    private static String directive(String unit, String key) {
        return unit.lines()
                .filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError(key + "= missing from the unit"));
    }

    /** The installed unit's ExecStart as systemd would start it, on {@code config} (null: the shipped one). */
    private Process startLikeSystemd(Path root, Path state, NotifySocket socket, Path config) throws Exception {
        String unit = Files.readString(root.resolve("lib/systemd/system/lpms-edge.service"));
        List<String> command =
                new ArrayList<>(Arrays.asList(directive(unit, "ExecStart").split(" ")));
        assertEquals("/usr/bin/lpms-edge", command.get(0));
        command.set(0, root.resolve("usr/bin/lpms-edge").toString());
        command.replaceAll(a -> a.startsWith("/etc/lpms-edge/") ? (config != null ? config.toString() : root + a) : a);

        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(state.toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("journal.txt").toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", SYSTEMD_PATH);
        String environment = directive(unit, "Environment");
        String assignment = environment.substring(1, environment.length() - 1); // "K=V" in quotes
        int eq = assignment.indexOf('=');
        env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        env.put("NOTIFY_SOCKET", socket.path().toString());
        env.put("WATCHDOG_USEC", "3000000");
        // The one change to the shipped config: /var/lib/lpms-edge is the real machine's; use the test's.
        env.put("LPMS_EDGE_SPOOL_DIR", state.resolve("spool").toString());
        return pb.start();
    }

    @Test
    void startsReadyFeedsTheWatchdogAndStopsOnSigtermWithExit143() throws Exception {
        assumeTrue(
                NotifySocket.onPath("systemd-notify"), "systemd-notify (package systemd) is needed to speak sd_notify");
        Path root = tmp.resolve("root");
        Pkg.installTarball(tmp, root);
        Path state = Files.createDirectories(tmp.resolve("state"));
        try (NotifySocket socket = NotifySocket.bind(tmp)) {
            Process bridge = startLikeSystemd(root, state, socket, null);
            try {
                String ready = socket.await(m -> has(m, "READY=1"), 60_000, "READY=1");
                assertTrue(has(ready, "MAINPID=" + bridge.pid()), "the launcher must exec the JVM: " + ready);
                String ping = socket.await(m -> has(m, "WATCHDOG=1"), 10_000, "WATCHDOG=1");
                // The one sensor's tty does not exist: it waits to reconnect, and the status says so.
                assertTrue(
                        ping.contains("STATUS=0/1 sensors streaming (1 waiting to reconnect)")
                                || ping.contains("STATUS=0/1 sensors streaming (1 connecting)"),
                        ping);
                System.out.println("ServiceRunIT: bridge RSS " + rssKb(bridge.pid()) + " kB");
            } finally {
                bridge.destroy(); // SIGTERM, as systemctl stop sends
            }
            socket.await(m -> has(m, "STOPPING=1"), 30_000, "STOPPING=1");
            assertTrue(bridge.waitFor(30, TimeUnit.SECONDS), "TimeoutStopSec is 30 s");
            String journal = Files.readString(tmp.resolve("journal.txt"));
            assertEquals(143, bridge.exitValue(), journal);
            assertContains(journal, "bridge lpms-edge-pi starting");
            assertContains(journal, "bridge lpms-edge-pi stopped");
            assertTrue(Files.isDirectory(state.resolve("spool")), "the spool is created in the state directory");
        }
    }

    /**
     * A sensor on a tty (a socat pty, as /dev/rfcomm0 is a tty) through a SIGTERM: jSerialComm's own shutdown
     * hook ends reads on open ports, which read as a closed link; the stop must be logged as a stop.
     */
    @Test
    void aStopWithASerialSensorIsLoggedAsAStopNotALostLink() throws Exception {
        assumeTrue(
                NotifySocket.onPath("systemd-notify"), "systemd-notify (package systemd) is needed to speak sd_notify");
        assumeTrue(NotifySocket.onPath("socat"), "socat is needed for the pty (apt-get install socat)");
        Path root = tmp.resolve("root");
        Pkg.installTarball(tmp, root);
        Path state = Files.createDirectories(tmp.resolve("state"));
        Path tty = tmp.resolve("rfcomm0");
        try (SimulatedSensors sensor = SimulatedSensors.start(1, 11);
                NotifySocket socket = NotifySocket.bind(tmp)) {
            Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + tty, "tcp:127.0.0.1:" + sensor.port(0))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                Path config = tmp.resolve("serial.toml");
                Files.writeString(
                        config, SimulatedSensors.config("serial-stop", Map.of("tty-1", "serial://" + tty), null));
                awaitFile(tty, socat);
                Process bridge = startLikeSystemd(root, state, socket, config);
                try {
                    socket.await(m -> m.contains("STATUS=1/1 sensors streaming"), 60_000, "the tty sensor streaming");
                } finally {
                    bridge.destroy();
                }
                assertTrue(bridge.waitFor(30, TimeUnit.SECONDS), "TimeoutStopSec is 30 s");
                String journal = Files.readString(tmp.resolve("journal.txt"));
                assertContains(journal, "sensor tty-1: stopped");
                assertFalse(journal.contains("link lost"), "a stop is not a lost link:\n" + journal);
            } finally {
                socat.destroy();
                socat.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitFile(Path file, Process maker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline && maker.isAlive(), "socat made no pty at " + file);
            maker.waitFor(10, TimeUnit.MILLISECONDS);
        }
    }

    private static String rssKb(long pid) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.replaceAll("\\D", ""))
                .findFirst()
                .orElse("?");
    }
}

package io.lpmsedge.pkg;

import io.lpmsedge.bridge.ops.NotifySocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.lpmsedge.bridge.ops.NotifySocket.has;
import static io.lpmsedge.pkg.Pkg.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        return unit.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError(key + "= missing from the unit"));
    }

    @Test
    void startsReadyFeedsTheWatchdogAndStopsOnSigtermWithExit143() throws Exception {
        assumeTrue(NotifySocket.onPath("systemd-notify"), "systemd-notify (package systemd) is needed to speak sd_notify");
        Path root = tmp.resolve("root");
        Pkg.installTarball(tmp, root);
        String unit = Files.readString(root.resolve("lib/systemd/system/lpms-edge.service"));

        List<String> command = new ArrayList<>(Arrays.asList(directive(unit, "ExecStart").split(" ")));
        assertEquals("/usr/bin/lpms-edge", command.get(0));
        command.set(0, root.resolve("usr/bin/lpms-edge").toString());
        command.replaceAll(a -> a.startsWith("/etc/lpms-edge/") ? root + a : a);

        Path state = Files.createDirectories(tmp.resolve("state"));
        try (NotifySocket socket = NotifySocket.bind(tmp)) {
            ProcessBuilder pb = new ProcessBuilder(command).directory(state.toFile()).redirectErrorStream(true)
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

            Process bridge = pb.start();
            try {
                String ready = socket.await(m -> has(m, "READY=1"), 60_000, "READY=1");
                assertTrue(has(ready, "MAINPID=" + bridge.pid()), "the launcher must exec the JVM: " + ready);
                String ping = socket.await(m -> has(m, "WATCHDOG=1"), 10_000, "WATCHDOG=1");
                assertContains(ping, "STATUS=0/1 sensors streaming");
                System.out.println("ServiceRunIT: bridge RSS " + rssKb(bridge.pid()) + " kB with "
                        + env.get("LPMS_EDGE_JAVA_OPTS"));
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

    private static String rssKb(long pid) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.replaceAll("\\D", "")).findFirst().orElse("?");
    }
}

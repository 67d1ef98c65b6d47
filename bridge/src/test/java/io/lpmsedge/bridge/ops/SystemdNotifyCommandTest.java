package io.lpmsedge.bridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real systemd-notify program against a real datagram socket, as systemd would receive it. */
class SystemdNotifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutNotifySocketNothingIsSent() {
        assertSame(ServiceNotifier.none(), ServiceNotifier.fromEnvironment(Map.of()));
        assertSame(ServiceNotifier.none(), ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", " ")));
        assertTrue(ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/x")) instanceof SystemdNotifyCommand);
    }

    @Test
    void sendsReadyStatusWatchdogAndStopping() throws Exception {
        assumeTrue(NotifySocket.onPath("systemd-notify"), "systemd-notify (package systemd) is not installed");
        try (NotifySocket socket = NotifySocket.bind(dir)) {
            SystemdNotifyCommand notifier =
                    new SystemdNotifyCommand(List.of("env", "NOTIFY_SOCKET=" + socket.path(), "systemd-notify"), 4242);
            notifier.ready("started; 0/1 sensors\nstreaming");
            String ready = socket.await(m -> NotifySocket.has(m, "READY=1"), 10_000, "READY=1");
            assertTrue(NotifySocket.has(ready, "MAINPID=4242"), ready);
            assertTrue(NotifySocket.has(ready, "STATUS=started; 0/1 sensors streaming"), ready);

            notifier.watchdog("1/1 sensors streaming");
            String ping = socket.await(m -> NotifySocket.has(m, "WATCHDOG=1"), 10_000, "WATCHDOG=1");
            assertTrue(NotifySocket.has(ping, "STATUS=1/1 sensors streaming"), ping);

            notifier.status("NO PROGRESS: x");
            String status = socket.await(m -> NotifySocket.has(m, "STATUS="), 10_000, "STATUS=");
            assertEquals("STATUS=NO PROGRESS: x", status);

            notifier.startingSlowly(java.time.Duration.ofSeconds(30), "checking the spool: 10 of 20 MB");
            String slow = socket.await(
                    m -> NotifySocket.has(m, "EXTEND_TIMEOUT_USEC=30000000"), 10_000, "EXTEND_TIMEOUT_USEC");
            assertTrue(NotifySocket.has(slow, "WATCHDOG=1"), slow);
            assertTrue(NotifySocket.has(slow, "STATUS=checking the spool: 10 of 20 MB"), slow);

            notifier.stopping("stopping");
            socket.await(m -> NotifySocket.has(m, "STOPPING=1"), 10_000, "STOPPING=1");
        }
    }

    @Test
    void watchdogIntervalIsAThirdOfWhatSystemdAsksForAndOnlyForThisProcess() {
        assertEquals(
                java.time.Duration.ofSeconds(10),
                ServiceOps.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"), 7)
                        .orElseThrow());
        assertEquals(
                java.time.Duration.ofSeconds(10),
                ServiceOps.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 7)
                        .orElseThrow());
        assertTrue(ServiceOps.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "8"), 7)
                .isEmpty());
        assertTrue(ServiceOps.watchdogInterval(Map.of(), 7).isEmpty());
        assertTrue(
                ServiceOps.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), 7).isEmpty());
    }
}

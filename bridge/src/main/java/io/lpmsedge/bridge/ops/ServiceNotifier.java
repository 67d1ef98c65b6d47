package io.lpmsedge.bridge.ops;

import java.util.Map;

/**
 * Tells the service manager how the bridge is doing (the sd_notify protocol: {@code READY=1}, {@code STATUS=},
 * {@code WATCHDOG=1}, {@code STOPPING=1}). Outside systemd ({@code NOTIFY_SOCKET} unset) every call does nothing,
 * so the bridge runs the same from a terminal, a test or a unit.
 */
public interface ServiceNotifier {
    /** Start-up is complete; {@code status} is the first status line. */
    void ready(String status);

    /** A one-line, human-readable state shown by {@code systemctl status}. */
    void status(String status);

    /** The pipeline made progress since the last ping: keep the watchdog from restarting the service. */
    void watchdog(String status);

    /**
     * Start-up is slow but progressing (a large spool being recovered after a power cut): asks for
     * {@code by} more than the unit's {@code TimeoutStartSec} from now ({@code EXTEND_TIMEOUT_USEC}), and feeds
     * the watchdog, so the service is not killed half-way through and restarted into the same scan for ever.
     */
    void startingSlowly(java.time.Duration by, String status);

    /** A clean stop has begun (sent before the bridge drains, so a slow drain is not mistaken for a hang). */
    void stopping(String status);

    /** The notifier that does nothing (no service manager listening). */
    static ServiceNotifier none() {
        return NoServiceNotifier.INSTANCE;
    }

    /**
     * The notifier for this process: {@link SystemdNotifyCommand} when the service manager gave us a
     * {@code NOTIFY_SOCKET}, otherwise {@link #none()}.
     */
    static ServiceNotifier fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return none();
        }
        return new SystemdNotifyCommand(
                SystemdNotifyCommand.DEFAULT_COMMAND, ProcessHandle.current().pid());
    }
}

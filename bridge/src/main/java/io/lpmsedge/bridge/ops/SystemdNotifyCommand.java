package io.lpmsedge.bridge.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify through the {@code systemd-notify} command. Why a command and not a library: the protocol is a Unix
 * <em>datagram</em>, which Java 17 cannot send (its Unix sockets are stream-only), and the libraries that can
 * (JNA- or JNI-based) add one to two megabytes of native code extracted to /tmp at run time to the Pi package.
 * {@code systemd-notify} is part of systemd itself, so it is there wherever {@code NOTIFY_SOCKET} is set; since
 * systemd 246 it waits until the manager has read the message (a barrier), so the message is attributed to our
 * unit even though the sender is a short-lived child. The cost: the unit needs {@code NotifyAccess=all}, and each
 * message is one short process (at most one per watchdog tick).
 */
public final class SystemdNotifyCommand implements ServiceNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifyCommand.class);
    static final List<String> DEFAULT_COMMAND = List.of("systemd-notify");
    private static final long TIMEOUT_SECONDS = 10;

    private final List<String> command;
    private final long mainPid;
    private boolean failing;

    /**
     * @param command the program (and leading arguments) to run, normally {@code systemd-notify}
     * @param mainPid this service's main process, announced with {@code READY=1} ({@code --pid})
     */
    public SystemdNotifyCommand(List<String> command, long mainPid) {
        this.command = List.copyOf(command);
        this.mainPid = mainPid;
    }

    @Override
    public void ready(String status) {
        send(List.of("--pid=" + mainPid, "READY=1", "STATUS=" + oneLine(status)));
    }

    @Override
    public void status(String status) {
        send(List.of("STATUS=" + oneLine(status)));
    }

    @Override
    public void watchdog(String status) {
        send(List.of("WATCHDOG=1", "STATUS=" + oneLine(status)));
    }

    @Override
    public void startingSlowly(java.time.Duration by, String status) {
        send(List.of("EXTEND_TIMEOUT_USEC=" + by.toNanos() / 1000, "WATCHDOG=1", "STATUS=" + oneLine(status)));
    }

    @Override
    public void stopping(String status) {
        send(List.of("STOPPING=1", "STATUS=" + oneLine(status)));
    }

    /** Each variable is its own argument; a newline inside one would start another variable, so none may have one. */
    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    // One message at a time: the watchdog thread and the shutdown hook both send.
    private synchronized void send(List<String> assignments) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(assignments);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                failed("no answer from the service manager within " + TIMEOUT_SECONDS + " s");
                return;
            }
            // The output is at most a line or two: it fits the pipe, so reading after exit cannot block.
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                failed("exit " + p.exitValue() + (output.isEmpty() ? "" : ": " + output));
                return;
            }
            if (failing) {
                LOG.info("{} works again", command.get(0));
                failing = false;
            }
        } catch (IOException e) {
            failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Logged once per outage, not per tick: a broken notifier must not flood the journal.
    private void failed(String why) {
        if (!failing) {
            LOG.warn(
                    "{} failed ({}); systemd does not hear from the bridge, and its watchdog will restart it",
                    command.get(0),
                    why);
            failing = true;
        }
    }
}

package io.lpmsedge.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a child process under test (a launched bridge or score-service) to make something true, with a
 * deadline: it fails at once when the process has ended instead of waiting out the deadline, and both failures show
 * the process's log, which is where the reason is. The condition is checked every {@value #POLL_MILLIS} ms.
 */
public final class ProcessAwait {
    static final long POLL_MILLIS = 20;

    /** A condition that may read what the process wrote (files, its log). */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    private ProcessAwait() {}

    /**
     * Returns once {@code condition} holds.
     *
     * @param log where the process's output goes, shown in a failure
     * @throws AssertionError "the process ended (exit N) before WHAT" or "timed out after TIMEOUT waiting for
     *     WHAT", each followed by the log
     */
    public static void until(Process process, Path log, Check condition, Duration timeout, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (!process.isAlive()) {
                // What it wrote just before it ended counts: look once more.
                if (condition.holds()) {
                    return;
                }
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") before " + what
                        + "; its log:\n" + log(log));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "timed out after " + timeout + " waiting for " + what + "; its log:\n" + log(log));
            }
            process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS); // returns at once when the process ends
        }
    }

    /** The log's text now, or a note in its place when it cannot be read (a failure must still be reported). */
    public static String log(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(the log " + log + " cannot be read: " + e + ")";
        }
    }
}

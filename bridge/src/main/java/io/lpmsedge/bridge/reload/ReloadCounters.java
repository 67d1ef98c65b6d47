package io.lpmsedge.bridge.reload;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Config reloads since start (SIGHUP, or a changed model file), bridge-wide, as the status API, the status page and
 * {@code /metrics} show them: how many were applied, how many refused, and the last outcome's one-line message (for
 * a refusal: the file, the problem and the fix).
 */
public final class ReloadCounters {
    /** The last reload: when, whether it was installed, and its log line. */
    public record Outcome(Instant at, boolean installed, String message) {}

    private final AtomicLong installed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Outcome last;

    public void installed(Instant at, String message) {
        installed.incrementAndGet();
        last = new Outcome(at, true, message);
    }

    public void refused(Instant at, String message) {
        refused.incrementAndGet();
        last = new Outcome(at, false, message);
    }

    public long installed() {
        return installed.get();
    }

    public long refused() {
        return refused.get();
    }

    /** The last reload's outcome, or {@code null} before the first. */
    public Outcome last() {
        return last;
    }
}

package io.lpmsedge.bridge.scoring;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Model reloads since start, as the status page and {@code /metrics} show them: how many were installed, how many
 * refused, and the last outcome's one-line message (for a refusal: the file, the problem and the fix).
 */
public final class ReloadCounters {
    /** The last reload: when, whether it was installed, and its log line. */
    public record Outcome(Instant at, boolean installed, String message) {}

    private final AtomicLong installed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Outcome last;

    void installed(Instant at, String message) {
        installed.incrementAndGet();
        last = new Outcome(at, true, message);
    }

    void refused(Instant at, String message) {
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

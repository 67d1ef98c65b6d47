package io.lpmsedge.bridge.delivery.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decides which warnings of the Kafka client library reach the journal. During a broker outage the client warns
 * on every reconnect attempt (one to a few a second, 219–486 lines a minute were seen); the sink's own retry lines
 * already say that delivery stops. So, like the sink's retry log: each different message passes once per streak
 * of warnings (the client's own words, e.g. why it cannot connect), repeats are counted and summarised once per
 * interval, and the end of the streak (no warning for the quiet time) is one line.
 *
 * <p>"Different" means a different message template (the text before its arguments are filled in), so a node id
 * or an address does not make a warning new. At most {@code maxDistinct} different messages pass per interval.
 * Thread-safe; time is injected.
 */
final class ClientLogLimiter {
    /** What to do with one warning: pass it or not, and the summary lines to write first. */
    record Decision(boolean pass, List<String> summaries) {}

    private final LongSupplier nanos;
    private final long intervalNanos;
    private final long quietNanos;
    private final int maxDistinct;
    private final Set<String> seen = new HashSet<>();
    private boolean streak;
    private long streakStart;
    private long lastEvent;
    private long intervalStart;
    private int passedInInterval;
    private long suppressedInInterval;
    private long suppressedInStreak;
    private long warningsInStreak;
    private String lastSuppressed;

    /**
     * @param interval    how often a summary of suppressed warnings may be written (one minute in service)
     * @param quiet       how long without a warning ends a streak
     * @param maxDistinct different messages passed per interval at most
     */
    ClientLogLimiter(LongSupplier nanos, java.time.Duration interval, java.time.Duration quiet, int maxDistinct) {
        this.nanos = nanos;
        this.intervalNanos = interval.toNanos();
        this.quietNanos = quiet.toNanos();
        this.maxDistinct = maxDistinct;
    }

    /** A warning (or error) of the client: {@code template} its unformatted message, {@code message} the text. */
    synchronized Decision offer(String template, String message) {
        long now = nanos.getAsLong();
        List<String> summaries = new ArrayList<>(1);
        add(summaries, endOfStreak(now));
        if (!streak) {
            streak = true;
            streakStart = now;
            intervalStart = now;
            seen.clear();
            passedInInterval = 0;
            suppressedInStreak = 0;
            warningsInStreak = 0;
        }
        lastEvent = now;
        warningsInStreak++;
        if (now - intervalStart >= intervalNanos) {
            add(summaries, summary(now));
            intervalStart = now;
            passedInInterval = 0;
        }
        if (passedInInterval < maxDistinct && seen.add(String.valueOf(template))) {
            passedInInterval++;
            return new Decision(true, summaries);
        }
        suppressedInInterval++;
        suppressedInStreak++;
        lastSuppressed = message;
        return new Decision(false, summaries);
    }

    /**
     * Called now and then (the sink does, per request): the line that ends a streak once the client has been
     * quiet long enough, or the summary that is due; null when there is nothing to say.
     */
    synchronized String poll() {
        long now = nanos.getAsLong();
        String end = endOfStreak(now);
        if (end != null) {
            return end;
        }
        if (streak && suppressedInInterval > 0 && now - intervalStart >= intervalNanos) {
            String s = summary(now);
            intervalStart = now;
            passedInInterval = 0;
            return s;
        }
        return null;
    }

    private String endOfStreak(long now) {
        if (!streak || now - lastEvent < quietNanos) {
            return null;
        }
        streak = false;
        if (suppressedInStreak == 0) {
            return null; // every warning of the streak was written: nothing to add
        }
        String s = "Kafka client quiet again after " + seconds(lastEvent - streakStart) + " s of warnings: "
                + warningsInStreak + " warnings, " + suppressedInStreak + " of them repeats not written"
                + (suppressedInInterval > 0 ? " (last: " + lastSuppressed + ")" : "");
        suppressedInInterval = 0;
        return s;
    }

    private String summary(long now) {
        if (suppressedInInterval == 0) {
            return null;
        }
        String s = "Kafka client: " + suppressedInInterval + " more warnings in the last "
                + seconds(now - intervalStart) + " s, not written (repeats); still warning after "
                + seconds(now - streakStart) + " s; last: " + lastSuppressed;
        suppressedInInterval = 0;
        return s;
    }

    private static long seconds(long nanos) {
        return nanos / 1_000_000_000L;
    }

    private static void add(List<String> lines, String line) {
        if (line != null) {
            lines.add(line);
        }
    }
}

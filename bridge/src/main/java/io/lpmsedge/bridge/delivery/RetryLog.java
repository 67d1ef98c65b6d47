package io.lpmsedge.bridge.delivery;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The log lines of a sink that cannot deliver: the first failure of a streak, then one summary per interval,
 * then one line when it delivers again. A Wi-Fi outage of a day would otherwise write a line per retry per lane
 * (about 20 a second with the default back-off) into the journal. Shared by a sender's lanes.
 */
final class RetryLog {
    static final long QUIET_MILLIS = 5000;
    private final Logger log;
    private final String sink;
    private final Clock clock;
    private final long summaryEveryMillis;
    private boolean failing;
    private long lastFailureMillis;
    private long streakStartMillis;
    private long lastLineMillis;
    private long failedSinceLine;
    private long failedInStreak;

    RetryLog(Logger log, String sink, Clock clock, Duration summaryEvery) {
        this.log = log;
        this.sink = sink;
        this.clock = clock;
        this.summaryEveryMillis = summaryEvery.toMillis();
    }

    /** A request left {@code notDelivered} of {@code batchSize} records to send again after {@code wait}. */
    synchronized void failed(int notDelivered, int batchSize, String reason, Duration wait) {
        long now = clock.millis();
        failedInStreak++;
        lastFailureMillis = now;
        if (!failing) {
            failing = true;
            streakStartMillis = now;
            lastLineMillis = now;
            failedSinceLine = 0;
            log.warn(
                    "sink {}: {} of {} records not delivered ({}); retrying in {} ms, with back-off; further "
                            + "failures are summarised every {} s",
                    sink,
                    notDelivered,
                    batchSize,
                    reason,
                    wait.toMillis(),
                    summaryEveryMillis / 1000);
            return;
        }
        failedSinceLine++;
        if (now - lastLineMillis >= summaryEveryMillis) {
            log.warn(
                    "sink {}: still not delivering after {} s: {} failed requests since the last line, last: {}; "
                            + "readings stay in the spool",
                    sink,
                    (now - streakStartMillis) / 1000,
                    failedSinceLine,
                    reason);
            lastLineMillis = now;
            failedSinceLine = 0;
        }
    }

    /**
     * A request went through: ends a streak of failures with one line, once no request has failed for
     * {@link #QUIET_MILLIS} (lanes that fail while others deliver, e.g. one partition's leader gone, would
     * otherwise start and end a streak every few requests).
     */
    synchronized void delivered() {
        if (failing && clock.millis() - lastFailureMillis >= QUIET_MILLIS) {
            failing = false;
            log.info(
                    "sink {}: delivering again after {} s and {} failed requests",
                    sink,
                    (clock.millis() - streakStartMillis) / 1000,
                    failedInStreak);
            failedInStreak = 0;
        }
    }

    synchronized boolean failing() {
        return failing;
    }
}

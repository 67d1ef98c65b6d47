package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.delivery.LaneAccumulator.Batch;
import io.lpmsedge.bridge.retry.Backoff;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;

/**
 * What a {@link Sender} does with the {@link OutcomePolicy}'s decisions for one sink: the counters, the alerts
 * (one line per kind of problem, the far side's words kept for /ready), parking records refused for good, and
 * each lane's back-off, the sink's hold or a smaller batch in its {@link LaneAccumulator}. {@link #park} runs on
 * the I/O threads; everything else on the sender thread.
 */
final class OutcomeActions {
    private final Logger log;
    private final String sink;
    private final SenderConfig config;
    private final DeadLetterFile deadLetters;
    private final DeliveryCounters counters;
    private final Clock clock;
    private final RetryLog retryLog;
    private final AtomicReference<String> lastAlert = new AtomicReference<>();
    /** Per lane: the back-off after a failure that reached the far side, and after one that did not reach it. */
    private final Backoff[] backoffs;

    private final Backoff[] reconnectBackoffs;

    OutcomeActions(
            Logger log,
            String sink,
            SenderConfig config,
            DeadLetterFile deadLetters,
            DeliveryCounters counters,
            Clock clock,
            RandomGenerator random) {
        this.log = log;
        this.sink = sink;
        this.config = config;
        this.deadLetters = deadLetters;
        this.counters = counters;
        this.clock = clock;
        this.retryLog = new RetryLog(log, sink, clock, Duration.ofMinutes(1));
        this.backoffs = new Backoff[config.maxInFlight()];
        this.reconnectBackoffs = new Backoff[config.maxInFlight()];
        Duration reconnectMax =
                config.reconnectBackoffMax().isZero() ? Duration.ofMillis(1) : config.reconnectBackoffMax();
        Duration reconnectInitial =
                config.retryBackoffInitial().compareTo(reconnectMax) < 0 ? config.retryBackoffInitial() : reconnectMax;
        for (int i = 0; i < backoffs.length; i++) {
            RandomGenerator laneRandom = random instanceof java.util.SplittableRandom sr ? sr.split() : random;
            backoffs[i] = new Backoff(config.retryBackoffInitial(), config.retryBackoffMax(), laneRandom);
            reconnectBackoffs[i] = new Backoff(reconnectInitial, reconnectMax, laneRandom);
        }
    }

    /** Counts what a request achieved (before it is acknowledged, so a reader of the counters never lags). */
    void count(Batch batch, OutcomePolicy.Decision d) {
        counters.resentAfterDelivery.addAndGet(d.resentAfterDelivery());
        counters.retried.addAndGet(d.retried());
        d.errorCodes().forEach(counters::error);
        counters.delivered(batch.topic(), d.delivered()); // a batch is one topic
        if (d.delivered() > 0) {
            counters.lastSuccessMillis.set(clock.millis());
        }
    }

    /**
     * Parks a record refused for good. Null when it is parked (durably, as far as the dead-letter file promises)
     * and may leave the spool; else why it could not be, and it must stay.
     */
    String park(SpooledRecord r, String reason) {
        try {
            deadLetters.park(sink, r, reason);
        } catch (IOException e) {
            // DeadLetterFile.FullException included: a record that exists nowhere else must not be acknowledged.
            counters.deadLetterFailures.incrementAndGet();
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        counters.deadLettered.incrementAndGet();
        log.error(
                "sink {}: record {} (key {}) refused for good ({}); parked in {}",
                sink,
                r.offset(),
                r.entry().key(),
                reason,
                deadLetters.path());
        return null;
    }

    /**
     * Logs {@code message} at ERROR unless an alert of the same {@code kind} is already in force (a far side that
     * puts a request id or a time in every refusal must not get a line per request); the latest words stay
     * visible to /ready until the sink delivers again.
     */
    private void alert(String kind, String message) {
        counters.problem.set(message);
        if (!kind.equals(lastAlert.getAndSet(kind))) {
            log.error("sink {}: {}", sink, message);
        }
    }

    /** "100 ms", "60 s": a back-off as an operator reads it. */
    private static String seconds(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    /** Alerts, backs off, holds, splits or resets, as the decision says. */
    void act(LaneAccumulator lanes, OutcomePolicy.Decision d, Batch batch, SendResult result) {
        String operatorWait = seconds(config.authFailureBackoff());
        int lane = batch.lane();
        switch (d.action()) {
            case AUTH -> {
                counters.authFailures.incrementAndGet();
                alert(
                        "auth " + OutcomePolicy.codeOf(d.reason()),
                        "the server refused our credentials ("
                                + d.reason() + "); fix the sink's auth settings. Readings stay in the spool; retrying "
                                + "every " + operatorWait);
                lanes.hold(config.authFailureBackoff().toNanos());
            }
            case REFUSED -> {
                counters.refused.incrementAndGet();
                alert(
                        "refused " + OutcomePolicy.codeOf(d.reason()),
                        "the far side refused the request as a whole (" + d.reason() + "): a request or "
                                + "configuration problem (URL, port, http/https, proxy, api, format), not bad records. "
                                + "Nothing is dead-lettered: readings stay in the spool and this sink sends nothing for "
                                + operatorWait + " at a time until it is fixed");
                lanes.hold(config.authFailureBackoff().toNanos());
            }
            case PARK_FAILED -> {
                SpooledRecord unparked = d.unparked();
                alert(
                        "dead-letter file",
                        "record " + unparked.offset() + " (key "
                                + unparked.entry().key()
                                + ") was refused for good but the dead-letter file " + deadLetters.path()
                                + " cannot take it (" + d.parkFailure()
                                + "); it and the later records of its key stay in the spool and are tried again every "
                                + operatorWait + ". Make room for the dead-letter file (or move it away)");
                lanes.backOff(lane, config.authFailureBackoff().toNanos());
            }
            case TOPIC_MISSING -> {
                counters.topicMissing.incrementAndGet();
                alert(
                        "topic " + batch.topic(),
                        "topic " + batch.topic() + " does not exist (" + d.reason()
                                + "); create it. Readings stay in the spool; retrying every "
                                + seconds(config.topicMissingBackoff()));
                lanes.backOff(lane, config.topicMissingBackoff().toNanos());
            }
            case RETRY -> {
                // Nothing reached the far side: knocking again is free, and it is back within the reconnect
                // cap. Its own back-off, so an outage's refused connections do not grow the wait after the
                // next real failure.
                Duration wait = result.scope() == SendResult.Scope.CONNECTION
                        ? reconnectBackoffs[lane].next()
                        : backoffs[lane].next();
                if (result.retryAfter() != null && result.retryAfter().compareTo(wait) > 0) {
                    wait = result.retryAfter();
                }
                retryLog.failed(d.resend().size(), batch.records().size(), d.reason(), wait);
                lanes.backOff(lane, wait.toNanos());
            }
            case SPLIT -> {
                counters.splits.incrementAndGet();
                int limit = Math.max(1, batch.records().size() / 2);
                lanes.limitBatch(lane, limit);
                log.warn("sink {}: request too large; splitting batches to {} records", sink, limit);
            }
            case DONE -> {
                backoffs[lane].reset();
                reconnectBackoffs[lane].reset();
                lanes.resetBatchLimit(lane);
                retryLog.delivered();
                counters.problem.set(null);
                if (lastAlert.getAndSet(null) != null) {
                    log.info("sink {}: delivering again", sink);
                }
            }
        }
    }
}

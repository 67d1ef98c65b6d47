package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.session.Backoff;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpooledRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Moves one sink's records from the spool to the far side, after Kafka's producer Sender: batches by count,
 * bytes and linger; one request in flight, so a retry never reorders a sensor's records; and the retry policy
 * in one place, reading the per-record outcomes the sink reports:
 *
 * <ul>
 *   <li>delivered → acknowledged to the spool (as a prefix: a record is released only when all before it are);</li>
 *   <li>retry (timeouts, lost responses, 5xx, 429, per-record 50003) → resent after an exponential back-off with
 *   jitter, or the server's Retry-After; every later record of the same key in that batch is resent too, even if
 *   it was delivered, so the key's order holds (the duplicate is removed downstream by its key);</li>
 *   <li>too large → the batch is split; a single record that is too large is dead-lettered;</li>
 *   <li>topic missing / auth failed → alert, back off for minutes, keep buffering (the spool holds everything);</li>
 *   <li>rejected (client errors) → dead-letter file, alert.</li>
 * </ul>
 */
public final class Sender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final long IDLE_WAIT_MILLIS = 20;

    private final DeliverySink sink;
    private final Spool spool;
    private final SenderConfig config;
    private final DeadLetterFile deadLetters;
    private final Clock clock;
    private final Backoff backoff;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final Object signal = new Object();
    private final Deque<SpooledRecord> pending = new ArrayDeque<>();
    private volatile boolean stopping;
    private volatile long drainDeadlineNanos;
    private long nextRead;
    private long pendingSinceNanos;
    private int batchLimit;
    private boolean dataAvailable;
    private boolean overdue;
    private String lastAlert;

    public Sender(DeliverySink sink, Spool spool, SenderConfig config, DeadLetterFile deadLetters, Clock clock,
                  RandomGenerator random) {
        this.sink = sink;
        this.spool = spool;
        this.config = config;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.backoff = new Backoff(config.retryBackoffInitial(), config.retryBackoffMax(), random);
        this.batchLimit = config.batchMaxRecords();
    }

    public String name() {
        return sink.name();
    }

    public DeliveryCounters counters() {
        return counters;
    }

    /** New durable records are in the spool: wake up now rather than at the next poll. */
    public void wakeUp() {
        synchronized (signal) {
            dataAvailable = true;
            signal.notifyAll();
        }
    }

    /**
     * Ends the sender: it keeps delivering what is spooled until {@code drainFor} has passed (0 = stop after the
     * request in progress). Whatever is left stays in the spool for the next start.
     */
    public void stop(Duration drainFor) {
        drainDeadlineNanos = System.nanoTime() + drainFor.toNanos();
        stopping = true;
        wakeUp();
    }

    @Override
    public void run() {
        nextRead = spool.ackedOffset(sink.name());
        try {
            while (true) {
                if (stopping && (System.nanoTime() - drainDeadlineNanos > 0 || nothingLeft())) {
                    break;
                }
                fill();
                if (pending.isEmpty()) {
                    idle(IDLE_WAIT_MILLIS);
                    continue;
                }
                long lingerLeft = config.linger().toNanos() - (System.nanoTime() - pendingSinceNanos);
                if (pending.size() < batchLimit && lingerLeft > 0 && !stopping && !overdue) {
                    idle(Math.max(1, lingerLeft / 1_000_000));
                    continue;
                }
                sendOneBatch();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("sink {}: cannot read the spool, sender stops: {}", sink.name(), e.getMessage());
        } finally {
            sink.close();
        }
    }

    private boolean nothingLeft() {
        return pending.isEmpty() && nextRead >= spool.durableOffset();
    }

    private void fill() throws IOException {
        if (pending.size() >= config.batchMaxRecords()) {
            return;
        }
        List<SpooledRecord> more = spool.read(nextRead, config.batchMaxRecords() - pending.size(), config.batchMaxBytes());
        if (more.isEmpty()) {
            return;
        }
        if (pending.isEmpty()) {
            pendingSinceNanos = System.nanoTime();
            overdue = false;
        }
        pending.addAll(more);
        nextRead = more.get(more.size() - 1).offset() + 1;
    }

    private void sendOneBatch() throws InterruptedException, IOException {
        String topic = pending.peekFirst().entry().topic();
        List<SpooledRecord> batch = new ArrayList<>();
        int bytes = 0;
        for (SpooledRecord r : pending) {
            if (!r.entry().topic().equals(topic) || batch.size() >= batchLimit
                    || (!batch.isEmpty() && bytes + r.entry().value().length > config.batchMaxBytes())) {
                break;
            }
            batch.add(r);
            bytes += r.entry().value().length;
        }
        long started = System.nanoTime();
        SendResult result = sink.send(topic, batch);
        long latency = System.nanoTime() - started;
        counters.requestTook(latency);
        if (result.statuses().size() != batch.size()) {
            throw new IllegalStateException("sink " + sink.name() + " answered " + result.statuses().size()
                    + " statuses for " + batch.size() + " records");
        }
        apply(batch, result);
    }

    private void apply(List<SpooledRecord> batch, SendResult result) throws InterruptedException {
        Set<String> blockedKeys = new HashSet<>();
        List<SpooledRecord> resend = new ArrayList<>();
        boolean auth = false;
        boolean topicMissing = false;
        boolean retry = false;
        boolean tooLarge = false;
        int delivered = 0;
        for (int i = 0; i < batch.size(); i++) {
            SpooledRecord r = batch.get(i);
            RecordStatus status = result.statuses().get(i);
            String key = r.entry().key();
            if (blockedKeys.contains(key)) {
                // An earlier record of this key failed: resend this one after it, whatever its own fate.
                resend.add(r);
                if (status == RecordStatus.DELIVERED) {
                    counters.resentAfterDelivery.incrementAndGet();
                }
                continue;
            }
            switch (status) {
                case DELIVERED -> delivered++;
                case REJECTED -> deadLetter(r, result.reason(i));
                case TOO_LARGE -> {
                    if (batch.size() == 1) {
                        deadLetter(r, "too large for one request: " + result.reason(i));
                    } else {
                        tooLarge = true;
                        blockedKeys.add(key);
                        resend.add(r);
                    }
                }
                case RETRY, TOPIC_MISSING, AUTH_FAILED -> {
                    blockedKeys.add(key);
                    resend.add(r);
                    counters.retried.incrementAndGet();
                    retry |= status == RecordStatus.RETRY;
                    topicMissing |= status == RecordStatus.TOPIC_MISSING;
                    auth |= status == RecordStatus.AUTH_FAILED;
                    if (result.httpStatus() == 200) {
                        // a failure inside a 200: counted per record by its code
                        counters.error(result.reason(i) == null ? status.name() : codeOf(result.reason(i)));
                    }
                }
            }
        }
        if (result.httpStatus() != 200 && !resend.isEmpty()) {
            // a whole request failed (HTTP status, timeout, lost connection): counted once per request
            counters.error(codeOf(firstReason(result)));
        }
        counters.delivered.addAndGet(delivered);
        if (delivered > 0) {
            counters.lastSuccessMillis.set(clock.millis());
        }
        // The batch was the head of `pending`: put back what must go again, in order, before the rest.
        for (int i = 0; i < batch.size(); i++) {
            pending.pollFirst();
        }
        for (int i = resend.size() - 1; i >= 0; i--) {
            pending.addFirst(resend.get(i));
        }
        spool.acknowledge(sink.name(), pending.isEmpty() ? nextRead : pending.peekFirst().offset());

        if (auth) {
            counters.authFailures.incrementAndGet();
            alert("the server refused our credentials (" + result.reason(0) + "); fix the sink's auth settings. "
                    + "Readings stay in the spool; retrying every " + config.authFailureBackoff().toSeconds() + " s");
            pause(config.authFailureBackoff());
        } else if (topicMissing) {
            counters.topicMissing.incrementAndGet();
            alert("topic " + batch.get(0).entry().topic() + " does not exist (" + firstReason(result)
                    + "); create it. Readings stay in the spool; retrying every "
                    + config.topicMissingBackoff().toSeconds() + " s");
            pause(config.topicMissingBackoff());
        } else if (retry) {
            Duration wait = backoff.next();
            if (result.retryAfter() != null && result.retryAfter().compareTo(wait) > 0) {
                wait = result.retryAfter();
            }
            LOG.warn("sink {}: {} of {} records not delivered ({}); retrying in {} ms", sink.name(), resend.size(),
                    batch.size(), firstReason(result), wait.toMillis());
            pause(wait);
        } else if (tooLarge) {
            counters.splits.incrementAndGet();
            batchLimit = Math.max(1, batch.size() / 2);
            LOG.warn("sink {}: request too large; splitting batches to {} records", sink.name(), batchLimit);
        } else {
            backoff.reset();
            batchLimit = config.batchMaxRecords();
            if (lastAlert != null) {
                LOG.info("sink {}: delivering again", sink.name());
                lastAlert = null;
            }
        }
        overdue = !pending.isEmpty(); // what is left has waited long enough: no linger for it
    }

    private void deadLetter(SpooledRecord r, String reason) {
        counters.deadLettered.incrementAndGet();
        try {
            deadLetters.park(sink.name(), r, reason);
            LOG.error("sink {}: record {} (key {}) refused for good ({}); parked in {}", sink.name(), r.offset(),
                    r.entry().key(), reason, deadLetters.path());
        } catch (IOException e) {
            LOG.error("sink {}: record {} refused ({}) and the dead-letter file {} cannot be written: {}",
                    sink.name(), r.offset(), reason, deadLetters.path(), e.getMessage());
        }
    }

    private void alert(String message) {
        if (!message.equals(lastAlert)) {
            LOG.error("sink {}: {}", sink.name(), message);
            lastAlert = message;
        }
    }

    private static String firstReason(SendResult result) {
        for (int i = 0; i < result.statuses().size(); i++) {
            if (result.statuses().get(i) != RecordStatus.DELIVERED && result.reason(i) != null) {
                return result.reason(i);
            }
        }
        return "no reason given";
    }

    /** "50003: timeout" → "50003"; used as the error counter's label. */
    private static String codeOf(String reason) {
        int colon = reason.indexOf(':');
        return colon > 0 ? reason.substring(0, colon) : reason;
    }

    /** Waits out a back-off; while draining, never past the drain deadline (then the loop ends). */
    private void pause(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        synchronized (signal) {
            while (true) {
                long end = stopping && drainDeadlineNanos - until < 0 ? drainDeadlineNanos : until;
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                signal.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void idle(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!dataAvailable && !stopping) {
                signal.wait(millis);
            }
            dataAvailable = false;
        }
    }
}

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
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Moves one sink's records from the spool to the far side, after Kafka's producer Sender: batches by count,
 * bytes and linger; up to {@code maxInFlight} requests in flight, one per <em>lane</em>: keys are split over
 * the lanes by hash, each lane sends one request at a time, so one key never has two requests in flight and a
 * retry never reorders a sensor's records; and the retry policy in one place, reading the per-record outcomes
 * the sink reports:
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
 * A reader thread (the one running {@link #run()}) takes records from the spool in order and hands each to its
 * key's lane; the spool is acknowledged up to the oldest record any lane still holds.
 */
public final class Sender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final long IDLE_WAIT_MILLIS = 20;

    private final DeliverySink sink;
    private final Spool spool;
    private final SenderConfig config;
    private final DeadLetterFile deadLetters;
    private final Clock clock;
    private final DeliveryCounters counters = new DeliveryCounters();
    /** Guards the lanes' queues and every wait/notify between the reader and the lanes. */
    private final Object signal = new Object();
    private final Lane[] lanes;
    private final AtomicReference<String> lastAlert = new AtomicReference<>();
    private final RetryLog retryLog;
    private volatile boolean stopping;
    private volatile long drainDeadlineNanos;
    /** Next spool offset to hand to a lane; everything before it sits in a lane or is done. */
    private volatile long nextRead;
    private volatile boolean failed;
    private boolean dataAvailable;

    public Sender(DeliverySink sink, Spool spool, SenderConfig config, DeadLetterFile deadLetters, Clock clock,
                  RandomGenerator random) {
        this.sink = sink;
        this.spool = spool;
        this.config = config;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.retryLog = new RetryLog(LOG, sink.name(), clock, Duration.ofMinutes(1));
        this.lanes = new Lane[config.maxInFlight()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(i, new Backoff(config.retryBackoffInitial(), config.retryBackoffMax(),
                    random instanceof java.util.SplittableRandom sr ? sr.split() : random));
        }
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
     * requests in progress). Whatever is left stays in the spool for the next start.
     */
    public void stop(Duration drainFor) {
        drainDeadlineNanos = System.nanoTime() + drainFor.toNanos();
        stopping = true;
        wakeUp();
    }

    @Override
    public void run() {
        nextRead = spool.ackedOffset(sink.name());
        List<Thread> threads = new ArrayList<>();
        for (Lane lane : lanes) {
            Thread t = new Thread(lane, Thread.currentThread().getName() + "-lane" + lane.index);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        try {
            while (!failed) {
                if (stopping && (deadlinePassed() || nothingLeft())) {
                    break;
                }
                if (!distribute()) {
                    idle(IDLE_WAIT_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("sink {}: cannot read the spool, sender stops: {}", sink.name(), e.getMessage());
            failed = true;
        } finally {
            stopping = true;
            failed |= Thread.currentThread().isInterrupted();
            wakeUp();
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sink.close();
        }
    }

    private boolean deadlinePassed() {
        return System.nanoTime() - drainDeadlineNanos > 0;
    }

    private boolean nothingLeft() {
        synchronized (signal) {
            for (Lane lane : lanes) {
                if (!lane.pending.isEmpty()) {
                    return false;
                }
            }
        }
        return nextRead >= spool.durableOffset();
    }

    /**
     * Reads the next records from the spool into their lanes, as long as every lane has room (a lane holds at
     * most two batches, which bounds memory while one is paused). False when nothing was read.
     */
    private boolean distribute() throws IOException {
        synchronized (signal) {
            for (Lane lane : lanes) {
                if (lane.pending.size() >= 2 * config.batchMaxRecords()) {
                    return false;
                }
            }
        }
        List<SpooledRecord> more = spool.read(nextRead, config.batchMaxRecords(), config.batchMaxBytes());
        if (more.isEmpty()) {
            return false;
        }
        synchronized (signal) {
            long now = System.nanoTime();
            for (SpooledRecord r : more) {
                Lane lane = lanes[Math.floorMod(r.entry().key().hashCode(), lanes.length)];
                if (lane.pending.isEmpty()) {
                    lane.pendingSinceNanos = now;
                    lane.overdue = false;
                }
                lane.pending.addLast(r);
            }
            // Only now: an acknowledgment computed meanwhile must not pass records not yet in a lane.
            nextRead = more.get(more.size() - 1).offset() + 1;
            signal.notifyAll();
        }
        return true;
    }

    /** Releases the spool up to the oldest record still held by any lane (in flight or waiting). */
    private void acknowledge() {
        long upTo;
        synchronized (signal) {
            upTo = nextRead;
            for (Lane lane : lanes) {
                if (!lane.pending.isEmpty()) {
                    upTo = Math.min(upTo, lane.pending.peekFirst().offset());
                }
            }
        }
        spool.acknowledge(sink.name(), upTo);
    }

    private void idle(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!dataAvailable && !stopping) {
                signal.wait(millis);
            }
            dataAvailable = false;
        }
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
        if (!message.equals(lastAlert.getAndSet(message))) {
            LOG.error("sink {}: {}", sink.name(), message);
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
            while (!failed) {
                long end = stopping && drainDeadlineNanos - until < 0 ? drainDeadlineNanos : until;
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                signal.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * The keys whose hash falls on this lane: one request at a time, a failed record and everything after it of
     * its key resent first. Its queue is guarded by {@link #signal}; the head batch stays in the queue while
     * in flight, so the acknowledgment never passes it.
     */
    private final class Lane implements Runnable {
        final int index;
        final Backoff backoff;
        final Deque<SpooledRecord> pending = new ArrayDeque<>();
        long pendingSinceNanos;
        boolean overdue;
        int batchLimit = config.batchMaxRecords();

        Lane(int index, Backoff backoff) {
            this.index = index;
            this.backoff = backoff;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    List<SpooledRecord> batch = nextBatch();
                    if (batch == null) {
                        return;
                    }
                    send(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("sink {}: sender lane {} failed: {}", sink.name(), index, e.toString());
                failed = true;
                wakeUp();
            }
        }

        /** Waits until a batch is due (full, lingered long enough, overdue or draining); null = stop. */
        private List<SpooledRecord> nextBatch() throws InterruptedException {
            synchronized (signal) {
                while (true) {
                    if (failed || (stopping && (deadlinePassed() || (pending.isEmpty() && nextRead >= spool.durableOffset())))) {
                        return null;
                    }
                    if (pending.isEmpty()) {
                        signal.wait(IDLE_WAIT_MILLIS);
                        continue;
                    }
                    long lingerLeft = config.linger().toNanos() - (System.nanoTime() - pendingSinceNanos);
                    if (pending.size() < batchLimit && lingerLeft > 0 && !stopping && !overdue) {
                        signal.wait(Math.max(1, lingerLeft / 1_000_000));
                        continue;
                    }
                    return headBatch();
                }
            }
        }

        private List<SpooledRecord> headBatch() {
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
            return batch;
        }

        private void send(List<SpooledRecord> batch) throws InterruptedException {
            long started = System.nanoTime();
            SendResult result = sink.send(batch.get(0).entry().topic(), batch);
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
            counters.delivered(batch.get(0).entry().topic(), delivered); // a batch is one topic
            if (delivered > 0) {
                counters.lastSuccessMillis.set(clock.millis());
            }
            // The batch was the head of `pending`: put back what must go again, in order, before the rest.
            synchronized (signal) {
                for (int i = 0; i < batch.size(); i++) {
                    pending.pollFirst();
                }
                for (int i = resend.size() - 1; i >= 0; i--) {
                    pending.addFirst(resend.get(i));
                }
            }
            acknowledge();

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
                retryLog.failed(resend.size(), batch.size(), firstReason(result), wait);
                pause(wait);
            } else if (tooLarge) {
                counters.splits.incrementAndGet();
                batchLimit = Math.max(1, batch.size() / 2);
                LOG.warn("sink {}: request too large; splitting batches to {} records", sink.name(), batchLimit);
            } else {
                backoff.reset();
                batchLimit = config.batchMaxRecords();
                retryLog.delivered();
                if (lastAlert.getAndSet(null) != null) {
                    LOG.info("sink {}: delivering again", sink.name());
                }
            }
            synchronized (signal) {
                overdue = !pending.isEmpty(); // what is left has waited long enough: no linger for it
            }
        }
    }
}

package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.retry.Backoff;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.function.LongSupplier;
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
 *   <li>refused as a whole (a 4xx for the request, an HTML page from a front end, or the same refusal for every
 *   record of a batch) → a request or configuration problem, not bad records: every record stays in the spool,
 *   the whole sink holds for the long back-off, one alert with the far side's words;</li>
 *   <li>rejected in the far side's own per-record report → dead-letter file, alert. Only once the parked copy
 *   is written may the record leave the spool: when the dead-letter file cannot take it (full, unwritable), the
 *   record and the rest of its key stay in the spool and are tried again after the long back-off.</li>
 * </ul>
 * A reader thread (the one running {@link #run()}) takes records from the spool in order and hands each to its
 * key's lane; the spool is acknowledged up to the oldest record any lane still holds.
 */
public final class Sender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private final Logger log;
    private final LongSupplier nanos;
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
    /** Until when every lane holds (System.nanoTime): set by a refusal that no resend fixes before someone acts. */
    private long holdUntilNanos;
    private boolean holding;

    public Sender(DeliverySink sink, Spool spool, SenderConfig config, DeadLetterFile deadLetters, Clock clock,
                  RandomGenerator random) {
        this(sink, spool, config, deadLetters, clock, random, LOG, System::nanoTime);
    }

    /**
     * With the logger its lines go to (tests count the alerts) and the monotonic time every wait is measured in
     * ({@code System::nanoTime}; a test moves a fake one past a back-off and calls {@link #wakeUp()} instead of
     * waiting it out).
     */
    Sender(DeliverySink sink, Spool spool, SenderConfig config, DeadLetterFile deadLetters, Clock clock,
           RandomGenerator random, Logger log, LongSupplier nanos) {
        this.log = log;
        this.nanos = nanos;
        this.sink = sink;
        this.spool = spool;
        this.config = config;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.retryLog = new RetryLog(log, sink.name(), clock, Duration.ofMinutes(1));
        this.lanes = new Lane[config.maxInFlight()];
        for (int i = 0; i < lanes.length; i++) {
            RandomGenerator laneRandom = random instanceof java.util.SplittableRandom sr ? sr.split() : random;
            Duration reconnectMax = config.reconnectBackoffMax().isZero() ? Duration.ofMillis(1)
                    : config.reconnectBackoffMax();
            Duration reconnectInitial = config.retryBackoffInitial().compareTo(reconnectMax) < 0
                    ? config.retryBackoffInitial() : reconnectMax;
            lanes[i] = new Lane(i, new Backoff(config.retryBackoffInitial(), config.retryBackoffMax(), laneRandom),
                    new Backoff(reconnectInitial, reconnectMax, laneRandom));
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
        drainDeadlineNanos = nanos.getAsLong() + drainFor.toNanos();
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
            log.error("sink {}: cannot read the spool, sender stops: {}", sink.name(), e.getMessage());
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
        return nanos.getAsLong() - drainDeadlineNanos > 0;
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
            long now = nanos.getAsLong();
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

    /**
     * Parks a record refused for good. Null when it is parked (durably, as far as the dead-letter file promises)
     * and may leave the spool; else why it could not be, and it must stay.
     */
    private String deadLetter(SpooledRecord r, String reason) {
        try {
            deadLetters.park(sink.name(), r, reason);
        } catch (IOException e) {
            // DeadLetterFile.FullException included: a record that exists nowhere else must not be acknowledged.
            counters.deadLetterFailures.incrementAndGet();
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        counters.deadLettered.incrementAndGet();
        log.error("sink {}: record {} (key {}) refused for good ({}); parked in {}", sink.name(), r.offset(),
                r.entry().key(), reason, deadLetters.path());
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
            log.error("sink {}: {}", sink.name(), message);
        }
    }

    /** Every lane holds for {@code d} (none sends), then this lane waits it out too. */
    private void hold(Duration d) throws InterruptedException {
        synchronized (signal) {
            long until = nanos.getAsLong() + d.toNanos();
            if (!holding || until - holdUntilNanos > 0) {
                holdUntilNanos = until;
                holding = true;
            }
        }
        pause(d);
    }

    /** "100 ms", "60 s": a back-off as an operator reads it. */
    private static String seconds(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    /** Waits out a back-off; while draining, never past the drain deadline (then the loop ends). */
    private void pause(Duration d) throws InterruptedException {
        long until = nanos.getAsLong() + d.toNanos();
        synchronized (signal) {
            while (!failed) {
                long end = stopping && drainDeadlineNanos - until < 0 ? drainDeadlineNanos : until;
                long left = end - nanos.getAsLong();
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
        final Backoff reconnectBackoff;
        final Deque<SpooledRecord> pending = new ArrayDeque<>();
        long pendingSinceNanos;
        boolean overdue;
        int batchLimit = config.batchMaxRecords();

        Lane(int index, Backoff backoff, Backoff reconnectBackoff) {
            this.index = index;
            this.backoff = backoff;
            this.reconnectBackoff = reconnectBackoff;
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
                log.error("sink {}: sender lane {} failed: {}", sink.name(), index, e.toString());
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
                    if (holding) {
                        long left = holdUntilNanos - nanos.getAsLong();
                        if (left > 0) {
                            // Another lane met a refusal no resend fixes: send nothing until its back-off ends.
                            signal.wait(Math.max(1, Math.min(left / 1_000_000, IDLE_WAIT_MILLIS * 10)));
                            continue;
                        }
                        holding = false;
                    }
                    long lingerLeft = config.linger().toNanos() - (nanos.getAsLong() - pendingSinceNanos);
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
            long started = nanos.getAsLong();
            SendResult result = sink.send(batch.get(0).entry().topic(), batch);
            long latency = nanos.getAsLong() - started;
            counters.requestTook(latency);
            if (result.statuses().size() != batch.size()) {
                throw new IllegalStateException("sink " + sink.name() + " answered " + result.statuses().size()
                        + " statuses for " + batch.size() + " records");
            }
            apply(batch, result);
        }

        private void apply(List<SpooledRecord> batch, SendResult result) throws InterruptedException {
            OutcomePolicy.Decision d = OutcomePolicy.decide(batch, result, Sender.this::deadLetter);
            counters.resentAfterDelivery.addAndGet(d.resentAfterDelivery());
            counters.retried.addAndGet(d.retried());
            d.errorCodes().forEach(counters::error);
            counters.delivered(batch.get(0).entry().topic(), d.delivered()); // a batch is one topic
            if (d.delivered() > 0) {
                counters.lastSuccessMillis.set(clock.millis());
            }
            // The batch was the head of `pending`: put back what must go again, in order, before the rest.
            List<SpooledRecord> resend = d.resend();
            synchronized (signal) {
                for (int i = 0; i < batch.size(); i++) {
                    pending.pollFirst();
                }
                for (int i = resend.size() - 1; i >= 0; i--) {
                    pending.addFirst(resend.get(i));
                }
            }
            acknowledge();
            act(d, batch, result);
            synchronized (signal) {
                overdue = !pending.isEmpty(); // what is left has waited long enough: no linger for it
            }
        }

        /** Alerts, waits, splits or resets, as the decision says. */
        private void act(OutcomePolicy.Decision d, List<SpooledRecord> batch, SendResult result)
                throws InterruptedException {
            String operatorWait = seconds(config.authFailureBackoff());
            switch (d.action()) {
                case AUTH -> {
                    counters.authFailures.incrementAndGet();
                    alert("auth " + OutcomePolicy.codeOf(d.reason()), "the server refused our credentials ("
                            + d.reason() + "); fix the sink's auth settings. Readings stay in the spool; retrying "
                            + "every " + operatorWait);
                    hold(config.authFailureBackoff());
                }
                case REFUSED -> {
                    counters.refused.incrementAndGet();
                    alert("refused " + OutcomePolicy.codeOf(d.reason()),
                            "the far side refused the request as a whole (" + d.reason() + "): a request or "
                            + "configuration problem (URL, port, http/https, proxy, api, format), not bad records. "
                            + "Nothing is dead-lettered: readings stay in the spool and this sink sends nothing for "
                            + operatorWait + " at a time until it is fixed");
                    hold(config.authFailureBackoff());
                }
                case PARK_FAILED -> {
                    SpooledRecord unparked = d.unparked();
                    alert("dead-letter file", "record " + unparked.offset() + " (key " + unparked.entry().key()
                            + ") was refused for good but the dead-letter file " + deadLetters.path()
                            + " cannot take it (" + d.parkFailure()
                            + "); it and the later records of its key stay in the spool and are tried again every "
                            + operatorWait + ". Make room for the dead-letter file (or move it away)");
                    pause(config.authFailureBackoff());
                }
                case TOPIC_MISSING -> {
                    counters.topicMissing.incrementAndGet();
                    alert("topic " + batch.get(0).entry().topic(), "topic " + batch.get(0).entry().topic()
                            + " does not exist (" + d.reason()
                            + "); create it. Readings stay in the spool; retrying every "
                            + seconds(config.topicMissingBackoff()));
                    pause(config.topicMissingBackoff());
                }
                case RETRY -> {
                    // Nothing reached the far side: knocking again is free, and it is back within the reconnect
                    // cap. Its own back-off, so an outage's refused connections do not grow the wait after the
                    // next real failure.
                    Duration wait = result.scope() == SendResult.Scope.CONNECTION ? reconnectBackoff.next()
                            : backoff.next();
                    if (result.retryAfter() != null && result.retryAfter().compareTo(wait) > 0) {
                        wait = result.retryAfter();
                    }
                    retryLog.failed(d.resend().size(), batch.size(), d.reason(), wait);
                    pause(wait);
                }
                case SPLIT -> {
                    counters.splits.incrementAndGet();
                    batchLimit = Math.max(1, batch.size() / 2);
                    log.warn("sink {}: request too large; splitting batches to {} records", sink.name(), batchLimit);
                }
                case DONE -> {
                    backoff.reset();
                    reconnectBackoff.reset();
                    batchLimit = config.batchMaxRecords();
                    retryLog.delivered();
                    counters.problem.set(null);
                    if (lastAlert.getAndSet(null) != null) {
                        log.info("sink {}: delivering again", sink.name());
                    }
                }
            }
        }
    }
}

package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.delivery.LaneAccumulator.Batch;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one sink's records from the spool to the far side, after Kafka's producer Sender: batches by count,
 * bytes and linger; up to {@code maxInFlight} requests in flight, one per <em>lane</em>: keys are split over
 * the lanes by hash, each lane sends one request at a time, so one key never has two requests in flight and a
 * retry never reorders a sensor's records (the lanes and their timing are the {@link LaneAccumulator}); and the
 * retry policy in one place, reading the per-record outcomes the sink reports ({@link OutcomePolicy}):
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
 *
 * <p>Threads: the one running {@link #run()} (the sender thread) is the only one that reads the spool, touches
 * the lanes and acknowledges; the sinks block for a whole request, so each request runs on an I/O thread (at most
 * one per lane), which sends, parks what is refused for good, and hands the decision back. The sender thread
 * sleeps until the earliest of: new durable records (the spool tells it), a request's end, the next lane's
 * linger or back-off or the sink's hold ending, the time its acknowledged position is due on disk (one
 * {@code ack_persist_interval} after the last write, when it moved since), the drain deadline at a stop. An idle
 * sender whose position is on disk does no periodic work.
 */
public final class Sender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private final Logger log;
    private final LongSupplier nanos;

    private final DeliverySink sink;
    private final Spool spool;
    private final SenderConfig config;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final OutcomeActions actions;
    /** Requests that ended, handed from the I/O threads to the sender thread. */
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    /** Guards {@link #signalled} and the sender thread's sleep; never held while calling the spool or a sink. */
    private final Object wake = new Object();

    private boolean signalled;
    private volatile boolean stopping;
    private volatile long drainDeadlineNanos;
    private volatile boolean failed;

    /** A request that ended: what the sink answered and what the policy made of it. */
    private record Completion(Batch batch, SendResult result, OutcomePolicy.Decision decision) {}

    public Sender(
            DeliverySink sink,
            Spool spool,
            SenderConfig config,
            DeadLetterFile deadLetters,
            Clock clock,
            RandomGenerator random) {
        this(sink, spool, config, deadLetters, clock, random, LOG, System::nanoTime);
    }

    /**
     * With the logger its lines go to (tests count the alerts) and the monotonic time every wait is measured in
     * ({@code System::nanoTime}; a test moves a fake one past a back-off and calls {@link #wakeUp()} instead of
     * waiting it out).
     */
    Sender(
            DeliverySink sink,
            Spool spool,
            SenderConfig config,
            DeadLetterFile deadLetters,
            Clock clock,
            RandomGenerator random,
            Logger log,
            LongSupplier nanos) {
        this.log = log;
        this.nanos = nanos;
        this.sink = sink;
        this.spool = spool;
        this.config = config;
        this.actions = new OutcomeActions(log, sink.name(), config, deadLetters, counters, clock, random);
    }

    public String name() {
        return sink.name();
    }

    public DeliveryCounters counters() {
        return counters;
    }

    /**
     * Something changed that the sender thread must look at now (new durable records, a request's end, a stop,
     * a test's fake clock moved). Only signals: safe to call under any lock, the spool's included.
     */
    public void wakeUp() {
        synchronized (wake) {
            signalled = true;
            wake.notifyAll();
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
        LaneAccumulator lanes = new LaneAccumulator(config, spool.ackedOffset(sink.name()), nanos);
        String threadName = Thread.currentThread().getName();
        AtomicInteger ioThreads = new AtomicInteger();
        ExecutorService io = Executors.newFixedThreadPool(lanes.laneCount(), r -> {
            Thread t = new Thread(r, threadName + "-io" + ioThreads.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        Runnable listener = this::wakeUp;
        spool.addReadableListener(listener);
        try {
            loop(lanes, io);
            // The requests in progress end (within the sink's own timeout); what they delivered is acknowledged.
            io.shutdown();
            io.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            applyCompletions(lanes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
        } catch (IOException e) {
            log.error("sink {}: cannot read the spool, sender stops: {}", sink.name(), e.getMessage());
            failed = true;
        } finally {
            stopping = true;
            spool.removeReadableListener(listener);
            io.shutdownNow();
            sink.close();
        }
    }

    /** Reads, hands out and applies until stopped (drained or past the deadline) or failed. */
    private void loop(LaneAccumulator lanes, ExecutorService io) throws IOException, InterruptedException {
        while (true) {
            applyCompletions(lanes);
            boolean flush = stopping;
            if (failed || flush && (deadlinePassed() || lanes.isEmpty() && lanes.nextRead() >= spool.durableOffset())) {
                return;
            }
            boolean read = false;
            if (lanes.hasRoom()) {
                List<SpooledRecord> more =
                        spool.read(lanes.nextRead(), config.batchMaxRecords(), config.batchMaxBytes());
                lanes.append(more);
                read = !more.isEmpty();
            }
            for (Batch batch : lanes.drain(flush)) {
                io.execute(() -> request(batch));
            }
            if (!read) { // after a read, read on at once: the spool may hold more
                // The acknowledged position must reach the disk within its interval even if nothing else happens
                // (Long.MAX_VALUE, like LaneAccumulator.NEVER, when it is there already).
                long wait = Math.min(lanes.nanosUntilReady(flush), spool.persistAckIfDue(sink.name()));
                sleep(flush ? Math.min(wait, Math.max(0, drainDeadlineNanos - nanos.getAsLong())) : wait);
            }
        }
    }

    private boolean deadlinePassed() {
        return nanos.getAsLong() - drainDeadlineNanos > 0;
    }

    /**
     * Sleeps until {@link #wakeUp()} or {@code waitNanos} on the injected clock, whichever is first;
     * {@link LaneAccumulator#NEVER} = only a wake-up ends it (no timed poll).
     */
    private void sleep(long waitNanos) throws InterruptedException {
        synchronized (wake) {
            if (waitNanos == LaneAccumulator.NEVER) {
                while (!signalled) {
                    wake.wait();
                }
            } else {
                long until = nanos.getAsLong() + waitNanos;
                while (!signalled) {
                    long left = until - nanos.getAsLong();
                    if (left <= 0) {
                        break;
                    }
                    wake.wait((left + 999_999) / 1_000_000);
                }
            }
            signalled = false;
        }
    }

    /** On an I/O thread: one request, and the policy's decision on its answer, handed to the sender thread. */
    private void request(Batch batch) {
        try {
            long started = nanos.getAsLong();
            SendResult result = sink.send(batch.topic(), batch.records());
            counters.requestTook(nanos.getAsLong() - started);
            if (result.statuses().size() != batch.records().size()) {
                throw new IllegalStateException(
                        "sink " + sink.name() + " answered " + result.statuses().size() + " statuses for "
                                + batch.records().size() + " records");
            }
            completions.add(
                    new Completion(batch, result, OutcomePolicy.decide(batch.records(), result, actions::park)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the sender is ending: the records stay in the spool
        } catch (RuntimeException e) {
            log.error("sink {}: sender lane {} failed: {}", sink.name(), batch.lane(), e.toString());
            failed = true;
        } finally {
            wakeUp();
        }
    }

    private void applyCompletions(LaneAccumulator lanes) {
        for (Completion c; (c = completions.poll()) != null; ) {
            apply(lanes, c);
        }
    }

    private void apply(LaneAccumulator lanes, Completion c) {
        OutcomePolicy.Decision d = c.decision();
        Batch batch = c.batch();
        actions.count(batch, d);
        lanes.complete(batch, d.resend());
        spool.acknowledge(sink.name(), lanes.ackOffset());
        actions.act(lanes, d, batch, c.result());
    }
}

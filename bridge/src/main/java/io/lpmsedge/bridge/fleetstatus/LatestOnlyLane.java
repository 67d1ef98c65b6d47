package io.lpmsedge.bridge.fleetstatus;

import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status events to one sink, outside the spool: a single slot holds the newest event not yet delivered, and a
 * newer one replaces it. While the sink fails the lane retries with a back-off (1 s doubling up to the status
 * interval), always with the newest event, so an outage leaves one waiting event per bridge, never a backlog,
 * and readings in the spool never queue behind status events. Calls {@link DeliverySink#send} directly, which
 * every sink allows from several threads at once.
 */
final class LatestOnlyLane implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LatestOnlyLane.class);
    private static final long FIRST_BACKOFF_MILLIS = 1000;

    private final DeliverySink sink;
    private final String topic;
    private final String key;
    private final long maxBackoffMillis;
    private final AtomicReference<byte[]> latest = new AtomicReference<>();
    private final Object signal = new Object();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long finishByNanos = Long.MAX_VALUE;
    private volatile boolean finishing;
    private String failing;

    LatestOnlyLane(DeliverySink sink, String topic, String key, long maxBackoffMillis) {
        this.sink = sink;
        this.topic = topic;
        this.key = key;
        this.maxBackoffMillis = Math.max(FIRST_BACKOFF_MILLIS, maxBackoffMillis);
    }

    String sinkName() {
        return sink.name();
    }

    /** Puts {@code value} in the slot, replacing an undelivered older event (counted), and wakes the lane. */
    void offer(byte[] value) {
        if (latest.getAndSet(value) != null) {
            replaced.incrementAndGet();
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** The event waiting in the slot, null when everything offered was delivered (or dropped). */
    byte[] waiting() {
        return latest.get();
    }

    /**
     * One attempt with the newest event, if any.
     *
     * @return false when the sink failed and the event stays in the slot for the next attempt
     */
    boolean sendOnce() throws InterruptedException {
        byte[] value = latest.get();
        if (value == null) {
            return true;
        }
        SendResult result = sink.send(topic, List.of(new SpooledRecord(-1, new SpoolEntry(topic, key, value))));
        RecordStatus status = result.statuses().get(0);
        switch (status) {
            case DELIVERED -> {
                latest.compareAndSet(value, null);
                delivered.incrementAndGet();
                if (failing != null) {
                    LOG.info(
                            "status events to sink {} delivered again ({} replaced by newer ones meanwhile)",
                            sink.name(),
                            replaced.get());
                    failing = null;
                }
                return true;
            }
            case REJECTED, TOO_LARGE -> {
                // resending the same bytes cannot help; the next event is built afresh
                latest.compareAndSet(value, null);
                dropped.incrementAndGet();
                LOG.error(
                        "sink {} refused a status event for topic {} ({}: {}); it is dropped, the next one is "
                                + "tried",
                        sink.name(),
                        topic,
                        status,
                        result.reason(0));
                return true;
            }
            default -> {
                failed.incrementAndGet();
                String reason = status + ": " + result.reason(0);
                if (!reason.equals(failing)) {
                    LOG.warn(
                            "status events to sink {} (topic {}) fail ({}); only the newest is kept and retried{}",
                            sink.name(),
                            topic,
                            reason,
                            status == RecordStatus.TOPIC_MISSING
                                    ? "; create the topic (docs/fleet.md \"Topics\")"
                                    : "");
                    failing = reason;
                }
                return false;
            }
        }
    }

    @Override
    public void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        try {
            while (true) {
                synchronized (signal) {
                    while (latest.get() == null && !finishing) {
                        signal.wait();
                    }
                }
                if (finishing && (latest.get() == null || System.nanoTime() >= finishByNanos)) {
                    return;
                }
                if (sendOnce()) {
                    backoff = FIRST_BACKOFF_MILLIS;
                    continue;
                }
                long wait = finishing
                        ? Math.min(backoff, Math.max(1, (finishByNanos - System.nanoTime()) / 1_000_000))
                        : backoff;
                synchronized (signal) {
                    signal.wait(wait);
                }
                backoff = Math.min(backoff * 2, maxBackoffMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the lane deliver what waits until {@code deadlineNanos} ({@link System#nanoTime()}), then end. */
    void finish(long deadlineNanos) {
        finishByNanos = deadlineNanos;
        finishing = true;
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    long delivered() {
        return delivered.get();
    }

    long replaced() {
        return replaced.get();
    }

    long failed() {
        return failed.get();
    }

    long dropped() {
        return dropped.get();
    }
}

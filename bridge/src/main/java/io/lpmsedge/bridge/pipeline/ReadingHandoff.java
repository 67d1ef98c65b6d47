package io.lpmsedge.bridge.pipeline;

import io.lpmsedge.protocol.data.Reading;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-off from the sensor readers to the pipeline. A reader never blocks here: when the queue is
 * full the configured policy drops the oldest queued reading or the new one, and the drop is counted against
 * the sensor whose reading was lost.
 *
 * <p><b>Passing marks.</b> {@link #whenPassed(Runnable)} runs a task on the consumer's thread once every reading
 * queued before the call has left the queue and been processed (the consumer calls {@link #runPassed()} after each
 * batch): how a removed sensor's last readings still reach every stage before its state there is retired. Readings
 * enter the queue under this object's lock, so the n-th reading in is the n-th out (drained or evicted) and a mark
 * is exact: one queue count, no per-reading bookkeeping.
 */
public final class ReadingHandoff {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingHandoff.class);
    private final ArrayBlockingQueue<Reading> queue;
    private final QueueFullPolicy policy;
    private final Map<String, DropCounter> countersBySensor = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    /** Readings that entered the queue; guarded by {@code this}. */
    private long entered;
    /** Readings evicted from the queue by drop-oldest (they left it without being drained). */
    private final AtomicLong evicted = new AtomicLong();
    /** Readings the consumer drained; consumer thread only. */
    private long drained;

    private record Mark(long ticket, Runnable task) {}

    private final Queue<Mark> marks = new ArrayDeque<>();

    public ReadingHandoff(int capacity, QueueFullPolicy policy) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.policy = policy;
    }

    /** Drops of this sensor's readings are counted on {@code counters}. */
    public void register(String sensorName, DropCounter counters) {
        countersBySensor.put(sensorName, counters);
    }

    /** Never blocks (beyond the brief lock that orders readings for {@link #whenPassed}). */
    public void offer(Reading reading) {
        Reading lost = null;
        synchronized (this) {
            if (queue.offer(reading)) {
                entered++;
                return;
            }
            if (policy == QueueFullPolicy.DROP_NEWEST) {
                lost = reading;
            } else {
                // drop-oldest: evict until the new reading fits (the consumer may be draining meanwhile).
                while (!queue.offer(reading)) {
                    Reading oldest = queue.poll();
                    if (oldest != null) {
                        evicted.incrementAndGet();
                        countDrop(oldest);
                    }
                }
                entered++;
            }
        }
        if (lost != null) {
            countDrop(lost);
        }
    }

    /**
     * Moves up to {@code max} readings into {@code into}, waiting up to {@code waitMillis} for the first. Called by
     * the one consumer thread only.
     *
     * @return how many were moved
     */
    public int drainTo(Collection<Reading> into, int max, long waitMillis) throws InterruptedException {
        Reading first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        into.add(first);
        int n = 1 + queue.drainTo(into, max - 1);
        drained += n;
        return n;
    }

    /**
     * Runs {@code task} on the consumer's thread after every reading queued now has been drained and processed (or
     * evicted). Any thread.
     */
    public void whenPassed(Runnable task) {
        synchronized (this) {
            synchronized (marks) {
                marks.add(new Mark(entered, task));
            }
        }
    }

    /**
     * The consumer has processed everything it drained: runs the marks that are passed now. Consumer thread only; a
     * task that throws is logged, not retried.
     */
    public void runPassed() {
        long out = drained + evicted.get();
        List<Runnable> due = List.of(); // called after every batch: allocate only when a mark is due (rare)
        synchronized (marks) {
            while (!marks.isEmpty() && marks.peek().ticket() <= out) {
                if (due.isEmpty()) {
                    due = new ArrayList<>();
                }
                due.add(marks.poll().task());
            }
        }
        for (Runnable task : due) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A mark's task must never end the consumer that moves every sensor's readings.
                LOG.error("a task after the hand-off's readings passed failed: {}", e.toString());
            }
        }
    }

    public int size() {
        return queue.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** All readings dropped by the policy, over all sensors. */
    public long dropped() {
        return dropped.get();
    }

    private void countDrop(Reading r) {
        dropped.incrementAndGet();
        DropCounter c =
                r.lineage() == null ? null : countersBySensor.get(r.lineage().sensorName());
        if (c != null) {
            c.countDropped();
        }
    }
}

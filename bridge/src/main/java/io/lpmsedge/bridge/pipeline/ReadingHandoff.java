package io.lpmsedge.bridge.pipeline;

import io.lpmsedge.protocol.data.Reading;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off from the sensor readers to the pipeline. A reader never blocks here: when the queue is
 * full the configured policy drops the oldest queued reading or the new one, and the drop is counted against
 * the sensor whose reading was lost.
 */
public final class ReadingHandoff {
    private final ArrayBlockingQueue<Reading> queue;
    private final QueueFullPolicy policy;
    private final Map<String, DropCounter> countersBySensor = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    public ReadingHandoff(int capacity, QueueFullPolicy policy) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.policy = policy;
    }

    /** Drops of this sensor's readings are counted on {@code counters}. */
    public void register(String sensorName, DropCounter counters) {
        countersBySensor.put(sensorName, counters);
    }

    /** Never blocks. Readings must carry lineage (the sensor name). */
    public void offer(Reading reading) {
        if (queue.offer(reading)) {
            return;
        }
        if (policy == QueueFullPolicy.DROP_NEWEST) {
            countDrop(reading);
            return;
        }
        // drop-oldest: evict until the new reading fits (other readers may be racing for the freed slot).
        while (!queue.offer(reading)) {
            Reading evicted = queue.poll();
            if (evicted != null) {
                countDrop(evicted);
            }
        }
    }

    /**
     * Moves up to {@code max} readings into {@code into}, waiting up to {@code waitMillis} for the first.
     *
     * @return how many were moved
     */
    public int drainTo(Collection<Reading> into, int max, long waitMillis) throws InterruptedException {
        Reading first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        into.add(first);
        return 1 + queue.drainTo(into, max - 1);
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

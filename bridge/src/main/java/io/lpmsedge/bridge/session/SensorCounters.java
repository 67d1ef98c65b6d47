package io.lpmsedge.bridge.session;

import io.lpmsedge.bridge.pipeline.DropCounter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What happened to one sensor since the bridge started. Written by the sensor's reader thread (and the
 * hand-off, for drops); read by status, metrics and tests from any thread.
 */
public final class SensorCounters implements DropCounter {
    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong configureFailures = new AtomicLong();
    final AtomicLong stalls = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();
    final AtomicLong readings = new AtomicLong();
    final AtomicLong tickGaps = new AtomicLong();
    final AtomicLong missedSamples = new AtomicLong();
    final AtomicLong undecodable = new AtomicLong();
    final AtomicLong droppedQueueFull = new AtomicLong();
    final AtomicLong lastReadingNanos = new AtomicLong();
    final AtomicReference<LinkState> state = new AtomicReference<>(LinkState.CONNECTING);
    final AtomicReference<String> lastError = new AtomicReference<>();

    /** Successful connections (configured and streaming or not). */
    public long connects() {
        return connects.get();
    }

    /** Connections after the first: every one follows a loss or a stall. */
    public long reconnects() {
        return Math.max(0, connects.get() - 1);
    }

    public long connectFailures() {
        return connectFailures.get();
    }

    public long configureFailures() {
        return configureFailures.get();
    }

    /** Times no good data frame arrived within the stall timeout while streaming. */
    public long stalls() {
        return stalls.get();
    }

    /** Times the link was closed by the far end or failed while streaming. */
    public long disconnects() {
        return disconnects.get();
    }

    /** Readings stamped and offered to the pipeline. */
    public long readings() {
        return readings.get();
    }

    /** Places where the tick counter jumped by more than one sample step within one connection. */
    public long tickGaps() {
        return tickGaps.get();
    }

    /** Samples inferred missing from those jumps (lost on the radio or dropped as bad frames). */
    public long missedSamples() {
        return missedSamples.get();
    }

    /** Good data frames that could not be decoded (length does not match the config word). */
    public long undecodable() {
        return undecodable.get();
    }

    /** Readings lost because the hand-off to the pipeline was full (by its policy). */
    public long droppedQueueFull() {
        return droppedQueueFull.get();
    }

    @Override
    public void countDropped() {
        droppedQueueFull.incrementAndGet();
    }

    /** Monotonic time (System.nanoTime) of the last reading, 0 before the first. */
    public long lastReadingNanos() {
        return lastReadingNanos.get();
    }

    /** The last connect, configure or link failure, as logged; null if none yet. */
    public String lastError() {
        return lastError.get();
    }

    public LinkState state() {
        return state.get();
    }
}

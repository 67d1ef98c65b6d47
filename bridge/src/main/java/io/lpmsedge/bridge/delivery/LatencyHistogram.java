package io.lpmsedge.bridge.delivery;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Send-request durations in fixed buckets (Prometheus classic-histogram shape, cumulative on read). Fixed
 * bounds keep it allocation-free and mergeable; they span a loopback request (≈1 ms) to a Wi-Fi timeout (30 s).
 */
public final class LatencyHistogram {
    /** Upper bounds in seconds; a last implicit +Inf bucket catches the rest. */
    public static final double[] BOUNDS_SECONDS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
    };

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_SECONDS.length + 1);
    private final DoubleAdder sumSeconds = new DoubleAdder();

    public void record(long nanos) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BOUNDS_SECONDS.length && seconds > BOUNDS_SECONDS[i]) {
            i++;
        }
        counts.incrementAndGet(i);
        sumSeconds.add(seconds);
    }

    /**
     * @param cumulativeCounts per bound, then +Inf (the total): observations ≤ that bound
     */
    public record Snapshot(long[] cumulativeCounts, double sumSeconds) {
        public long count() {
            return cumulativeCounts[cumulativeCounts.length - 1];
        }
    }

    public Snapshot snapshot() {
        long[] cumulative = new long[counts.length()];
        long running = 0;
        for (int i = 0; i < cumulative.length; i++) {
            running += counts.get(i);
            cumulative[i] = running;
        }
        return new Snapshot(cumulative, sumSeconds.sum());
    }
}

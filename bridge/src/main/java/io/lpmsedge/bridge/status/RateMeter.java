package io.lpmsedge.bridge.status;

/**
 * Events per second of a monotonically growing counter, over roughly the last {@code window}: keeps a small
 * ring of (time, count) samples taken no more often than every quarter of the window. Read by the status page
 * and the metrics endpoint from the HTTP thread, so cheap and synchronized; nothing on the reading path.
 */
public final class RateMeter {
    private static final int SLOTS = 8;
    private final long windowNanos;
    private final long[] times = new long[SLOTS];
    private final long[] counts = new long[SLOTS];
    private int size;
    private int newest = -1;

    public RateMeter(long windowNanos) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.windowNanos = windowNanos;
    }

    /** Records {@code count} as of {@code nowNanos} and returns the rate over the samples within the window. */
    public synchronized double update(long count, long nowNanos) {
        if (newest < 0 || nowNanos - times[newest] >= windowNanos / 4) {
            newest = (newest + 1) % SLOTS;
            times[newest] = nowNanos;
            counts[newest] = count;
            size = Math.min(size + 1, SLOTS);
        }
        // the oldest sample inside the window, but at least the one before the newest: a Prometheus scrape every
        // 15 s then sees the rate over the last scrape interval instead of nothing
        int oldest = newest;
        for (int i = 1; i < size; i++) {
            int idx = Math.floorMod(newest - i, SLOTS);
            if (nowNanos - times[idx] > windowNanos && oldest != newest) {
                break;
            }
            oldest = idx;
            if (nowNanos - times[idx] > windowNanos) {
                break;
            }
        }
        long dt = nowNanos - times[oldest];
        if (dt <= 0) {
            return 0.0;
        }
        return Math.max(0, count - counts[oldest]) * 1e9 / dt;
    }
}

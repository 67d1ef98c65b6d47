package io.lpmsedge.simulator.fleet;

/**
 * When model tick k is due on the monotonic clock: {@code epoch + k × 2.5 ms / speed}. Computed from k every
 * time, never by adding periods, so an hour-long run does not drift by a single tick. {@code speed} = +∞ is
 * "as fast as possible" ({@code --speed max}).
 */
public record Pacer(long epochNanos, double speed) {
    public static final long TICK_NANOS = 2_500_000L;

    public Pacer {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, was " + speed);
        }
    }

    public boolean max() {
        return Double.isInfinite(speed);
    }

    public long deadline(long tick) {
        if (max()) {
            return Long.MIN_VALUE;
        }
        if (speed == 1) {
            return epochNanos + tick * TICK_NANOS;
        }
        return epochNanos + Math.round(tick * (TICK_NANOS / speed));
    }

    /** The last tick due at {@code nowNanos} (−1 before the epoch). */
    public long dueTick(long nowNanos) {
        if (max()) {
            return Long.MAX_VALUE;
        }
        long elapsed = nowNanos - epochNanos;
        if (elapsed < 0) {
            return -1;
        }
        long k = (long) Math.floor(elapsed * speed / TICK_NANOS);
        // Correct the floating-point estimate so that deadline(k) <= now < deadline(k + 1) exactly.
        while (k > 0 && deadline(k) > nowNanos) {
            k--;
        }
        while (deadline(k + 1) <= nowNanos) {
            k++;
        }
        return k;
    }
}

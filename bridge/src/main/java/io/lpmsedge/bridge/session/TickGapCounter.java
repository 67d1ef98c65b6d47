package io.lpmsedge.bridge.session;

/**
 * Infers samples lost on the link from the sensor's own timestamp counter, one connection at a time.
 * The counter is unsigned 32-bit and wraps (docs/lpms-protocol.md#timestamp); consecutive frames of a stream at a given
 * rate differ by a fixed number of ticks ({@code ticksPerSample}, e.g. 4 at 100 Hz on the 400 Hz counter).
 *
 * <p>A step counts as a gap when it is more than 1.5 sample steps forward, so jitter of half a step is not a
 * loss; the number missed is the step in samples, rounded, minus the one that arrived. A step of half the
 * counter range or more is taken as a jump backwards (a counter reset such as SET_TIMESTAMP, or a frame out of
 * order), not as billions of lost samples; a repeated tick is not a gap either. Across the wrap the unsigned
 * difference is used, so 0xFFFFFFFC → 0 at 100 Hz is one step.
 *
 * <p>Used by the session's reader thread only; not thread-safe.
 */
final class TickGapCounter {
    private static final long TICK_MASK = 0xFFFFFFFFL;
    private static final long HALF_RANGE = 1L << 31;

    private final long ticksPerSample;
    private long previousTick = -1;

    /** @param ticksPerSample counter ticks between two consecutive samples of the stream, at least 1 */
    TickGapCounter(long ticksPerSample) {
        if (ticksPerSample < 1) {
            throw new IllegalArgumentException("ticksPerSample must be at least 1, was " + ticksPerSample);
        }
        this.ticksPerSample = ticksPerSample;
    }

    /** Forgets the previous tick: the next one starts a new run (a new connection). */
    void reset() {
        previousTick = -1;
    }

    /**
     * The next sample's tick, in arrival order.
     *
     * @param tick the sample's timestamp counter, 0…2^32−1
     * @return samples missing between the previous tick and this one; 0 if none (or no previous tick)
     */
    long missedBefore(long tick) {
        long previous = previousTick;
        previousTick = tick;
        if (previous < 0) {
            return 0;
        }
        long step = ticksPerSample;
        long delta = (tick - previous) & TICK_MASK;
        if (delta > step + step / 2 && delta < HALF_RANGE) {
            return Math.round((double) delta / step) - 1;
        }
        return 0;
    }
}

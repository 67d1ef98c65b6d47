package io.lpmsedge.protocol.data;

/**
 * Extends the unsigned 32-bit tick counter (which wraps after ≈124 days at 400 Hz) to a continuous 64-bit count.
 * A step backwards by more than half the range is taken as a wrap; a smaller step backwards (a sensor reset or
 * SET_TIMESTAMP) is taken as is.
 */
public final class TickUnwrapper {
    private static final long RANGE = 1L << 32;
    private long wraps;
    private long last = -1;

    /** @param rawTick 0 … 2^32−1 */
    public long unwrap(long rawTick) {
        if (last >= 0 && rawTick < last && last - rawTick > RANGE / 2) {
            wraps++;
        }
        last = rawTick;
        return wraps * RANGE + rawTick;
    }

    public void reset() {
        wraps = 0;
        last = -1;
    }
}

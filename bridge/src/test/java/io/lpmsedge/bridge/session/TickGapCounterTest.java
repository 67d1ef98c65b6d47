package io.lpmsedge.bridge.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Samples inferred missing from the sensor's unsigned 32-bit timestamp counter. */
class TickGapCounterTest {
    private static final long MAX_TICK = 0xFFFFFFFFL;

    /** Feeds the ticks in order and returns what each reported missing before it. */
    private static long[] missed(long ticksPerSample, long... ticks) {
        TickGapCounter gaps = new TickGapCounter(ticksPerSample);
        long[] out = new long[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            out[i] = gaps.missedBefore(ticks[i]);
        }
        return out;
    }

    private static void assertMissed(long[] expected, long[] actual) {
        assertMissed(expected, actual, "");
    }

    private static void assertMissed(long[] expected, long[] actual, String message) {
        assertEquals(Arrays.toString(expected), Arrays.toString(actual), message);
    }

    @Test
    void aSteadyStreamMissesNothing() {
        assertMissed(new long[] {0, 0, 0, 0}, missed(4, 100, 104, 108, 112));
    }

    @Test
    void aGapReportsTheSamplesBetweenOnce() {
        // 100 Hz on the 400 Hz counter: 104 → 120 skips 108, 112 and 116
        assertMissed(new long[] {0, 0, 3, 0}, missed(4, 100, 104, 120, 124));
    }

    @Test
    void halfAStepOfJitterIsNotAGapButMoreIs() {
        assertMissed(new long[] {0, 0}, missed(4, 0, 6));
        assertMissed(new long[] {0, 1}, missed(4, 0, 7), "1.75 steps round to 2: one sample missing");
        assertMissed(new long[] {0, 0, 1}, missed(1, 0, 1, 3), "400 Hz: every tick is a sample");
    }

    @Test
    void theCounterWrapsWithoutAGap() {
        assertMissed(new long[] {0, 0, 0}, missed(4, MAX_TICK - 7, MAX_TICK - 3, 0));
        // a gap across the wrap is counted like any other: MAX-3, 0 and 4 are missing
        assertMissed(new long[] {0, 3}, missed(4, MAX_TICK - 7, 8));
    }

    @Test
    void aRepeatedTickIsNotAGap() {
        assertMissed(new long[] {0, 0, 0, 0}, missed(4, 40, 44, 44, 48));
    }

    @Test
    void aJumpBackIsAResetNotBillionsOfLostSamples() {
        // SET_TIMESTAMP 0 while streaming, or a frame out of order
        assertMissed(new long[] {0, 0, 0, 0}, missed(4, 5000, 5004, 0, 4));
        // out of order: 8 then 4 looks like a reset, so the step 4 → 12 counts once more
        assertMissed(new long[] {0, 1, 0, 1}, missed(4, 0, 8, 4, 12));
    }

    @Test
    void halfTheCounterRangeIsWhereForwardEnds() {
        long half = 1L << 31;
        assertMissed(new long[] {0, (half - 4) / 4 - 1}, missed(4, 0, half - 4));
        assertMissed(new long[] {0, 0}, missed(4, 0, half));
        assertMissed(new long[] {0, 0}, missed(4, 100, 100 + half), "the same distance from any start");
    }

    @Test
    void resetStartsAFreshRun() {
        TickGapCounter gaps = new TickGapCounter(4);
        gaps.missedBefore(1000);
        gaps.reset();
        assertEquals(0, gaps.missedBefore(9000), "a new connection: no previous tick to compare with");
        assertEquals(1, gaps.missedBefore(9008));
    }

    @Test
    void aStepBelowOneTickIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TickGapCounter(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}

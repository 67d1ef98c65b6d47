package io.lpmsedge.bridge.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    private static final long S = 1_000_000_000L;

    @Test
    void firstLookHasNoRate() {
        assertEquals(0.0, new RateMeter(5 * S).update(1000, 0));
    }

    @Test
    void rateOverTheWindowWhenPolledOften() {
        RateMeter m = new RateMeter(5 * S);
        for (int t = 0; t <= 20; t++) {
            m.update(400L * t, t * S / 2); // 800/s steady, polled twice a second
        }
        assertEquals(800.0, m.update(400L * 21, 21 * S / 2), 1e-9);
    }

    @Test
    void followsAChangeWithinTheWindow() {
        RateMeter m = new RateMeter(4 * S);
        long count = 0;
        for (int t = 0; t < 20; t++) {
            m.update(count, t * S);
            count += 100; // 100/s for 20 s …
        }
        for (int t = 20; t < 30; t++) {
            m.update(count, t * S); // … then nothing for 10 s
        }
        assertEquals(0.0, m.update(count, 30 * S), 1e-9);
    }

    @Test
    void scrapedLessOftenThanTheWindowStillGivesTheRateSinceTheLastLook() {
        RateMeter m = new RateMeter(5 * S);
        m.update(0, 0);
        assertEquals(200.0, m.update(3000, 15 * S), 1e-9);
        assertEquals(100.0, m.update(4500, 30 * S), 1e-9);
    }

    @Test
    void aCounterResetIsNotANegativeRate() {
        RateMeter m = new RateMeter(5 * S);
        m.update(1000, 0);
        assertEquals(0.0, m.update(10, 2 * S), 1e-9);
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(0));
    }
}

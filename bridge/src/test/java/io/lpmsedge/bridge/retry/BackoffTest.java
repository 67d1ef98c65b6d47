package io.lpmsedge.bridge.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesWithJitterUpToTheCapAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new SplittableRandom(1));
        long[] expectedBase = {100, 200, 400, 800, 1000, 1000};
        for (long base : expectedBase) {
            long ms = b.next().toMillis();
            assertTrue(ms >= base * 0.8 - 1 && ms <= Math.min(1000, base * 1.2 + 1), base + " -> " + ms);
        }
        b.reset();
        long first = b.next().toMillis();
        assertTrue(first >= 80 && first <= 120, String.valueOf(first));
    }

    @Test
    void jitterSpreadsAFleet() {
        long min = Long.MAX_VALUE;
        long max = 0;
        SplittableRandom seeds = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            long ms = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(30000), seeds.split())
                    .next()
                    .toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertTrue(max - min > 200, "50 sensors should not all wait the same: " + min + ".." + max);
        assertEquals(true, min >= 800 && max <= 1200);
    }
}

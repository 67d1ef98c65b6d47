package io.lpmsedge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void pollsUntilTheConditionHoldsAndReturnsTheValueThatMadeIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        assertEquals(3, Await.until(calls::incrementAndGet, n -> n >= 3, Duration.ofSeconds(30), "the third call"));
        Await.until(() -> calls.incrementAndGet() >= 5, Duration.ofSeconds(30), "the fifth call");
        assertEquals(5, calls.get(), "no call after the condition held");
    }

    @Test
    void failsAtTheDeadlineNamingWhatItWaitedForAndTheLastValue() {
        AtomicInteger calls = new AtomicInteger();
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> Await.until(calls::incrementAndGet, n -> n < 0, Duration.ofMillis(50), "a negative count"));
        assertTrue(
                e.getMessage().startsWith("timed out after PT0.05S waiting for a negative count; last seen: "),
                e.getMessage());
        assertTrue(calls.get() >= 2, "polled more than once: " + calls.get());
        AssertionError plain =
                assertThrows(AssertionError.class, () -> Await.until(() -> false, Duration.ofMillis(20), "never"));
        assertEquals("timed out after PT0.02S waiting for never", plain.getMessage());
    }

    @Test
    void aManualClockMovesOnlyWhenTold() {
        ManualClock c = new ManualClock(1_000_000);
        long n0 = c.nanos();
        c.advance(1500);
        assertEquals(1_001_500, c.millis());
        assertEquals(n0 + 1_500_000_000L, c.nanos());
        c.stepWall(-60_000);
        assertEquals(941_500, c.instant().toEpochMilli());
        assertEquals(n0 + 1_500_000_000L, c.nanos(), "a wall step leaves monotonic time alone");
    }
}

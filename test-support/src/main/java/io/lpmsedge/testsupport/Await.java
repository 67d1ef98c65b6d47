package io.lpmsedge.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something another thread (a bridge, a broker, a browser) makes true, with a deadline and a
 * description, instead of a sleep of a fixed length: a test is as fast as the machine allows and fails with what
 * it was waiting for, never hangs. The condition is polled every {@value #POLL_MILLIS} ms; it may do work itself
 * (poll a consumer, fetch a page), since it runs on the waiting thread.
 */
public final class Await {
    static final long POLL_MILLIS = 10;

    private Await() {}

    /**
     * Returns once {@code condition} is true.
     *
     * @throws AssertionError "timed out after TIMEOUT waiting for WHAT" when it is still false at the deadline
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        until(condition::getAsBoolean, done -> done, timeout, what);
    }

    /**
     * Returns the first value of {@code probe} that {@code done} accepts.
     *
     * @throws AssertionError naming {@code what} and the last value seen when none is accepted by the deadline
     */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> done, Duration timeout, String what)
            throws InterruptedException {
        return until(probe, done, timeout, Duration.ofMillis(POLL_MILLIS), what);
    }

    /** As {@link #until(Supplier, Predicate, Duration, String)}, probing every {@code pollEvery} (a costly probe). */
    public static <T> T until(
            Supplier<T> probe, Predicate<? super T> done, Duration timeout, Duration pollEvery, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + (value instanceof Boolean ? "" : "; last seen: " + value));
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }
}

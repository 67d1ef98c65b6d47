package io.lpmsedge.scoreservice;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until a deadline (the service, broker and reloader work on their own threads). */
final class Await {
    private Await() {
    }

    static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}

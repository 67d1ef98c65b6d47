package io.lpmsedge.bridge.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with ±20 % jitter, capped: initial, 2×, 4×, … up to max. Jitter keeps a fleet of
 * sensors that dropped together (a Wi-Fi or power blip) from reconnecting in lock-step.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The wait before the next attempt; each call counts one more failure. */
    public Duration next() {
        double base = Math.min(maxMillis, initialMillis * Math.pow(2, Math.min(failures, 30)));
        failures++;
        double jittered = base * (0.8 + 0.4 * random.nextDouble());
        return Duration.ofMillis(Math.max(1, Math.min(maxMillis, Math.round(jittered))));
    }

    /** After a connection that worked, start again from the initial wait. */
    public void reset() {
        failures = 0;
    }
}

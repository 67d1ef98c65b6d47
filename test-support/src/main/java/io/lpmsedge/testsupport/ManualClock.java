package io.lpmsedge.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A wall clock (this {@link Clock}) and a monotonic clock ({@link #nanos()}, for code that takes a
 * {@code LongSupplier} of nanos) that a test moves by hand: {@link #advance} lets time pass (both move),
 * {@link #stepWall} is an NTP or operator step (only the wall clock jumps). Thread-safe, so a test thread can move
 * it while the code under test reads it.
 */
public final class ManualClock extends Clock {
    private final AtomicLong wallMillis;
    private final AtomicLong nanos;

    /** Starts at {@code startMillis} (epoch ms) and at 5 s of monotonic time (not 0: code must not treat 0 as unset). */
    public ManualClock(long startMillis) {
        this(startMillis, 5_000_000_000L);
    }

    public ManualClock(long startMillis, long startNanos) {
        this.wallMillis = new AtomicLong(startMillis);
        this.nanos = new AtomicLong(startNanos);
    }

    /** Monotonic time, ns. */
    public long nanos() {
        return nanos.get();
    }

    /** Time passes: both clocks move on. */
    public void advance(long millis) {
        wallMillis.addAndGet(millis);
        nanos.addAndGet(millis * 1_000_000);
    }

    /** The wall clock is stepped (forwards or backwards); monotonic time does not move. */
    public void stepWall(long millis) {
        wallMillis.addAndGet(millis);
    }

    @Override
    public long millis() {
        return wallMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(wallMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock: tests run in UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

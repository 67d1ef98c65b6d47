package io.lpmsedge.devstack;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One armed fault: how often it may still fire and how often it has. Returned by every {@link FaultPlan} method
 * so a test can assert that the sink really met the fault ({@code assertEquals(2, fault.fired())}).
 */
public final class Fault {
    /** Unlimited: fires until {@link FaultPlan#clear()} or {@link #cancel()}. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private final String description;
    private final AtomicInteger remaining;
    private final AtomicInteger fired = new AtomicInteger();

    Fault(String description, int times) {
        if (times <= 0) {
            throw new IllegalArgumentException("a fault must be allowed to fire at least once, got " + times);
        }
        this.description = description;
        this.remaining = new AtomicInteger(times);
    }

    /** Claims one firing; false when used up. */
    boolean claim() {
        while (true) {
            int r = remaining.get();
            if (r <= 0) {
                return false;
            }
            if (r == UNLIMITED || remaining.compareAndSet(r, r - 1)) {
                fired.incrementAndGet();
                return true;
            }
        }
    }

    /** Counts a firing of a per-record fault (its budget is its ordinals, not a count). */
    void countFiring() {
        fired.incrementAndGet();
    }

    void useUp() {
        remaining.set(0);
    }

    /** How many times it has fired (requests answered, records failed, connections dropped, answers delayed). */
    public int fired() {
        return fired.get();
    }

    /** How many more times it may fire ({@link #UNLIMITED} for no limit). */
    public int remaining() {
        return Math.max(0, remaining.get());
    }

    public boolean isUsedUp() {
        return remaining.get() <= 0;
    }

    /** Disarms it; {@link #fired()} keeps its count. */
    public void cancel() {
        useUp();
    }

    @Override
    public String toString() {
        return description + " (fired " + fired() + ", remaining "
                + (remaining.get() == UNLIMITED ? "unlimited" : String.valueOf(remaining())) + ")";
    }
}

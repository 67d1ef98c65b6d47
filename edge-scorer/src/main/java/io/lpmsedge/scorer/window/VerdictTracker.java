package io.lpmsedge.scorer.window;

/** Turns the sequence "did this window exceed the threshold" into a verdict; one per sensor, stateful. */
public interface VerdictTracker {
    /** Feeds one window's outcome; returns the verdict after it. */
    Verdict update(boolean exceeds);

    Verdict current();
}

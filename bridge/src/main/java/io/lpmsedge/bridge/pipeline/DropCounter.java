package io.lpmsedge.bridge.pipeline;

/**
 * Where the hand-off counts a sensor's reading it had to drop. An interface of the pipeline, implemented by the
 * session's counters, so the pipeline does not depend on the session package that feeds it (no package cycle).
 */
@FunctionalInterface
public interface DropCounter {
    /** Counts one dropped reading; called on the reader's thread, must not block. */
    void countDropped();
}

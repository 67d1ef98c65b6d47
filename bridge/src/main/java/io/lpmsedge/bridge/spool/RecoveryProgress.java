package io.lpmsedge.bridge.spool;

/** Told after each segment the start-up scan has checked; called on the thread opening the spool. */
@FunctionalInterface
public interface RecoveryProgress {
    RecoveryProgress NONE = (done, total) -> {};

    /** {@code bytesDone} of {@code bytesTotal} segment bytes are checked. */
    void scanned(long bytesDone, long bytesTotal);
}

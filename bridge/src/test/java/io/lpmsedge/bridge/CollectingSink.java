package io.lpmsedge.bridge;

import io.lpmsedge.bridge.pipeline.ReadingStage;
import io.lpmsedge.protocol.data.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Test sink: keeps every reading; tests wait on it with a poll, never a fixed sleep. */
public final class CollectingSink implements ReadingStage {
    private final List<Reading> readings = new ArrayList<>();
    private boolean closed;

    @Override
    public synchronized void write(List<Reading> batch) {
        readings.addAll(batch);
        notifyAll();
    }

    @Override
    public void flush() {}

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized boolean closed() {
        return closed;
    }

    public synchronized List<Reading> readings() {
        return List.copyOf(readings);
    }

    /** Waits until {@code condition} holds for the readings so far; fails after {@code timeoutMillis}. */
    public synchronized List<Reading> await(Predicate<List<Reading>> condition, long timeoutMillis, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.test(readings)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what + " ("
                        + readings.size() + " readings so far)");
            }
            wait(left);
        }
        return List.copyOf(readings);
    }
}

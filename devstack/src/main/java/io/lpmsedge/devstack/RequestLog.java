package io.lpmsedge.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Every request the stand-in received, in arrival-completion order. An entry is added just before its answer is
 * sent (or its connection dropped), so once a client has its response the entry is already here.
 */
public final class RequestLog {
    private final List<ReceivedRequest> entries = new ArrayList<>();

    synchronized void add(ReceivedRequest r) {
        entries.add(r);
        notifyAll();
    }

    public synchronized List<ReceivedRequest> all() {
        return List.copyOf(entries);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Only the requests that matched {@code endpoint}. */
    public synchronized List<ReceivedRequest> to(Endpoint endpoint) {
        List<ReceivedRequest> out = new ArrayList<>();
        for (ReceivedRequest r : entries) {
            if (r.endpoint() == endpoint) {
                out.add(r);
            }
        }
        return out;
    }

    public synchronized void clear() {
        entries.clear();
    }

    /**
     * Waits until at least {@code count} requests have been logged, for tests whose client retries on its own
     * thread. Returns the entries at that moment.
     */
    public synchronized List<ReceivedRequest> awaitSize(int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (entries.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("the stand-in received " + entries.size() + " of " + count
                        + " requests within " + timeout + ": " + entries);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(entries);
    }
}

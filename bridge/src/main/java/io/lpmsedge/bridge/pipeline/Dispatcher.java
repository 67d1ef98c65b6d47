package io.lpmsedge.bridge.pipeline;

import io.lpmsedge.bridge.sink.ReadingSink;
import io.lpmsedge.protocol.data.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread between the hand-off and the sinks: drains batches, writes them to every sink in order, and
 * flushes at a bounded interval. On stop it drains what is left before closing the sinks.
 */
public final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH_MAX = 512;

    private final ReadingHandoff handoff;
    private final List<ReadingSink> sinks;
    private final long flushIntervalNanos;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong sinkErrors = new AtomicLong();
    private volatile boolean draining;

    public Dispatcher(ReadingHandoff handoff, List<ReadingSink> sinks, Duration flushInterval) {
        this.handoff = handoff;
        this.sinks = List.copyOf(sinks);
        this.flushIntervalNanos = flushInterval.toNanos();
    }

    /** Readers have stopped: write what is queued, flush, close, and end. */
    public void drainAndStop() {
        draining = true;
    }

    /** Readings written to the sinks. */
    public long delivered() {
        return delivered.get();
    }

    public long sinkErrors() {
        return sinkErrors.get();
    }

    @Override
    public void run() {
        List<Reading> batch = new ArrayList<>(BATCH_MAX);
        long lastFlush = System.nanoTime();
        boolean dirty = false;
        try {
            while (true) {
                batch.clear();
                boolean stopRequested = draining;
                int n = handoff.drainTo(batch, BATCH_MAX, 20);
                if (n > 0) {
                    write(batch);
                    dirty = true;
                }
                long now = System.nanoTime();
                if (dirty && now - lastFlush >= flushIntervalNanos) {
                    flush();
                    dirty = false;
                    lastFlush = now;
                }
                if (stopRequested && n == 0 && handoff.isEmpty()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flush();
            for (ReadingSink s : sinks) {
                try {
                    s.close();
                } catch (IOException e) {
                    LOG.error("closing sink failed: {}", e.getMessage());
                }
            }
        }
    }

    private void write(List<Reading> batch) {
        for (ReadingSink s : sinks) {
            try {
                s.write(batch);
            } catch (IOException e) {
                sinkErrors.incrementAndGet();
                LOG.error("sink write failed, {} readings not written: {}", batch.size(), e.getMessage());
            }
        }
        delivered.addAndGet(batch.size());
    }

    private void flush() {
        for (ReadingSink s : sinks) {
            try {
                s.flush();
            } catch (IOException e) {
                sinkErrors.incrementAndGet();
                LOG.error("sink flush failed: {}", e.getMessage());
            }
        }
    }
}

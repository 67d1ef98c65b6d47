package io.lpmsedge.bridge.pipeline;

import io.lpmsedge.protocol.data.Reading;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread between the hand-off and the stages (spool writer, scoring): drains batches, writes them to
 * every stage in order, and flushes at a bounded interval. On stop it drains what is left before closing the stages.
 * Runs the hand-off's passing marks ({@link ReadingHandoff#whenPassed}) after each batch has reached every stage.
 */
public final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH_MAX = 512;

    private final ReadingHandoff handoff;
    private final List<ReadingStage> stages;
    private final long flushIntervalNanos;
    private final AtomicLong dispatched = new AtomicLong();
    private final AtomicLong stageErrors = new AtomicLong();
    private volatile boolean draining;

    public Dispatcher(ReadingHandoff handoff, List<ReadingStage> stages, Duration flushInterval) {
        this.handoff = handoff;
        this.stages = List.copyOf(stages);
        this.flushIntervalNanos = flushInterval.toNanos();
    }

    /** Readers have stopped: write what is queued, flush, close, and end. */
    public void drainAndStop() {
        draining = true;
    }

    /**
     * Readings taken from the hand-off and passed to every stage, whether or not a stage's write succeeded (a
     * failed write is counted by {@link #stageErrors()}). Not "delivered": delivery to a far side happens later,
     * from the spool.
     */
    public long dispatched() {
        return dispatched.get();
    }

    /** Failed stage writes and flushes. */
    public long stageErrors() {
        return stageErrors.get();
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
                handoff.runPassed();
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
            handoff.runPassed();
            for (ReadingStage s : stages) {
                try {
                    s.close();
                } catch (IOException e) {
                    LOG.error("closing stage failed: {}", e.getMessage());
                }
            }
        }
    }

    private void write(List<Reading> batch) {
        for (ReadingStage s : stages) {
            try {
                s.write(batch);
            } catch (IOException e) {
                stageErrors.incrementAndGet();
                LOG.error("stage write failed, {} readings not written: {}", batch.size(), e.getMessage());
            }
        }
        dispatched.addAndGet(batch.size());
    }

    private void flush() {
        for (ReadingStage s : stages) {
            try {
                s.flush();
            } catch (IOException e) {
                stageErrors.incrementAndGet();
                LOG.error("stage flush failed: {}", e.getMessage());
            }
        }
    }
}

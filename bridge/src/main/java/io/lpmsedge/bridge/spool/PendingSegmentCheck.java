package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check of the older segments that start-up left {@linkplain Segment#pending pending} (so appends start at
 * once whatever the spool's size): oldest first, each is scanned (length and CRC of every record, a damaged tail
 * cut away) outside the spool's lock and then put in place of its pending entry under it. Until a segment is in
 * place the spool does not read it, nor anything after it, so each sink's order holds.
 *
 * <p>What the check finds is counted here: torn bytes cut away, and records missing (a gap before the next
 * segment, or a segment that cannot be read at all), each logged at WARN.
 *
 * <p>Runs either on the caller's thread ({@link #runToEnd}) or on its own daemon thread ({@link #start}). All
 * access to the segment list synchronizes on {@code lock} (the spool), which is also notified when the check ends.
 */
final class PendingSegmentCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PendingSegmentCheck.class);

    private final Object lock;
    private final SegmentList segments;
    private final FileStore store;
    private final OffsetMarker marker;
    private final RecoveryProgress progress;
    /** Records below this were delivered to every sink or removed on purpose: gone, but not missing. */
    private final long notMissingBelow;

    private final long checkedAtStart;
    private final long pendingBytes;
    /** Told after a segment is put in place (acknowledged ones may now be deleted); called under the lock. */
    private final Runnable afterInstall;

    private final AtomicLong missingRecords = new AtomicLong();
    private final AtomicLong tornBytes = new AtomicLong();
    private volatile boolean stopping;
    /** Called outside the lock after each segment is done (installed or given up): records may be readable. */
    private final Runnable afterEachSegment;

    private Thread thread;

    PendingSegmentCheck(
            Object lock,
            SegmentList segments,
            FileStore store,
            SpoolRecovery.Result recovered,
            RecoveryProgress progress,
            Runnable afterInstall,
            Runnable afterEachSegment) {
        this.lock = lock;
        this.segments = segments;
        this.store = store;
        this.marker = recovered.marker();
        this.progress = progress;
        this.notMissingBelow = recovered.minAck();
        this.checkedAtStart = recovered.checkedBytes();
        this.pendingBytes = recovered.pendingBytes();
        this.afterInstall = afterInstall;
        this.afterEachSegment = afterEachSegment;
        this.missingRecords.set(recovered.missingRecords());
        this.tornBytes.set(recovered.tornBytes());
    }

    /** Checks every pending segment on this thread. */
    void runToEnd() {
        run();
    }

    /** Checks the pending segments on a daemon thread ({@code spool-recovery}), if there are any. */
    void start() {
        synchronized (lock) {
            if (segments.firstPending() != null) {
                thread = new Thread(this::run, "spool-recovery");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    /** Whether segments are still unchecked (their records are not read yet). Call under the lock. */
    boolean checking() {
        return segments.firstPending() != null;
    }

    /** Waits (under the lock, which it releases while waiting) until every segment is checked; false on timeout. */
    boolean await(Duration timeout) throws InterruptedException {
        synchronized (lock) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (checking()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Ends the check after the segment being scanned and waits for its thread; the rest stays pending. */
    void stop() {
        stopping = true;
        Thread t;
        synchronized (lock) {
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records found missing: at start-up and by the check so far. */
    long missingRecords() {
        return missingRecords.get();
    }

    /** Bytes cut from damaged or torn segment tails: at start-up and by the check so far. */
    long tornBytes() {
        return tornBytes.get();
    }

    private void run() {
        long done = checkedAtStart;
        while (!stopping) {
            Segment pending;
            synchronized (lock) {
                pending = segments.firstPending();
            }
            if (pending == null) {
                break;
            }
            try {
                install(pending, SpoolRecovery.scanPending(store, pending));
            } catch (IOException e) {
                unreadable(pending, e);
            }
            done += pending.size();
            progress.scanned(done, checkedAtStart + pendingBytes);
            afterEachSegment.run();
        }
        synchronized (lock) {
            thread = null;
            lock.notifyAll();
        }
    }

    private void install(Segment pending, Segment.Recovered r) {
        synchronized (lock) {
            if (segments.firstPending() != pending) { // deleted meanwhile (acknowledged, or dropped when full)
                closeQuietly(r.segment());
                return;
            }
            long[] found = SpoolRecovery.account(r, segments.nextBase(pending), notMissingBelow, marker);
            segments.replace(pending, r.segment());
            tornBytes.addAndGet(found[0]);
            missingRecords.addAndGet(found[1]);
            afterInstall.run();
        }
    }

    /** A pending segment that cannot be read at all: its records are missing; the rest of the spool goes on. */
    private void unreadable(Segment pending, IOException e) {
        synchronized (lock) {
            if (!segments.removeUnreadable(pending)) {
                return;
            }
            long lost = Math.max(0, pending.endOffset() - Math.max(pending.baseOffset, notMissingBelow));
            missingRecords.addAndGet(lost);
            LOG.warn(
                    "spool: {} cannot be read ({}): {} records between {} and {} are missing",
                    pending.path,
                    e.getMessage(),
                    lost,
                    pending.baseOffset,
                    pending.endOffset());
        }
    }

    private static void closeQuietly(Segment s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}

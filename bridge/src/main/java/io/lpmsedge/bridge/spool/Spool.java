package io.lpmsedge.bridge.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The crash-safe, bounded disk spool between the pipeline and the sinks, after Tape's QueueFile and Kafka's log
 * segments: records are appended to segment files with a length and CRC each, fsynced per batch (at most
 * {@link SpoolConfig#fsyncInterval()} apart), handed to sinks only once fsynced, and deleted a whole segment at a
 * time once every sink has acknowledged it. Sequential writes only, no per-record fsync: kind to SD cards.
 *
 * <p>Start-up recovery ({@link SpoolRecovery}): each segment is scanned; a torn tail (power cut mid-write) or a
 * damaged record is truncated away, so start-up never fails on a corrupt spool; acknowledged prefixes are skipped;
 * the rest is replayed in order; a lost segment file is noticed, counted ({@link #missingRecords()}) and never
 * makes an offset be handed out twice ({@link OffsetMarker}). {@link #openRecoveringInBackground} checks only the
 * newest segment before it returns and the older ones on a background thread, so appends start at once.
 *
 * <p>Power cuts: the directory is fsynced after a segment is created or deleted and after an acknowledgement file
 * is renamed, so an fsynced record never vanishes with its file's directory entry. What is fsynced when, and what
 * a cut can cost, is in docs/durability.md. All file operations go through a {@link FileStore}, the seam under
 * which the tests simulate power cuts.
 *
 * <p>Time: every interval (fsync, ack writes) and every age runs on the monotonic clock of the
 * {@link SpoolContext}, so wall-clock steps neither stop ack writes nor fake old records.
 *
 * <p>Bounded: past {@link SpoolConfig#maxBytes()} (or when the disk is full or read-only) the configured policy
 * drops the oldest segment or the new records, counting every dropped record per key; appends never throw.
 *
 * <p>Thread-safe: one writer (the dispatcher), one reader per sink and the background check of older segments
 * ({@link #openRecoveringInBackground}); a single lock guards the segment list and the files (a segment is
 * scanned outside it, then installed under it).
 */
public final class Spool implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    /** The key dropped records are counted under when their segment was dropped before it was checked. */
    static final String NOT_RECOVERED = "(not yet checked)";

    private final SpoolConfig config;
    private final FileStore store;
    /** Monotonic time for every interval and age: wall-clock steps must not stop ack writes or fake ages. */
    private final LongSupplier nanoTime;
    private final OffsetMarker marker;
    private final AtomicLong missingRecords = new AtomicLong();
    /** The lowest acknowledgement stored at start-up: records below it are delivered, not missing. */
    private final long minAckAtStart;
    private final RecoveryProgress progress;
    private final long pendingBytes;
    private final long checkedBytes;
    private Thread recoveryThread;
    private volatile boolean closing;
    private final List<Segment> segments = new ArrayList<>();
    private AckPositions acks;
    private final Map<String, LongAdder> droppedByKey = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private long recoveredTornBytes;
    private ByteBuffer writeBuffer = ByteBuffer.allocate(64 * 1024);
    private long totalBytes;
    private long lastSyncNanos;
    private String lastWriteError;
    /** Reads records out of segments; used only under this object's lock. */
    private final SegmentReader reader = new SegmentReader();
    /** Told when records become readable (see {@link #addReadableListener}). */
    private final List<Runnable> readableListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Spool(SpoolConfig config, SpoolContext context, SpoolRecovery.Result recovered,
                  RecoveryProgress progress) {
        this.config = config;
        this.store = context.files();
        this.nanoTime = context.nanoTime();
        this.marker = recovered.marker();
        this.recoveredTornBytes = recovered.tornBytes();
        this.missingRecords.set(recovered.missingRecords());
        this.minAckAtStart = recovered.minAck();
        this.progress = progress;
        this.pendingBytes = recovered.pendingBytes();
        this.checkedBytes = recovered.checkedBytes();
    }

    /**
     * Opens (creating, or recovering) the spool in {@code config.dir()} for the named sinks. A sink seen for the
     * first time starts at the oldest record still spooled.
     */
    public static Spool open(SpoolConfig config, Collection<String> sinkNames, Clock clock) throws IOException {
        return open(config, sinkNames, SpoolContext.of(clock), RecoveryProgress.NONE);
    }

    /**
     * {@link #open(SpoolConfig, Collection, Clock)}, telling {@code progress} after each segment scanned: every
     * record of every segment is checked (length and CRC) before anything is sent, which for a full spool on an
     * SD card takes minutes.
     */
    public static Spool open(SpoolConfig config, Collection<String> sinkNames, Clock clock,
                             RecoveryProgress progress) throws IOException {
        return open(config, sinkNames, SpoolContext.of(clock), progress);
    }

    /**
     * {@link #open(SpoolConfig, Collection, Clock, RecoveryProgress)} on the given clocks and file system: every
     * segment is checked before this returns.
     */
    public static Spool open(SpoolConfig config, Collection<String> sinkNames, SpoolContext context,
                             RecoveryProgress progress) throws IOException {
        Spool spool = openNewest(config, sinkNames, context, progress);
        spool.recoverPending();
        return spool;
    }

    /**
     * Opens the spool after checking only its newest segment, so appends (and sensors) start at once whatever
     * the spool's size; the older segments are checked by a background thread, oldest first. Until a segment is
     * checked its records are not read: {@link #read} stops before it, so each sink's order holds (old records,
     * then new ones). {@link #recovering()} tells whether the check still runs; {@code progress} hears of it.
     */
    public static Spool openRecoveringInBackground(SpoolConfig config, Collection<String> sinkNames,
                                                   SpoolContext context, RecoveryProgress progress)
            throws IOException {
        Spool spool = openNewest(config, sinkNames, context, progress);
        synchronized (spool) {
            if (spool.firstPending() != null) {
                Thread t = new Thread(spool::recoverPending, "spool-recovery");
                t.setDaemon(true);
                spool.recoveryThread = t;
                t.start();
            }
        }
        return spool;
    }

    private static Spool openNewest(SpoolConfig config, Collection<String> sinkNames, SpoolContext context,
                                    RecoveryProgress progress) throws IOException {
        Map<String, AckFile> ackFiles = new LinkedHashMap<>();
        for (String name : sinkNames) {
            ackFiles.put(name, new AckFile(context.files(), config.dir(), name));
        }
        SpoolRecovery.Result recovered = SpoolRecovery.recover(config, context, ackFiles, progress);
        Spool result = new Spool(config, context, recovered, progress);
        result.segments.addAll(recovered.segments());
        for (Segment s : recovered.segments()) {
            result.totalBytes += s.size();
        }
        result.acks = new AckPositions(ackFiles, recovered.acked(), result.segments.get(0).baseOffset,
                result.nanoTime, config.ackPersistInterval(), result::reportWriteError);
        result.lastSyncNanos = result.nanoTime.getAsLong();
        result.deleteAcknowledgedSegments();
        LOG.info("spool: {} opened: {} segment(s), {} bytes, records {}..{}{}", config.dir(),
                result.segments.size(), result.totalBytes, result.firstOffset(), result.endOffset(),
                result.firstPending() == null ? "" : " (" + result.pendingBytes + " bytes of older segments to check)");
        return result;
    }

    /** Checks the pending segments, oldest first, installing each as it is done; ends early on close. */
    private void recoverPending() {
        long done = checkedBytes;
        while (!closing) {
            Segment pending;
            synchronized (this) {
                pending = firstPending();
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
            progress.scanned(done, checkedBytes + pendingBytes);
            readableListeners.forEach(Runnable::run);
        }
        synchronized (this) {
            recoveryThread = null;
            notifyAll();
        }
    }

    private Segment firstPending() {
        for (Segment s : segments) {
            if (s.pending()) {
                return s;
            }
        }
        return null;
    }

    private synchronized void install(Segment pending, Segment.Recovered r) {
        int i = segments.indexOf(pending);
        if (i < 0) { // deleted meanwhile (acknowledged, or dropped by the full policy)
            closeQuietly(r.segment());
            return;
        }
        long[] found = SpoolRecovery.account(r, segments.get(i + 1).baseOffset, minAckAtStart, marker);
        segments.set(i, r.segment());
        totalBytes += r.segment().size() - pending.size();
        recoveredTornBytes += found[0];
        missingRecords.addAndGet(found[1]);
        deleteAcknowledgedSegments();
    }

    /** A pending segment that cannot be read at all: its records are missing; the rest of the spool goes on. */
    private synchronized void unreadable(Segment pending, IOException e) {
        int i = segments.indexOf(pending);
        if (i < 0) {
            return;
        }
        segments.remove(i);
        totalBytes -= pending.size();
        long lost = Math.max(0, pending.endOffset() - Math.max(pending.baseOffset, minAckAtStart));
        missingRecords.addAndGet(lost);
        LOG.warn("spool: {} cannot be read ({}): {} records between {} and {} are missing", pending.path,
                e.getMessage(), lost, pending.baseOffset, pending.endOffset());
    }

    private static void closeQuietly(Segment s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }

    /** Whether older segments are still being checked in the background (their records are not read yet). */
    public synchronized boolean recovering() {
        return firstPending() != null;
    }

    /** Waits until every segment is checked; false if {@code timeout} passed first. */
    public synchronized boolean awaitRecovered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (firstPending() != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * Appends records (in order) and returns how many were accepted; the rest were dropped by the full policy and
     * counted. Never throws: a full or read-only disk is logged and handled by the same policy.
     */
    public synchronized int append(List<SpoolEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        int bytes = 0;
        for (SpoolEntry e : entries) {
            bytes += RecordCodec.frameSize(e);
        }
        if (config.fullPolicy() == SpoolFullPolicy.DROP_NEWEST && totalBytes + bytes > config.maxBytes()) {
            countDropped(entries);
            return 0;
        }
        try {
            write(entries, bytes);
        } catch (IOException first) {
            reportWriteError(first);
            if (config.fullPolicy() == SpoolFullPolicy.DROP_OLDEST && segments.size() > 1) {
                dropOldestSegment("the disk refused a write");
                try {
                    write(entries, bytes);
                } catch (IOException second) {
                    reportWriteError(second);
                    countDropped(entries);
                    return 0;
                }
            } else {
                countDropped(entries);
                return 0;
            }
        }
        if (config.fullPolicy() == SpoolFullPolicy.DROP_OLDEST) {
            while (totalBytes > config.maxBytes() && segments.size() > 1) {
                dropOldestSegment("the spool reached max_bytes (" + config.maxBytes() + ")");
            }
        }
        if (nanoTime.getAsLong() - lastSyncNanos >= config.fsyncInterval().toNanos()) {
            sync();
        }
        return entries.size();
    }

    private void write(List<SpoolEntry> entries, int bytes) throws IOException {
        Segment active = active();
        if (active.size() > 0 && active.size() + bytes > config.segmentBytes()) {
            active.sync();
            active = Segment.create(store, config.dir(), active.endOffset());
            segments.add(active);
            marker.segmentCreated(active.baseOffset);
        }
        // Before any offset past the durable reservation is used (see OffsetMarker).
        marker.reserve(active.endOffset() + entries.size());
        if (writeBuffer.capacity() < bytes) {
            writeBuffer = ByteBuffer.allocate(Math.max(bytes, writeBuffer.capacity() * 2));
        }
        writeBuffer.clear();
        for (SpoolEntry e : entries) {
            RecordCodec.write(e, writeBuffer);
        }
        writeBuffer.flip();
        long sizeBefore = active.size();
        long recordsBefore = active.records();
        try {
            active.append(writeBuffer, entries.size(), nanoTime.getAsLong());
        } catch (IOException e) {
            reader.forget(active); // it may hold bytes of the batch being taken back
            try {
                active.truncateTo(sizeBefore, recordsBefore);
            } catch (IOException ignored) {
                // the recovery scan removes a partial batch at the next start
            }
            throw e;
        }
        totalBytes += bytes;
        bytesWritten.addAndGet(bytes);
    }

    /** fsyncs the active segment: everything appended so far may now be sent (the readable listeners hear it). */
    public synchronized void sync() {
        try {
            active().sync();
            syncs.incrementAndGet();
        } catch (IOException e) {
            reportWriteError(e);
        }
        lastSyncNanos = nanoTime.getAsLong();
        readableListeners.forEach(Runnable::run);
    }

    /**
     * {@code listener} is told whenever records may have become readable: after each fsync, and after the
     * background check has finished an older segment. A sender sleeps until then instead of polling. It runs on
     * the thread that made the records readable, possibly under this spool's lock: it must only signal (set a
     * flag, notify its own monitor), never call back into the spool.
     */
    public void addReadableListener(Runnable listener) {
        readableListeners.add(listener);
    }

    public void removeReadableListener(Runnable listener) {
        readableListeners.remove(listener);
    }

    /** Time until the next fsync is due, for a writer that waits for more input in between. */
    public synchronized long millisUntilSyncDue() {
        Segment a = active();
        if (a.durableSize() == a.size()) {
            return Long.MAX_VALUE;
        }
        long dueInNanos = lastSyncNanos + config.fsyncInterval().toNanos() - nanoTime.getAsLong();
        return Math.max(0, (dueInNanos + 999_999) / 1_000_000);
    }

    /**
     * Up to {@code maxRecords} fsynced records from {@code fromOffset} on (from the oldest one kept, if records
     * before it were dropped by the policy), in order; empty when nothing durable is there yet.
     */
    public synchronized List<SpooledRecord> read(long fromOffset, int maxRecords, int maxBytes) throws IOException {
        List<SpooledRecord> out = new ArrayList<>(Math.min(maxRecords, 1024));
        long offset = Math.max(fromOffset, firstOffset());
        int bytes = 0;
        for (int i = segmentIndex(offset); i < segments.size() && out.size() < maxRecords && bytes < maxBytes; i++) {
            Segment s = segments.get(i);
            if (s.pending()) {
                break; // not checked yet: nothing from here on is read, so each key's order holds
            }
            offset = Math.max(offset, s.baseOffset); // skips a gap left by a lost segment
            long limit = s == active() ? s.baseOffset + s.durableRecords() : s.endOffset();
            int before = out.size();
            bytes += reader.read(s, offset, limit, maxRecords, maxBytes - bytes, out);
            offset += out.size() - before;
            if (offset < s.endOffset()) {
                break; // stopped inside this segment (limits, or not yet durable)
            }
        }
        return out;
    }

    synchronized long headersWalked() {
        return reader.headersWalked();
    }

    /**
     * The sink has delivered every record before {@code upToExclusive}. Segments every sink has passed are
     * deleted; the position is written to disk at most every {@link SpoolConfig#ackPersistInterval()}.
     */
    public synchronized void acknowledge(String sink, long upToExclusive) {
        if (acks.advance(sink, Math.min(upToExclusive, endOffset()))) {
            deleteAcknowledgedSegments();
        }
    }

    public synchronized long ackedOffset(String sink) {
        return acks.acked(sink);
    }

    /** Records spooled but not yet acknowledged by this sink. */
    public synchronized long pending(String sink) {
        return endOffset() - acks.acked(sink);
    }

    public synchronized long firstOffset() {
        return segments.get(0).baseOffset;
    }

    public synchronized long endOffset() {
        return active().endOffset();
    }

    /** End of what has been fsynced: sinks may send up to here. */
    public synchronized long durableOffset() {
        Segment a = active();
        return a.baseOffset + a.durableRecords();
    }

    public synchronized long sizeBytes() {
        return totalBytes;
    }

    public synchronized int segmentCount() {
        return segments.size();
    }

    /**
     * Age of the oldest record no sink has acknowledged yet (0 when none), on the monotonic clock: from the first
     * append to its segment (an upper bound for that record), or for a segment recovered from disk, from the
     * file's time as it was at start-up (clamped to {@code [0, 30 d]}).
     */
    public synchronized long oldestUnacknowledgedAgeMillis() {
        long minAck = minAcked();
        for (Segment s : segments) {
            if (s.endOffset() > minAck && s.records() > 0) {
                return Math.max(0, (nanoTime.getAsLong() - s.firstAppendNanos()) / 1_000_000);
            }
        }
        return 0;
    }

    /** Records dropped by the full policy (or a failing disk), over all keys. */
    public long dropped() {
        return dropped.get();
    }

    /** Dropped records by key (sensor name). */
    public Map<String, Long> droppedByKey() {
        Map<String, Long> out = new HashMap<>();
        droppedByKey.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long writeErrors() {
        return writeErrors.get();
    }

    /** Bytes appended to segment files (framing included): the write volume for SD-card wear. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    public long syncs() {
        return syncs.get();
    }

    /**
     * Records found missing when the spool was opened (a segment file lost: a gap between segments, or a lost
     * newest segment; for the latter a lower bound). 0 after any power cut once directory entries are fsynced.
     */
    public long missingRecords() {
        return missingRecords.get();
    }

    /** Bytes cut from damaged or torn segment tails when the spool was opened. */
    public synchronized long recoveredTornBytes() {
        return recoveredTornBytes;
    }

    @Override
    public void close() throws IOException {
        closing = true;
        Thread t;
        synchronized (this) {
            t = recoveryThread;
        }
        if (t != null && t != Thread.currentThread()) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join(); // it ends after the segment it is checking
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        closeFiles();
    }

    private synchronized void closeFiles() throws IOException {
        try {
            if (!segments.isEmpty()) {
                sync();
            }
            acks.persistAll();
            Segment a = active();
            if (a.durableSize() == a.size()) {
                try {
                    marker.durableUpTo(a.endOffset()); // so a later loss of this segment can be counted
                } catch (IOException e) {
                    reportWriteError(e);
                }
            }
        } finally {
            for (Segment s : segments) {
                s.close();
            }
        }
    }

    private Segment active() {
        return segments.get(segments.size() - 1);
    }

    /** The segment holding {@code offset}: the last one starting at or before it (0 if none does). */
    private int segmentIndex(long offset) {
        for (int i = segments.size() - 1; i > 0; i--) {
            if (segments.get(i).baseOffset <= offset) {
                return i;
            }
        }
        return 0;
    }

    private long minAcked() {
        return acks.min(endOffset());
    }

    private void deleteAcknowledgedSegments() {
        long minAck = minAcked();
        boolean deleted = false;
        while (segments.size() > 1 && segments.get(0).endOffset() <= minAck) {
            Segment s = segments.remove(0);
            totalBytes -= s.size();
            forgetCursor(s);
            try {
                s.delete(store);
                deleted = true;
            } catch (IOException e) {
                LOG.warn("spool: cannot delete {}: {}", s.path, e.getMessage());
            }
        }
        if (deleted) {
            syncDirectory();
        }
    }

    /**
     * Makes deletes durable. Not for safety (a deleted segment that comes back after a power cut holds only
     * acknowledged or dropped records, skipped by the acknowledgements) but so the space is really free and a
     * resurrected segment never shows up as a gap.
     */
    private void syncDirectory() {
        try {
            store.syncDirectory(config.dir());
        } catch (IOException e) {
            LOG.warn("spool: cannot fsync the directory {}: {}", config.dir(), e.getMessage());
        }
    }

    private void dropOldestSegment(String why) {
        Segment s = segments.remove(0);
        totalBytes -= s.size();
        forgetCursor(s);
        long unsent = 0;
        try {
            Map<String, Long> perKey = s.pending()
                    ? Map.of(NOT_RECOVERED, Math.max(0, s.endOffset() - Math.max(s.baseOffset, minAcked())))
                    : reader.countByKey(s, minAcked());
            for (Map.Entry<String, Long> e : perKey.entrySet()) {
                droppedByKey.computeIfAbsent(e.getKey(), k -> new LongAdder()).add(e.getValue());
                unsent += e.getValue();
            }
            s.delete(store);
            syncDirectory();
        } catch (IOException e) {
            LOG.warn("spool: cannot read or delete {}: {}", s.path, e.getMessage());
        }
        dropped.addAndGet(unsent);
        long next = segments.get(0).baseOffset;
        acks.raiseAllTo(next);
        LOG.warn("spool: {}: dropped the oldest segment {} ({} unsent records)", why, s.path.getFileName(), unsent);
    }

    private void forgetCursor(Segment s) {
        reader.forget(s);
    }

    private void countDropped(List<SpoolEntry> entries) {
        for (SpoolEntry e : entries) {
            droppedByKey.computeIfAbsent(e.key(), k -> new LongAdder()).increment();
        }
        dropped.addAndGet(entries.size());
    }

    private void reportWriteError(IOException e) {
        writeErrors.incrementAndGet();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!message.equals(lastWriteError)) {
            lastWriteError = message;
            LOG.error("spool: cannot write to {}: {} (disk full or read-only? records are dropped by the {} policy "
                    + "and counted until it recovers)", config.dir(), message, config.fullPolicy().key());
        }
    }
}

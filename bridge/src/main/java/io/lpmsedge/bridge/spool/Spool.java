package io.lpmsedge.bridge.spool;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-safe, bounded disk spool between the pipeline and the sinks, after Tape's QueueFile and Kafka's log
 * segments: records are appended to segment files with a length and CRC each, fsynced per batch (at most
 * {@link SpoolConfig#fsyncInterval()} apart), handed to sinks only once fsynced, and deleted a whole segment at a
 * time once every sink has acknowledged it. Sequential writes only, no per-record fsync: kind to SD cards.
 *
 * <p>This class coordinates; each part has one job: {@link SpoolRecovery} opens the directory (a torn tail cut
 * away, a lost segment file noticed and counted in {@link #missingRecords()}, no offset ever handed out twice:
 * {@link OffsetMarker}); {@link PendingSegmentCheck} checks the older segments, in the background with
 * {@link #openRecoveringInBackground} so appends start at once; {@link SegmentList} holds the segments and
 * removes the oldest durably noted; {@link SegmentWriter} appends and fsyncs; {@link SegmentReader} reads through
 * each segment's {@link PositionIndex}; {@link AckPositions} keeps each sink's acknowledgement; {@link FullSpool}
 * decides what a full spool or disk drops and counts it.
 *
 * <p>What is fsynced when, and what a power cut can cost, is in docs/durability.md; every file operation goes
 * through a {@link FileStore}, under which the tests simulate power cuts. Every interval and age runs on the
 * monotonic clock of the {@link SpoolContext}. Appends never throw: a full spool or disk drops and counts.
 *
 * <p>Thread-safe: one writer (the dispatcher), one reader per sink and the background check of older segments
 * ({@link #openRecoveringInBackground}); this object's lock guards the segment list and the files (a segment is
 * scanned outside it, then installed under it).
 */
public final class Spool implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    /** Monotonic time for every interval and age: wall-clock steps must not stop ack writes or fake ages. */
    private final LongSupplier nanoTime;

    private final SegmentList segments;
    /** Reads records out of segments; used only under this object's lock. */
    private final SegmentReader reader = new SegmentReader();

    private final SegmentWriter writer;
    private final FullSpool full;
    private final AckPositions acks;
    private final PendingSegmentCheck check;
    /** Told when records become readable (see {@link #addReadableListener}). */
    private final List<Runnable> readableListeners = new CopyOnWriteArrayList<>();

    private Spool(SpoolConfig config, SpoolContext context, SpoolRecovery.Result recovered, RecoveryProgress progress) {
        this.nanoTime = context.nanoTime();
        OffsetMarker marker = recovered.marker();
        this.segments = new SegmentList(context.files(), config.dir(), marker, recovered.segments(), reader::forget);
        this.writer = new SegmentWriter(config, context.files(), marker, segments, reader, nanoTime);
        this.full = new FullSpool(config);
        // No sink waits for records before the oldest segment, nor for records removed on purpose (a segment
        // deleted or dropped just before a power cut may come back; it is deleted again below).
        long first = Math.max(segments.oldest().baseOffset, marker.removedBelow());
        this.acks = new AckPositions(
                recovered.ackFiles(),
                recovered.acked(),
                first,
                nanoTime,
                config.ackPersistInterval(),
                full::writeFailed);
        this.check = new PendingSegmentCheck(
                this,
                segments,
                context.files(),
                recovered,
                progress,
                this::deleteAcknowledgedSegments,
                this::notifyReadable);
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
    public static Spool open(SpoolConfig config, Collection<String> sinkNames, Clock clock, RecoveryProgress progress)
            throws IOException {
        return open(config, sinkNames, SpoolContext.of(clock), progress);
    }

    /**
     * {@link #open(SpoolConfig, Collection, Clock, RecoveryProgress)} on the given clocks and file system: every
     * segment is checked before this returns.
     */
    public static Spool open(
            SpoolConfig config, Collection<String> sinkNames, SpoolContext context, RecoveryProgress progress)
            throws IOException {
        Spool spool = openNewest(config, sinkNames, context, progress);
        spool.check.runToEnd();
        return spool;
    }

    /**
     * Opens the spool after checking only its newest segment, so appends (and sensors) start at once whatever
     * the spool's size; the older segments are checked by a background thread, oldest first. Until a segment is
     * checked its records are not read: {@link #read} stops before it, so each sink's order holds (old records,
     * then new ones). {@link #recovering()} tells whether the check still runs; {@code progress} hears of it.
     */
    public static Spool openRecoveringInBackground(
            SpoolConfig config, Collection<String> sinkNames, SpoolContext context, RecoveryProgress progress)
            throws IOException {
        Spool spool = openNewest(config, sinkNames, context, progress);
        spool.check.start();
        return spool;
    }

    private static Spool openNewest(
            SpoolConfig config, Collection<String> sinkNames, SpoolContext context, RecoveryProgress progress)
            throws IOException {
        SpoolRecovery.Result recovered = SpoolRecovery.recover(config, context, sinkNames, progress);
        Spool spool = new Spool(config, context, recovered, progress);
        synchronized (spool) {
            spool.deleteAcknowledgedSegments();
            LOG.info(
                    "spool: {} opened: {} segment(s), {} bytes, records {}..{}{}",
                    config.dir(),
                    spool.segments.size(),
                    spool.segments.totalBytes(),
                    spool.firstOffset(),
                    spool.endOffset(),
                    spool.recovering() ? " (" + recovered.pendingBytes() + " bytes of older segments to check)" : "");
        }
        return spool;
    }

    /** Whether older segments are still being checked in the background (their records are not read yet). */
    public synchronized boolean recovering() {
        return check.checking();
    }

    /** Waits until every segment is checked; false if {@code timeout} passed first. */
    public boolean awaitRecovered(Duration timeout) throws InterruptedException {
        return check.await(timeout);
    }

    /**
     * Appends records (in order) and returns how many were accepted; the rest were dropped by the full policy and
     * counted. Never throws: a full or read-only disk is logged and handled by the same policy.
     */
    public synchronized int append(List<SpoolEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        int bytes = SegmentWriter.frameBytes(entries);
        if (full.refuses(segments.totalBytes(), bytes)
                || !full.write(
                        () -> writer.write(entries, bytes),
                        segments.size(),
                        () -> dropOldestSegment("the disk refused a write"))) {
            full.batchDropped(entries);
            return 0;
        }
        while (full.dropsOldest(segments.totalBytes(), segments.size())) {
            dropOldestSegment(full.boundReached());
        }
        if (writer.syncDue()) {
            sync();
        }
        return entries.size();
    }

    /** fsyncs the active segment: everything appended so far may now be sent (the readable listeners hear it). */
    public synchronized void sync() {
        try {
            writer.sync();
        } catch (IOException e) {
            full.writeFailed(e);
        }
        notifyReadable();
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

    private void notifyReadable() {
        readableListeners.forEach(Runnable::run);
    }

    /** Time until the next fsync is due, for a writer that waits for more input in between. */
    public synchronized long millisUntilSyncDue() {
        return writer.millisUntilSyncDue();
    }

    /**
     * Up to {@code maxRecords} fsynced records from {@code fromOffset} on (from the oldest one kept, if records
     * before it were dropped by the policy), in order; empty when nothing durable is there yet.
     */
    public synchronized List<SpooledRecord> read(long fromOffset, int maxRecords, int maxBytes) throws IOException {
        return reader.read(segments, fromOffset, maxRecords, maxBytes);
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

    /**
     * Writes {@code sink}'s acknowledged position to disk if it moved since the last write and
     * {@link SpoolConfig#ackPersistInterval()} has passed since then. Returns the nanoseconds (on this spool's
     * monotonic clock) until it should be called again, {@link Long#MAX_VALUE} when the disk holds the position.
     * A sender calls it before it sleeps and sleeps no longer than that, so the last acknowledgement of a burst
     * reaches the disk within one interval even when nothing follows it (not only at the next one, or at close).
     */
    public synchronized long persistAckIfDue(String sink) {
        return acks.persistIfDue(sink);
    }

    public synchronized long ackedOffset(String sink) {
        return acks.acked(sink);
    }

    /** Records spooled but not yet acknowledged by this sink. */
    public synchronized long pending(String sink) {
        return endOffset() - acks.acked(sink);
    }

    public synchronized long firstOffset() {
        return segments.oldest().baseOffset;
    }

    public synchronized long endOffset() {
        return segments.active().endOffset();
    }

    /** End of what has been fsynced: sinks may send up to here. */
    public synchronized long durableOffset() {
        Segment a = segments.active();
        return a.baseOffset + a.durableRecords();
    }

    public synchronized long sizeBytes() {
        return segments.totalBytes();
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
        Segment s = segments.oldestHolding(acks.min(endOffset()));
        return s == null ? 0 : Math.max(0, (nanoTime.getAsLong() - s.firstAppendNanos()) / 1_000_000);
    }

    /** Records dropped by the full policy (or a failing disk), over all keys. */
    public long dropped() {
        return full.dropped();
    }

    /** Dropped records by key (sensor name). */
    public Map<String, Long> droppedByKey() {
        return full.droppedByKey();
    }

    public long writeErrors() {
        return full.writeErrors();
    }

    /** Bytes appended to segment files (framing included): the write volume for SD-card wear. */
    public long bytesWritten() {
        return writer.bytesWritten();
    }

    public long syncs() {
        return writer.syncs();
    }

    /**
     * Records found missing since the spool was opened (a segment file lost: the oldest, one between others, or
     * the newest, for which it is a lower bound), each logged at WARN. Records the full policy dropped are not
     * missing ({@link #dropped()}). 0 after any power cut once directory entries are fsynced.
     */
    public long missingRecords() {
        return check.missingRecords();
    }

    /** Bytes cut from damaged or torn segment tails when the spool was opened. */
    public long recoveredTornBytes() {
        return check.tornBytes();
    }

    @Override
    public void close() throws IOException {
        check.stop(); // it ends after the segment it is checking
        closeFiles();
    }

    private synchronized void closeFiles() throws IOException {
        try {
            sync();
            acks.persistAll();
            try {
                writer.noteDurableEnd();
            } catch (IOException e) {
                full.writeFailed(e);
            }
        } finally {
            segments.closeAll();
        }
    }

    /** Deletes the oldest segments every sink has passed (noted in {@code offsets.state} first). */
    private void deleteAcknowledgedSegments() {
        try {
            segments.removeAcknowledged(acks.min(endOffset()));
        } catch (IOException e) {
            full.writeFailed(e); // nothing deleted; tried again at the next acknowledgement
        }
    }

    private void dropOldestSegment(String why) {
        full.dropOldest(segments, acks.min(endOffset()), reader, why);
        acks.raiseAllTo(segments.oldest().baseOffset); // no sink waits for what was dropped
    }
}

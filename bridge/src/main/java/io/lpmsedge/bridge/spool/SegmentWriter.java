package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Appends batches to the active segment and fsyncs it: a new segment past {@link SpoolConfig#segmentBytes()},
 * offsets reserved in {@link OffsetMarker} before they are used, the whole batch framed in one buffer and
 * written with one call, and taken back whole when the disk refuses it (so a file never holds half a batch).
 * fsync is due {@link SpoolConfig#fsyncInterval()} after the last one, on the monotonic clock. Not thread-safe:
 * the {@link Spool} uses it under its lock (its counters may be read from any thread).
 */
final class SegmentWriter {
    private final SpoolConfig config;
    private final FileStore store;
    private final OffsetMarker marker;
    private final SegmentList segments;
    private final SegmentReader reader;
    private final LongSupplier nanoTime;
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private long lastSyncNanos;

    SegmentWriter(
            SpoolConfig config,
            FileStore store,
            OffsetMarker marker,
            SegmentList segments,
            SegmentReader reader,
            LongSupplier nanoTime) {
        this.config = config;
        this.store = store;
        this.marker = marker;
        this.segments = segments;
        this.reader = reader;
        this.nanoTime = nanoTime;
        this.lastSyncNanos = nanoTime.getAsLong();
    }

    /** Framed bytes of a batch. */
    static int frameBytes(List<SpoolEntry> entries) {
        int bytes = 0;
        for (SpoolEntry e : entries) {
            bytes += RecordCodec.frameSize(e);
        }
        return bytes;
    }

    /** Appends the batch ({@code bytes} = {@link #frameBytes}); on failure nothing of it stays in the file. */
    void write(List<SpoolEntry> entries, int bytes) throws IOException {
        Segment active = segments.active();
        if (active.size() > 0 && active.size() + bytes > config.segmentBytes()) {
            active.sync();
            active = Segment.create(store, config.dir(), active.endOffset());
            segments.add(active);
            marker.segmentCreated(active.baseOffset);
        }
        // Before any offset past the durable reservation is used (see OffsetMarker).
        marker.reserve(active.endOffset() + entries.size());
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate(Math.max(bytes, buffer.capacity() * 2));
        }
        buffer.clear();
        for (SpoolEntry e : entries) {
            RecordCodec.write(e, buffer);
        }
        buffer.flip();
        long sizeBefore = active.size();
        long recordsBefore = active.records();
        try {
            active.append(buffer, entries.size(), nanoTime.getAsLong());
        } catch (IOException e) {
            reader.forget(active); // it may hold bytes of the batch being taken back
            try {
                active.truncateTo(sizeBefore, recordsBefore);
            } catch (IOException ignored) {
                // the recovery scan removes a partial batch at the next start
            }
            throw e;
        }
        segments.grew(bytes);
        bytesWritten.addAndGet(bytes);
    }

    /** fsyncs the active segment (the due time restarts even when it fails: the failure is reported once). */
    void sync() throws IOException {
        try {
            segments.active().sync();
            syncs.incrementAndGet();
        } finally {
            lastSyncNanos = nanoTime.getAsLong();
        }
    }

    /** At a clean close, after the last fsync: notes the durable end, so a later loss of this segment is counted. */
    void noteDurableEnd() throws IOException {
        Segment a = segments.active();
        if (a.durableSize() == a.size()) {
            marker.durableUpTo(a.endOffset());
        }
    }

    boolean syncDue() {
        return nanoTime.getAsLong() - lastSyncNanos >= config.fsyncInterval().toNanos();
    }

    /** Time until the next fsync is due, {@link Long#MAX_VALUE} when nothing waits for one. */
    long millisUntilSyncDue() {
        Segment a = segments.active();
        if (a.durableSize() == a.size()) {
            return Long.MAX_VALUE;
        }
        long dueInNanos = lastSyncNanos + config.fsyncInterval().toNanos() - nanoTime.getAsLong();
        return Math.max(0, (dueInNanos + 999_999) / 1_000_000);
    }

    long bytesWritten() {
        return bytesWritten.get();
    }

    long syncs() {
        return syncs.get();
    }
}

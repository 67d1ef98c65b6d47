package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One append-only segment file of the spool, named after the offset of its first record
 * ({@code 00000000000000001234.seg}). Only the newest segment is appended to; older ones are read and deleted.
 */
final class Segment {
    static final String SUFFIX = ".seg";

    final long baseOffset;
    final Path path;
    private final StoredFile file;
    /** Where records start in the file, every {@link PositionIndex#INTERVAL_BYTES}. */
    private final PositionIndex index;

    private long records;
    private long size;
    private long durableSize;
    private long durableRecords;
    /**
     * Monotonic time (nanos) at which this segment's oldest record was appended, for its age; for a segment
     * recovered from disk, derived once from the file's wall-clock time (see {@link SegmentAges}).
     * {@link Long#MIN_VALUE} while the segment is empty.
     */
    private long firstAppendNanos;

    private Segment(
            long baseOffset,
            Path path,
            StoredFile file,
            PositionIndex index,
            long records,
            long size,
            long firstAppendNanos) {
        this.baseOffset = baseOffset;
        this.path = path;
        this.file = file;
        this.index = index;
        this.records = records;
        this.size = size;
        this.durableSize = size;
        this.durableRecords = records;
        this.firstAppendNanos = firstAppendNanos;
    }

    static String fileName(long baseOffset) {
        return String.format(Locale.ROOT, "%020d%s", baseOffset, SUFFIX);
    }

    /** The base offset a segment file's name stands for, or -1 when the name is not a segment's. */
    static long baseOffsetOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Creates an empty segment and fsyncs the directory, so the new file's entry survives a power cut: without
     * it, records fsynced into the file could vanish with the entry (the file's data is durable, its name not).
     */
    static Segment create(FileStore store, Path dir, long baseOffset) throws IOException {
        Path path = dir.resolve(fileName(baseOffset));
        StoredFile f = store.open(path, FileStore.OpenMode.CREATE_NEW);
        try {
            store.syncDirectory(dir);
        } catch (IOException e) {
            f.close();
            throw e;
        }
        return new Segment(baseOffset, path, f, new PositionIndex(), 0, 0, Long.MIN_VALUE);
    }

    /**
     * An older segment not scanned yet (start-up recovers those in the background): its record count is presumed
     * from the next segment's base until the scan says otherwise; it is neither read nor appended to meanwhile.
     */
    static Segment pending(Path path, long baseOffset, long presumedRecords, long fileBytes, long firstAppendNanos) {
        return new Segment(
                baseOffset,
                path,
                null,
                new PositionIndex(),
                presumedRecords,
                fileBytes,
                presumedRecords == 0 ? Long.MIN_VALUE : firstAppendNanos);
    }

    /** Not scanned yet: see {@link #pending}. */
    boolean pending() {
        return file == null;
    }

    /** What scanning a segment found. */
    record Scan(long records, long validBytes, long fileBytes) {
        boolean torn() {
            return validBytes < fileBytes;
        }
    }

    /** A segment opened from disk and what its scan found. */
    record Recovered(Segment segment, Scan scan) {}

    /**
     * Opens an existing segment: scans every record, checking length and CRC, and truncates the file after the
     * last good record (a torn tail from a power cut, or bit rot), so a damaged spool never blocks start-up.
     *
     * @param firstAppendNanos the monotonic time to take as its oldest record's append time
     */
    static Recovered recover(FileStore store, Path path, long baseOffset, long firstAppendNanos) throws IOException {
        StoredFile f = store.open(path, FileStore.OpenMode.EXISTING);
        try {
            long fileBytes = f.size();
            long pos = 0;
            long count = 0;
            PositionIndex index = new PositionIndex();
            // Read a chunk at a time: a spool left by a long outage holds millions of records.
            ChunkReader chunks = new ChunkReader(256 * 1024);
            while (pos + RecordCodec.HEADER <= fileBytes) {
                int at = chunks.at(f, path, pos, RecordCodec.HEADER);
                int length = RecordCodec.readInt(chunks.array(), at);
                int crc = RecordCodec.readInt(chunks.array(), at + 4);
                if (!RecordCodec.plausibleLength(length) || pos + RecordCodec.HEADER + length > fileBytes) {
                    break;
                }
                byte[] body;
                int bodyAt;
                if (RecordCodec.HEADER + length <= chunks.capacity()) {
                    body = chunks.array();
                    bodyAt = chunks.at(f, path, pos, RecordCodec.HEADER + length) + RecordCodec.HEADER;
                } else {
                    body = new byte[length];
                    bodyAt = 0;
                    f.readFully(ByteBuffer.wrap(body), pos + RecordCodec.HEADER);
                }
                if (!RecordCodec.crcMatches(body, bodyAt, length, crc)
                        || !RecordCodec.wellFormed(body, bodyAt, length)) {
                    break;
                }
                index.recordAt(count, pos);
                pos += RecordCodec.HEADER + length;
                count++;
            }
            if (pos < fileBytes) {
                f.truncate(pos);
                f.force();
            }
            Segment s =
                    new Segment(baseOffset, path, f, index, count, pos, count == 0 ? Long.MIN_VALUE : firstAppendNanos);
            return new Recovered(s, new Scan(count, pos, fileBytes));
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Appends framed records (already in {@code framed}, position..limit) at monotonic time {@code nowNanos}. */
    void append(ByteBuffer framed, int recordCount, long nowNanos) throws IOException {
        int bytes = framed.remaining();
        int start = framed.position();
        file.write(framed, size);
        // Index the batch's records from the frames still in memory: one length read per record.
        int at = start;
        for (int i = 0; i < recordCount; i++) {
            index.recordAt(records + i, size + at - start);
            at += RecordCodec.HEADER + framed.getInt(at);
        }
        size += bytes;
        if (records == 0 && recordCount > 0) {
            firstAppendNanos = nowNanos;
        }
        records += recordCount;
    }

    /** Undoes a partial append after a failed write (disk full), so the file never holds half a batch. */
    void truncateTo(long bytes, long recordCount) throws IOException {
        file.truncate(bytes);
        size = bytes;
        records = recordCount;
        index.truncate(recordCount);
        if (recordCount == 0) {
            firstAppendNanos = Long.MIN_VALUE;
        }
    }

    /** fsync; after it, every record so far survives a power cut. */
    void sync() throws IOException {
        if (durableSize != size) {
            file.force();
            durableSize = size;
            durableRecords = records;
        }
    }

    long records() {
        return records;
    }

    long size() {
        return size;
    }

    long durableSize() {
        return durableSize;
    }

    long durableRecords() {
        return durableRecords;
    }

    /** Monotonic append time of the oldest record, {@link Long#MIN_VALUE} while empty. */
    long firstAppendNanos() {
        return firstAppendNanos;
    }

    /** Offset after this segment's last record. */
    long endOffset() {
        return baseOffset + records;
    }

    /** The nearest indexed record at or before {@code offset} (an absolute offset in this segment). */
    PositionIndex.Entry indexFloor(long offset) {
        return index.floor(offset - baseOffset);
    }

    /** Entries in this segment's position index. */
    int indexEntries() {
        return index.entries();
    }

    StoredFile file() {
        return file;
    }

    void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }

    /** Closes and deletes the file; the caller fsyncs the directory (once for several deletes). */
    void delete(FileStore store) throws IOException {
        close();
        store.delete(path);
    }
}

package io.lpmsedge.bridge.spool;

import java.util.Arrays;

/**
 * A sparse, in-memory (record offset → file position) index of one segment, as Kafka's log segments keep one: an
 * entry for the first record starting at or past every {@link #INTERVAL_BYTES} of the file. A read from any
 * offset starts at the nearest entry at or before it and walks at most about {@code INTERVAL_BYTES} of record
 * headers, from the reader's chunk buffer; so a reader needs no remembered cursor, and any number of sinks read
 * at any places at the same cost.
 *
 * <p>{@code INTERVAL_BYTES} = 64 KiB. Memory: two {@code long}s (16 bytes) per entry, about 15 300 entries per GB
 * of segments: <b>about 250 KB per GB</b> of spool (2 MB for the default 8 GB bound), at most 1.5 times that as
 * the arrays grow by half. The walk it leaves: at most ~64 KiB of headers per read, about 130 records of 500 bytes,
 * read from memory (the reader's 256 KiB chunk covers it and the records read next).
 *
 * <p>Filled by whoever learns where records start: the recovery scan (every record) and appends (every record
 * of the batch). Entries are kept in offset order; {@link #truncate} drops those past a cut. Not thread-safe: a
 * segment's index is used under the spool's lock.
 */
final class PositionIndex {
    /** Bytes of segment file between two entries. */
    static final int INTERVAL_BYTES = 64 * 1024;

    /** An indexed record: its offset relative to the segment's base and where its frame starts. */
    record Entry(long relativeOffset, long position) {}

    private long[] offsets = new long[8];
    private long[] positions = new long[8];
    /** Always at least one entry: the first record, at position 0. */
    private int size = 1;

    /**
     * The record {@code relativeOffset} starts at {@code position}. Called for records in increasing order (each
     * record once, or only some: the index stays correct, only sparser); keeps it when it lies at least
     * {@link #INTERVAL_BYTES} past the last entry.
     */
    void recordAt(long relativeOffset, long position) {
        if (position < positions[size - 1] + INTERVAL_BYTES || relativeOffset <= offsets[size - 1]) {
            return;
        }
        if (size == offsets.length) {
            int grown = size + (size >> 1);
            offsets = Arrays.copyOf(offsets, grown);
            positions = Arrays.copyOf(positions, grown);
        }
        offsets[size] = relativeOffset;
        positions[size] = position;
        size++;
    }

    /** The entry with the greatest offset at or before {@code relativeOffset} (the first record if none). */
    Entry floor(long relativeOffset) {
        int i = Arrays.binarySearch(offsets, 0, size, relativeOffset);
        if (i < 0) {
            i = Math.max(0, -i - 2);
        }
        return new Entry(offsets[i], positions[i]);
    }

    /** Forgets entries of records at or past {@code relativeOffset} (the segment was cut back to it). */
    void truncate(long relativeOffset) {
        while (size > 1 && offsets[size - 1] >= relativeOffset) {
            size--;
        }
    }

    /** Entries held, the first record's included. */
    int entries() {
        return size;
    }
}

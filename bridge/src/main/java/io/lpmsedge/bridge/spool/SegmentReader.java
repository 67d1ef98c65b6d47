package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads records out of segment files for the {@link Spool}: through one reusable chunk buffer (catch-up reads
 * sequentially), checking each record's CRC again on the way out, and finding where a read starts from the
 * segment's sparse {@link PositionIndex} (so it keeps no per-reader state: any number of sinks read anywhere).
 * Not thread-safe: the spool uses it under its lock.
 */
final class SegmentReader {
    private final ChunkReader chunks = new ChunkReader(256 * 1024);
    private final Utf8Strings strings = new Utf8Strings();
    /** Record headers walked from an index entry to find a read's start (at most ~64 KiB of records per read). */
    private long headersWalked;

    /**
     * Up to {@code maxRecords} fsynced records of the spool from {@code fromOffset} on (from the oldest one kept,
     * if records before it are gone), in order, stopping before the first segment not checked yet (so each key's
     * order holds) and at the end of what the active segment has fsynced.
     */
    List<SpooledRecord> read(SegmentList segments, long fromOffset, int maxRecords, int maxBytes) throws IOException {
        List<SpooledRecord> out = new ArrayList<>(Math.min(maxRecords, 1024));
        long offset = Math.max(fromOffset, segments.oldest().baseOffset);
        int bytes = 0;
        for (int i = segments.indexOf(offset);
                i < segments.size() && out.size() < maxRecords && bytes < maxBytes;
                i++) {
            Segment s = segments.get(i);
            if (s.pending()) {
                break;
            }
            offset = Math.max(offset, s.baseOffset); // skips a gap left by a lost segment
            long limit = s == segments.active() ? s.baseOffset + s.durableRecords() : s.endOffset();
            int before = out.size();
            bytes += read(s, offset, limit, maxRecords, maxBytes - bytes, out);
            offset += out.size() - before;
            if (offset < s.endOffset()) {
                break; // stopped inside this segment (limits, or not yet durable)
            }
        }
        return out;
    }

    /**
     * Appends to {@code out} the records of {@code s} from {@code offset} up to {@code limit} (exclusive), until
     * {@code out} holds {@code maxRecords} or this call has read {@code maxBytes} of bodies; returns the body
     * bytes read.
     *
     * @throws IOException a record is damaged (length or CRC): bits that rotted while the bridge ran are never
     *                     sent; the sender stops, the watchdog restarts, and recovery cuts the segment there
     */
    int read(Segment s, long offset, long limit, int maxRecords, int maxBytes, List<SpooledRecord> out)
            throws IOException {
        long position = positionOf(s, offset);
        int bytes = 0;
        while (offset < limit && out.size() < maxRecords && bytes < maxBytes) {
            int length = RecordCodec.readInt(chunks.array(), chunks.at(s, position, RecordCodec.HEADER));
            checkLength(s, offset, length);
            byte[] body;
            int bodyAt;
            int crc;
            if (RecordCodec.HEADER + length <= chunks.capacity()) {
                int at = chunks.at(s, position, RecordCodec.HEADER + length);
                body = chunks.array();
                bodyAt = at + RecordCodec.HEADER;
                crc = RecordCodec.readInt(body, at + 4);
            } else {
                crc = RecordCodec.readInt(chunks.array(), chunks.at(s, position, RecordCodec.HEADER) + 4);
                body = new byte[length]; // a record larger than a chunk: read on its own
                bodyAt = 0;
                s.file().readFully(ByteBuffer.wrap(body), position + RecordCodec.HEADER);
            }
            SpoolEntry e = RecordCodec.crcMatches(body, bodyAt, length, crc)
                    ? RecordCodec.decodeBody(body, bodyAt, length, strings)
                    : null;
            if (e == null) {
                throw new IOException("spool record " + offset + " in " + s.path + " is damaged");
            }
            out.add(new SpooledRecord(offset, e));
            offset++;
            position += RecordCodec.HEADER + length;
            bytes += length;
        }
        return bytes;
    }

    long headersWalked() {
        return headersWalked;
    }

    /** Forgets what was read from {@code s} (it is being deleted or truncated). */
    void forget(Segment s) {
        chunks.forget(s);
    }

    /** The file position of {@code offset} in {@code s}: from the nearest index entry, walking the headers on. */
    private long positionOf(Segment s, long offset) throws IOException {
        PositionIndex.Entry e = s.indexFloor(offset);
        long position = e.position();
        for (long o = s.baseOffset + e.relativeOffset(); o < offset; o++) {
            int length = RecordCodec.readInt(chunks.array(), chunks.at(s, position, RecordCodec.HEADER));
            checkLength(s, o, length);
            position += RecordCodec.HEADER + length;
            headersWalked++;
        }
        return position;
    }

    /** Records of {@code s} from {@code fromOffset} on, by key (for the records a dropped segment held). */
    Map<String, Long> countByKey(Segment s, long fromOffset) throws IOException {
        Map<String, Long> out = new HashMap<>();
        ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER);
        long position = 0;
        for (long o = s.baseOffset; o < s.endOffset(); o++) {
            header.clear();
            s.file().readFully(header, position);
            int length = header.getInt(0);
            checkLength(s, o, length);
            if (o >= fromOffset) {
                byte[] body = new byte[length];
                s.file().readFully(ByteBuffer.wrap(body), position + RecordCodec.HEADER);
                SpoolEntry e = RecordCodec.decodeBody(body, 0, length);
                out.merge(e == null ? "?" : e.key(), 1L, Long::sum);
            }
            position += RecordCodec.HEADER + length;
        }
        return out;
    }

    /** Every walk trusts a stored length only after this check (the same rule as the recovery scan's). */
    private static void checkLength(Segment s, long offset, int length) throws IOException {
        if (!RecordCodec.plausibleLength(length)) {
            throw new IOException("spool record " + offset + " in " + s.path + " is damaged (length " + length + ")");
        }
    }
}

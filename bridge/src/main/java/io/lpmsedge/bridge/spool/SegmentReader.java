package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads records out of segment files for the {@link Spool}: through one reusable chunk buffer (catch-up reads
 * sequentially), checking each record's CRC again on the way out, and remembering where recent reads stopped so
 * a sink reading on never walks a segment's headers again. Not thread-safe: the spool uses it under its lock.
 */
final class SegmentReader {
    /** One per sink in practice (fan-out), a few more kept in case; the least recently used is replaced. */
    private static final int MAX_CURSORS = 8;

    /** The file position of a record offset in a segment. */
    private record Cursor(Segment segment, long offset, long position) {
    }

    private final ArrayDeque<Cursor> cursors = new ArrayDeque<>();
    private final ChunkReader chunks = new ChunkReader(256 * 1024);
    private final Utf8Strings strings = new Utf8Strings();
    /** Record headers walked to find a read's start (no cursor there): 0 while every reader reads on in order. */
    private long headersWalked;

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
        long startOffset = offset;
        int bytes = 0;
        while (offset < limit && out.size() < maxRecords && bytes < maxBytes) {
            int length = RecordCodec.readInt(chunks.array(), chunks.at(s, position, RecordCodec.HEADER));
            if (length < 0 || length > RecordCodec.MAX_BODY) {
                throw new IOException("spool record " + offset + " in " + s.path + " is damaged (length " + length + ")");
            }
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
                    ? RecordCodec.decodeBody(body, bodyAt, length, strings) : null;
            if (e == null) {
                throw new IOException("spool record " + offset + " in " + s.path + " is damaged");
            }
            out.add(new SpooledRecord(offset, e));
            offset++;
            position += RecordCodec.HEADER + length;
            bytes += length;
        }
        remember(s, startOffset, new Cursor(s, offset, position));
        return bytes;
    }

    long headersWalked() {
        return headersWalked;
    }

    /** Forgets what was read from {@code s} (it is being deleted or truncated). */
    void forget(Segment s) {
        cursors.removeIf(c -> c.segment() == s);
        chunks.forget(s);
    }

    /**
     * This reader moved from {@code from} to {@code c}: its old cursor goes, every other reader's stays (a sink
     * behind another in the same segment must not lose its place when the one ahead reads).
     */
    private void remember(Segment s, long from, Cursor c) {
        cursors.removeIf(old -> old.segment() == s && (old.offset() == from || old.offset() == c.offset()));
        cursors.addFirst(c);
        while (cursors.size() > MAX_CURSORS) {
            cursors.removeLast();
        }
    }

    /** The file position of {@code offset} in {@code s}: from a cursor, else by walking the headers from the nearest one before it. */
    private long positionOf(Segment s, long offset) throws IOException {
        long from = s.baseOffset;
        long position = 0;
        for (Cursor c : cursors) {
            if (c.segment() == s && c.offset() <= offset && c.offset() >= from) {
                from = c.offset();
                position = c.position();
            }
        }
        for (long o = from; o < offset; o++) {
            position += RecordCodec.HEADER + RecordCodec.readInt(chunks.array(), chunks.at(s, position, RecordCodec.HEADER));
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
}

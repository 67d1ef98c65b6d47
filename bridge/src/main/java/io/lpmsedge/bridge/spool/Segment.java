package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One append-only segment file of the spool, named after the offset of its first record
 * ({@code 00000000000000001234.seg}). Only the newest segment is appended to; older ones are read and deleted.
 */
final class Segment {
    static final String SUFFIX = ".seg";

    final long baseOffset;
    final Path path;
    private final FileChannel channel;
    private long records;
    private long size;
    private long durableSize;
    private long durableRecords;
    /** Wall-clock millis of the first append (or of the file, after recovery): the age of its oldest record. */
    final long createdMillis;

    private Segment(long baseOffset, Path path, FileChannel channel, long records, long size, long createdMillis) {
        this.baseOffset = baseOffset;
        this.path = path;
        this.channel = channel;
        this.records = records;
        this.size = size;
        this.durableSize = size;
        this.durableRecords = records;
        this.createdMillis = createdMillis;
    }

    static String fileName(long baseOffset) {
        return String.format(Locale.ROOT, "%020d%s", baseOffset, SUFFIX);
    }

    static Segment create(Path dir, long baseOffset, long nowMillis) throws IOException {
        Path path = dir.resolve(fileName(baseOffset));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new Segment(baseOffset, path, ch, 0, 0, nowMillis);
    }

    /** What scanning a segment found. */
    record Scan(long records, long validBytes, long fileBytes) {
        boolean torn() {
            return validBytes < fileBytes;
        }
    }

    /**
     * Opens an existing segment: scans every record, checking length and CRC, and truncates the file after the
     * last good record (a torn tail from a power cut, or bit rot), so a damaged spool never blocks start-up.
     */
    static Segment recover(Path path, long baseOffset, Scan[] report) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long fileBytes = ch.size();
        long pos = 0;
        long count = 0;
        // Read a chunk at a time: a spool left by a long outage holds millions of records.
        ChunkReader chunks = new ChunkReader(256 * 1024);
        while (pos + RecordCodec.HEADER <= fileBytes) {
            int at = chunks.at(ch, path, pos, RecordCodec.HEADER);
            int length = RecordCodec.readInt(chunks.array(), at);
            int crc = RecordCodec.readInt(chunks.array(), at + 4);
            if (length <= 0 || length > RecordCodec.MAX_BODY || pos + RecordCodec.HEADER + length > fileBytes) {
                break;
            }
            byte[] body;
            int bodyAt;
            if (RecordCodec.HEADER + length <= chunks.capacity()) {
                body = chunks.array();
                bodyAt = chunks.at(ch, path, pos, RecordCodec.HEADER + length) + RecordCodec.HEADER;
            } else {
                body = new byte[length];
                bodyAt = 0;
                readFully(ch, ByteBuffer.wrap(body), pos + RecordCodec.HEADER);
            }
            if (!RecordCodec.crcMatches(body, bodyAt, length, crc) || !RecordCodec.wellFormed(body, bodyAt, length)) {
                break;
            }
            pos += RecordCodec.HEADER + length;
            count++;
        }
        if (pos < fileBytes) {
            ch.truncate(pos);
            ch.force(true);
        }
        report[0] = new Scan(count, pos, fileBytes);
        long created = Files.getLastModifiedTime(path).toMillis();
        return new Segment(baseOffset, path, ch, count, pos, created);
    }

    /** Appends framed records (already in {@code framed}, position..limit). */
    void append(ByteBuffer framed, int recordCount) throws IOException {
        long at = size;
        while (framed.hasRemaining()) {
            at += channel.write(framed, at);
        }
        size = at;
        records += recordCount;
    }

    /** Undoes a partial append after a failed write (disk full), so the file never holds half a batch. */
    void truncateTo(long bytes, long recordCount) throws IOException {
        channel.truncate(bytes);
        size = bytes;
        records = recordCount;
    }

    /** fsync; after it, every record so far survives a power cut. */
    void sync() throws IOException {
        if (durableSize != size) {
            channel.force(false);
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

    /** Offset after this segment's last record. */
    long endOffset() {
        return baseOffset + records;
    }

    FileChannel channel() {
        return channel;
    }

    void close() throws IOException {
        channel.close();
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of " + ch);
            }
            pos += n;
        }
    }
}

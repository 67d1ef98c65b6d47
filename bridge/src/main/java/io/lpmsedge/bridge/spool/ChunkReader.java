package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads a segment file through one reusable buffer, a chunk at a time: a catch-up after an outage reads the spool
 * sequentially, and one {@code pread} per record header and another per body (the first version) made the
 * system calls, not the records, the cost of draining. Not thread-safe: the {@link Spool} uses it under its lock.
 */
final class ChunkReader {
    private final ByteBuffer buffer;
    private StoredFile file;
    /** File position of {@code buffer.array()[0]}; the buffer holds {@code [start, start + valid)}. */
    private long start;

    private int valid;

    ChunkReader(int capacity) {
        this.buffer = ByteBuffer.allocate(capacity);
    }

    int capacity() {
        return buffer.capacity();
    }

    byte[] array() {
        return buffer.array();
    }

    /**
     * Makes {@code [position, position + length)} of the segment's file available in {@link #array()} and returns
     * its index there, reading a new chunk from {@code position} when needed.
     *
     * @throws IOException the file ends before {@code position + length}, or {@code length} exceeds the buffer
     */
    int at(Segment s, long position, int length) throws IOException {
        return at(s.file(), s.path, position, length);
    }

    /** {@link #at(Segment, long, int)} for a file not (yet) wrapped in a segment. */
    int at(StoredFile ch, Path path, long position, int length) throws IOException {
        if (length > buffer.capacity()) {
            throw new IOException("a spool record of " + length + " bytes does not fit the " + buffer.capacity()
                    + "-byte read buffer");
        }
        if (ch != file || position < start || position + length > start + valid) {
            fill(ch, path, position, length);
        }
        return (int) (position - start);
    }

    /** Forgets what was read from {@code s} (it is being deleted or truncated). */
    void forget(Segment s) {
        if (file == s.file()) {
            file = null;
            valid = 0;
        }
    }

    private void fill(StoredFile ch, Path path, long position, int needed) throws IOException {
        file = null; // until the read below succeeds
        buffer.clear();
        long pos = position;
        while (buffer.position() < needed) {
            int n = ch.read(buffer, pos);
            if (n < 0) {
                throw new IOException("unexpected end of " + path + " at byte " + pos);
            }
            pos += n;
        }
        file = ch;
        start = position;
        valid = buffer.position();
    }
}

package io.lpmsedge.bridge.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** An open file of a {@link FileStore}: positional reads and writes, and fsync. */
public interface StoredFile extends Closeable {
    /** Reads into {@code dst} from {@code position}; -1 at the end of the file. */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Writes all of {@code src} at {@code position}. */
    void write(ByteBuffer src, long position) throws IOException;

    long size() throws IOException;

    void truncate(long size) throws IOException;

    /** fsync: the bytes written so far (and the file's size) survive a power cut once this returns. */
    void force() throws IOException;

    /** Reads exactly {@code dst.remaining()} bytes from {@code position}. */
    default void readFully(ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }
}

package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.spool.FileStore;
import io.lpmsedge.bridge.spool.ForwardingFileStore;
import io.lpmsedge.bridge.spool.StoredFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link FileStore} whose reads, over all files and threads, go no faster than a given rate: a stand-in for a
 * slow device (an SD card reads 40–90 MB/s) in benchmarks, without root (cgroup limits) or a FUSE file system.
 * Writes and fsyncs pass through unthrottled.
 */
final class ThrottledReads extends ForwardingFileStore {
    private final double bytesPerSecond;
    /** When the reads so far are paid for; idle time earns no credit (no burst after a pause). */
    private long paidUntilNanos = System.nanoTime();

    ThrottledReads(FileStore disk, double bytesPerSecond) {
        super(disk);
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Waits until {@code n} more bytes fit the rate since start. */
    private void pace(int n) throws IOException {
        long due;
        synchronized (this) {
            paidUntilNanos = Math.max(paidUntilNanos, System.nanoTime()) + (long) (n / bytesPerSecond * 1e9);
            due = paidUntilNanos;
        }
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted while pacing a read");
            }
        }
    }

    @Override
    public StoredFile open(Path file, OpenMode mode) throws IOException {
        StoredFile f = delegate.open(file, mode);
        return new StoredFile() {
            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                int n = f.read(dst, position);
                if (n > 0) {
                    pace(n);
                }
                return n;
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                f.write(src, position);
            }

            @Override
            public long size() throws IOException {
                return f.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                f.truncate(size);
            }

            @Override
            public void force() throws IOException {
                f.force();
            }

            @Override
            public void close() throws IOException {
                f.close();
            }
        };
    }
}

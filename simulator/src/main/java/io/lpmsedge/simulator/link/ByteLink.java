package io.lpmsedge.simulator.link;

import java.io.Closeable;
import java.io.IOException;

/** One session's byte pipe between a simulated sensor and its host (a TCP connection, a tty, a file). */
public interface ByteLink extends Closeable {
    /** Reads what has arrived, without blocking: bytes read, 0 if none. */
    int readAvailable(byte[] buf, int off, int len) throws IOException;

    /**
     * Waits up to about {@code timeoutMillis} for input: bytes read, 0 on timeout, -1 when the host closed
     * the link.
     */
    int readWithin(byte[] buf, int off, int len, int timeoutMillis) throws IOException;

    /** Writes (buffered); an {@link IOException} means the host is gone. */
    void write(byte[] b, int off, int len) throws IOException;

    void flush() throws IOException;

    /** Whether the host can send commands over this link (not a capture file). */
    boolean bidirectional();

    String describe();
}

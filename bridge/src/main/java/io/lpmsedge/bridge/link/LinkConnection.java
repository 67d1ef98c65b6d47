package io.lpmsedge.bridge.link;

import java.io.Closeable;
import java.io.IOException;

/** One open byte stream to a sensor. Used by a single reader thread. */
public interface LinkConnection extends Closeable {
    /**
     * Reads what has arrived, waiting at most the link's poll interval so the caller can check its deadlines.
     *
     * @return bytes read, 0 when nothing arrived in time, -1 when the far end closed the link
     */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /** Writes a whole command frame. */
    void write(byte[] bytes) throws IOException;

    @Override
    void close() throws IOException;
}

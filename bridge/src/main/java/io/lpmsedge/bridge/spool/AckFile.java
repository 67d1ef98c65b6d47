package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How far one sink has acknowledged the spool: one offset in a {@link StateFile} ({@code ack-NAME.offset}),
 * so a crash leaves either the old or the new value, never a torn one, and a written value survives a power cut.
 */
final class AckFile {
    static final String PREFIX = "ack-";
    static final String SUFFIX = ".offset";

    private final StateFile file;

    AckFile(FileStore store, Path dir, String sinkName) {
        this.file = new StateFile(store, dir.resolve(PREFIX + sinkName + SUFFIX));
    }

    /** The stored offset, or -1 when there is none or it is damaged (then the sink resends from the start). */
    long read() throws IOException {
        long[] v = file.read(1);
        return v == null || v[0] < 0 ? -1 : v[0];
    }

    void write(long offset) throws IOException {
        file.write(offset);
    }
}

package io.lpmsedge.simulator.link;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A capture file: one output-only session. */
public final class FileSensorPort implements SensorPort {
    private final Path path;
    private boolean used;

    public FileSensorPort(Path path) {
        this.path = path;
    }

    @Override
    public ByteLink next(int timeoutMillis) throws IOException {
        if (used) {
            return null;
        }
        used = true;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        return new ByteLink() {
            @Override
            public int readAvailable(byte[] buf, int off, int len) {
                return 0;
            }

            @Override
            public int readWithin(byte[] buf, int off, int len, int timeoutMillis) {
                return 0;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public boolean bidirectional() {
                return false;
            }

            @Override
            public String describe() {
                return "file " + path;
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public boolean reconnectable() {
        return false;
    }

    @Override
    public void sessionEnded() {
        // single session
    }

    @Override
    public String describe() {
        return "file " + path;
    }

    @Override
    public void close() {
        // the link closes the file
    }
}

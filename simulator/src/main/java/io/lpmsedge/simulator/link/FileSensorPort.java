package io.lpmsedge.simulator.link;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A capture file: one output-only session, there from the sensor's first tick ({@link #attachedFromStart()}), so
 * the file holds every frame the sensor generates, at any speed.
 */
public final class FileSensorPort implements SensorPort {
    private final Path path;
    private OutputStream out;
    private boolean used;

    public FileSensorPort(Path path) {
        this.path = path;
    }

    /**
     * Creates (or truncates) the file now, so that a file that cannot be written is refused before the sensor
     * starts; {@link #next} does it otherwise.
     *
     * @throws IOException naming the file and the fix ({@link OutputFiles#create})
     */
    public void open() throws IOException {
        if (out == null) {
            out = OutputFiles.create(path, "capture");
        }
    }

    @Override
    public ByteLink next(int timeoutMillis) throws IOException {
        if (used) {
            return null;
        }
        open();
        used = true;
        OutputStream file = out;
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
                file.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                file.flush();
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
                file.close();
            }
        };
    }

    @Override
    public boolean reconnectable() {
        return false;
    }

    /** The file is written from the sensor's first tick: no host has to arrive first. */
    @Override
    public boolean attachedFromStart() {
        return true;
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
    public void close() throws IOException {
        // the link closes the file; a file opened but never handed out (the fleet stopped first) is closed here
        if (!used && out != null) {
            out.close();
        }
    }
}

package io.lpmsedge.simulator.link;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates the simulator's output files (captures, ground truth) up front, so that a file that cannot be written
 * is a clear error before any sensor starts (exit 2), not an I/O failure of a sensor thread seconds later.
 */
public final class OutputFiles {
    private OutputFiles() {}

    /**
     * {@code path} created or truncated, buffered.
     *
     * @param what how the message names the file, e.g. "capture" or "ground truth"
     * @throws IOException naming the file and the fix: a missing directory, no permission, a directory in the way
     */
    public static OutputStream create(Path path, String what) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        String cannot = "cannot write " + what + " '" + path + "': ";
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException(cannot + "directory " + parent + " does not exist; create it or write elsewhere");
        }
        if (Files.isDirectory(path)) {
            throw new IOException(cannot + "it is a directory; name a file in it, e.g. " + path.resolve("out.bin"));
        }
        try {
            return new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        } catch (AccessDeniedException e) {
            throw new IOException(cannot + "permission denied; write it where you may, e.g. under /tmp", e);
        } catch (FileSystemException e) {
            // the JDK's own reason (read-only file system, …) rather than the bare path it puts in getMessage()
            throw new IOException(cannot + (e.getReason() != null ? e.getReason() : e.toString()), e);
        }
    }
}

package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file-system operation the spool and the dead-letter files make, behind one seam, so that a test can run
 * them on a simulated disk that loses whatever was not fsynced at a power cut (file data and directory entries),
 * as SQLite's crash-test VFS does. {@link #DISK} is the real one.
 *
 * <p>Durability contract (what a crash keeps), as on Linux: a file's bytes survive once {@link StoredFile#force}
 * returned; a create, rename or delete survives once {@link #syncDirectory} of its directory returned.
 */
public interface FileStore {
    /** The real file system. */
    FileStore DISK = new DiskFileStore();

    /** How {@link #open} treats a missing or existing file. */
    enum OpenMode {
        /** Create; fail if the file exists. */
        CREATE_NEW,
        /** Create if missing, keep the contents if not. */
        CREATE,
        /** Fail if missing. */
        EXISTING
    }

    /** Opens a file for reading and writing at explicit positions. */
    StoredFile open(Path file, OpenMode mode) throws IOException;

    boolean exists(Path file);

    /** Names of the files (not directories) in {@code dir}, as paths, in no particular order. */
    List<Path> list(Path dir) throws IOException;

    /** Atomically replaces {@code to} by {@code from} (both in the same directory). */
    void replace(Path from, Path to) throws IOException;

    /** Deletes the file if it exists. */
    void delete(Path file) throws IOException;

    /** Makes creates, renames and deletes in {@code dir} survive a power cut (fsync of the directory). */
    void syncDirectory(Path dir) throws IOException;

    /** Creates {@code dir} and its parents if missing, durably (each new entry's parent is fsynced). */
    void createDirectories(Path dir) throws IOException;

    /** Wall-clock time of the file's last modification. */
    long lastModifiedMillis(Path file) throws IOException;
}

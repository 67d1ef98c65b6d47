package io.lpmsedge.testsupport;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A temporary directory that is deleted, with everything in it, when closed: for a jqwik property, whose tries get
 * no JUnit {@code @TempDir}, so that each try cleans up after itself instead of leaving a directory in /tmp per try
 * ({@code try (ScratchDir d = ScratchDir.create("spool-prop")) { ... d.path() ... }}).
 */
public final class ScratchDir implements AutoCloseable {
    private final Path path;

    private ScratchDir(Path path) {
        this.path = path;
    }

    /** A new empty directory in the system's temporary directory, its name starting with {@code prefix}. */
    public static ScratchDir create(String prefix) throws IOException {
        return new ScratchDir(Files.createTempDirectory(prefix));
    }

    public Path path() {
        return path;
    }

    /**
     * Deletes the directory and everything under it (symbolic links are deleted, never followed). A directory the
     * test already removed is fine.
     *
     * @throws IOException naming the file that could not be deleted
     */
    @Override
    public void close() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfThere(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                deleteIfThere(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfThere(Path p) throws IOException {
        try {
            Files.delete(p);
        } catch (NoSuchFileException gone) {
            // removed meanwhile (the code under test cleaning up after itself): nothing left to do
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}

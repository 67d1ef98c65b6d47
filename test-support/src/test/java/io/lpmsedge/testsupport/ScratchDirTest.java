package io.lpmsedge.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirTest {
    @Test
    void closingDeletesTheDirectoryWithEverythingInItButNotWhatALinkPointsTo(@TempDir Path outside) throws Exception {
        Path kept = Files.writeString(outside.resolve("kept.txt"), "not the scratch dir's");
        Path dir;
        try (ScratchDir d = ScratchDir.create("scratch-test")) {
            dir = d.path();
            assertTrue(Files.isDirectory(dir) && dir.getFileName().toString().startsWith("scratch-test"));
            Files.createDirectories(dir.resolve("a/b"));
            Files.writeString(dir.resolve("a/b/seg-1.seg"), "x".repeat(10_000));
            Files.writeString(dir.resolve("top.txt"), "y");
            Files.createSymbolicLink(dir.resolve("link"), outside);
        }
        assertFalse(Files.exists(dir), "deleted on close: " + dir);
        assertTrue(Files.exists(kept), "a link is deleted, not followed");
    }

    @Test
    void aDirectoryAlreadyRemovedIsFine() throws Exception {
        ScratchDir d = ScratchDir.create("scratch-test");
        Files.delete(d.path());
        d.close();
        assertFalse(Files.exists(d.path()));
    }
}

package io.lpmsedge.bridge.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state file read by a version that knows fewer values than were written (a downgrade): the reader keeps the
 * values it knows, so an older bridge never takes a newer {@code offsets.state} for absent; a damaged file, or
 * one holding fewer values than asked for, still reads as none.
 */
class StateFileTest {
    @TempDir
    Path dir;

    StateFile file() {
        return new StateFile(FileStore.DISK, dir.resolve("offsets.state"));
    }

    @Test
    void aLongerFileFromALaterVersionGivesTheValuesTheReaderKnows() throws IOException {
        file().write(1, 2, 3, 4, 5, 6);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5}, file().read(5));
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, file().read(6));
        assertArrayEquals(new long[] {1}, file().read(1));
    }

    @Test
    void aShorterOrDamagedFileReadsAsNone() throws IOException {
        file().write(1, 2, 3, 4);
        assertNull(file().read(5), "fewer values than the reader needs");
        assertArrayEquals(new long[] {1, 2, 3, 4}, file().read(4));

        Path path = dir.resolve("offsets.state");
        byte[] bytes = Files.readAllBytes(path);
        bytes[3] ^= 1;
        Files.write(path, bytes);
        assertNull(file().read(4), "CRC over every stored value");

        Files.write(path, new byte[8 * 4 + 3]);
        assertNull(file().read(1), "not a whole number of values");
        Files.write(path, new byte[8 * (StateFile.MAX_VALUES + 1) + 4]);
        assertNull(file().read(1), "longer than any version writes");
    }
}

package io.lpmsedge.bridge.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a sink's position reaches the disk, on an injected monotonic clock: at most once per interval while
 * acknowledgements flow, and one interval after the last write when they stop ({@link AckPositions#persistIfDue}),
 * so an idle sink's position does not stay in memory until close.
 */
class AckPositionsTest {
    static final long INTERVAL_MS = 1000;

    @TempDir
    Path dir;

    final ManualClocks clocks = new ManualClocks();
    final List<IOException> writeErrors = new ArrayList<>();
    /** The real disk, which refuses to replace files while {@link #full} is set. */
    boolean full;

    final FileStore disk = new ForwardingFileStore(FileStore.DISK) {
        @Override
        public void replace(Path from, Path to) throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
            super.replace(from, to);
        }
    };

    AckPositions positions() {
        AckFile file = new AckFile(disk, dir, "s");
        return new AckPositions(
                Map.of("s", file),
                Map.of("s", -1L),
                0,
                clocks::nanos,
                Duration.ofMillis(INTERVAL_MS),
                writeErrors::add);
    }

    long onDisk() throws IOException {
        return new AckFile(FileStore.DISK, dir, "s").read();
    }

    @Test
    void theLastAcknowledgementOfABurstIsWrittenOneIntervalAfterThePreviousWrite() throws IOException {
        AckPositions acks = positions();
        assertEquals(Long.MAX_VALUE, acks.persistIfDue("s"), "nothing to write yet");

        assertTrue(acks.advance("s", 10));
        assertEquals(10, onDisk(), "the first acknowledgement is written at once");
        assertEquals(Long.MAX_VALUE, acks.persistIfDue("s"));

        clocks.advance(100);
        acks.advance("s", 20);
        clocks.advance(50);
        acks.advance("s", 30); // the last of the burst: nothing follows it
        assertEquals(10, onDisk(), "within the interval nothing more is written");
        assertEquals(Duration.ofMillis(INTERVAL_MS - 150).toNanos(), acks.persistIfDue("s"));

        clocks.advance(INTERVAL_MS - 151);
        assertEquals(Duration.ofMillis(1).toNanos(), acks.persistIfDue("s"));
        assertEquals(10, onDisk(), "not before the interval ends");

        clocks.advance(1);
        assertEquals(Long.MAX_VALUE, acks.persistIfDue("s"), "written: nothing more to wait for");
        assertEquals(30, onDisk());

        clocks.advance(10 * INTERVAL_MS);
        assertEquals(Long.MAX_VALUE, acks.persistIfDue("s"));
        assertEquals(30, onDisk(), "idle and on disk: no further write");
        assertTrue(writeErrors.isEmpty());
    }

    @Test
    void aFailedWriteIsTriedAgainOneIntervalLater() throws IOException {
        AckPositions acks = positions();
        acks.advance("s", 10);
        clocks.advance(10);
        acks.advance("s", 20);
        full = true;
        clocks.advance(INTERVAL_MS);
        assertEquals(Duration.ofMillis(INTERVAL_MS).toNanos(), acks.persistIfDue("s"), "a retry, one interval on");
        assertEquals(1, writeErrors.size());
        assertEquals("No space left on device", writeErrors.get(0).getMessage());
        assertEquals(10, onDisk());

        full = false;
        assertEquals(Long.MAX_VALUE, acks.persistIfDue("s"));
        assertEquals(20, onDisk());
        assertFalse(writeErrors.size() > 1);
    }
}

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

/** The full policy's decisions and its drop counts, without a spool around them. */
class FullSpoolTest {
    private static FullSpool policy(SpoolFullPolicy p) {
        return new FullSpool(new SpoolConfig(Path.of("/sim/full"), 100_000, 10_000, Duration.ZERO, Duration.ZERO, p));
    }

    @Test
    void dropNewestRefusesABatchThatWouldPassTheBoundAndNeverDropsOldSegments() {
        FullSpool f = policy(SpoolFullPolicy.DROP_NEWEST);
        assertFalse(f.refuses(90_000, 10_000), "exactly at the bound fits");
        assertTrue(f.refuses(90_000, 10_001));
        assertFalse(f.dropsOldest(200_000, 5));
        assertFalse(f.dropsOldestToRetry(5));
    }

    @Test
    void dropOldestTakesEveryBatchAndDropsOldSegmentsWhileOverTheBoundAndOneIsToSpare() {
        FullSpool f = policy(SpoolFullPolicy.DROP_OLDEST);
        assertFalse(f.refuses(1_000_000, 10_000));
        assertTrue(f.dropsOldest(100_001, 2));
        assertFalse(f.dropsOldest(100_000, 2), "at the bound is within it");
        assertFalse(f.dropsOldest(500_000, 1), "never the active segment");
        assertTrue(f.dropsOldestToRetry(2));
        assertFalse(f.dropsOldestToRetry(1));
    }

    @Test
    void aRefusedWriteIsTriedOnceMoreAfterDroppingTheOldestSegment() {
        FullSpool f = policy(SpoolFullPolicy.DROP_OLDEST);
        List<String> calls = new ArrayList<>();
        int[] failures = {1};
        boolean written = f.write(
                () -> {
                    calls.add("write");
                    if (failures[0]-- > 0) {
                        throw new IOException("No space left on device");
                    }
                },
                3,
                () -> calls.add("drop"));
        assertTrue(written);
        assertEquals(List.of("write", "drop", "write"), calls);
        assertEquals(1, f.writeErrors());

        calls.clear();
        assertFalse(
                f.write(
                        () -> {
                            calls.add("write");
                            throw new IOException("No space left on device");
                        },
                        3,
                        () -> calls.add("drop")),
                "refused twice: dropped");
        assertEquals(List.of("write", "drop", "write"), calls, "only one retry");
        assertEquals(3, f.writeErrors());
    }

    @Test
    void dropNewestDoesNotDropOldSegmentsForAFullDisk() {
        FullSpool f = policy(SpoolFullPolicy.DROP_NEWEST);
        List<String> calls = new ArrayList<>();
        assertFalse(f.write(
                () -> {
                    calls.add("write");
                    throw new IOException("Read-only file system");
                },
                3,
                () -> calls.add("drop")));
        assertEquals(List.of("write"), calls);
    }

    @Test
    void everyDroppedRecordIsCountedUnderItsKey() {
        FullSpool f = policy(SpoolFullPolicy.DROP_NEWEST);
        f.batchDropped(List.of(
                new SpoolEntry("t", "arm-1", new byte[1]),
                new SpoolEntry("t", "arm-2", new byte[1]),
                new SpoolEntry("t", "arm-1", new byte[1])));
        assertEquals(1, f.segmentDropped("00000000000000000000.seg", Map.of("arm-2", 1L), "test"));
        assertEquals(4, f.dropped());
        assertEquals(Map.of("arm-1", 2L, "arm-2", 2L), f.droppedByKey());
    }

    @Test
    void aDroppedSegmentsUnsentRecordsAreCountedByKeyOrUnderNotCheckedYet() throws IOException {
        SimulatedDisk disk = new SimulatedDisk(() -> 0L);
        Path dir = Path.of("/sim/full");
        disk.createDirectories(dir);
        Segment s = Segment.create(disk, dir, 100);
        List<SpoolEntry> entries = List.of(
                new SpoolEntry("t", "a", new byte[3]),
                new SpoolEntry("t", "b", new byte[3]),
                new SpoolEntry("t", "b", new byte[3]),
                new SpoolEntry("t", "c", new byte[3]));
        s.append(PositionIndexTest.framed(entries), entries.size(), 0);
        FullSpool f = policy(SpoolFullPolicy.DROP_OLDEST);
        assertEquals(
                Map.of("b", 2L, "c", 1L),
                f.unsentByKey(s, 101, new SegmentReader()),
                "records a sink acknowledged are not counted");
        s.file().write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0, 0, 0}), 0); // rotted: length < 0
        assertEquals(
                Map.of("?", 3L),
                f.unsentByKey(s, 101, new SegmentReader()),
                "a damaged segment is still counted, from its offsets");
        Segment pending = Segment.pending(dir.resolve("x.seg"), 200, 50, 4096, 0);
        assertEquals(Map.of(FullSpool.NOT_RECOVERED, 40L), f.unsentByKey(pending, 210, new SegmentReader()));
        s.close();
    }
}

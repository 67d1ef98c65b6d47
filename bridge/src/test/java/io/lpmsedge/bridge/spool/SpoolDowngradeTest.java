package io.lpmsedge.bridge.spool;

import static io.lpmsedge.bridge.spool.SpoolTest.entries;
import static io.lpmsedge.bridge.spool.SpoolTest.readAll;
import static io.lpmsedge.bridge.spool.SpoolTest.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/durability.md "Downgrading" says about {@code offsets.state} across versions. This version writes 5
 * values (with "removed below"); a bridge from before that note reads the file as exactly 4 values, and a
 * {@link StateFile} of another length reads as no file at all. So the older bridge takes the spool for one
 * written before the marker existed and rewrites it with 4 values at its first start; the records and the sinks'
 * positions are other files and stay. Back on this version, the 4-value file is read with "removed below"
 * unknown, and the note is written again at the first start.
 */
class SpoolDowngradeTest {
    @TempDir
    Path dir;

    final ManualClocks clocks = new ManualClocks();

    Spool open() throws IOException {
        return Spool.open(
                new SpoolConfig(dir, 1 << 22, 4096, Duration.ZERO, Duration.ZERO, SpoolFullPolicy.DROP_OLDEST),
                List.of("rest"),
                clocks.context(FileStore.DISK),
                RecoveryProgress.NONE);
    }

    /** The base offsets of the segment files, oldest first. */
    List<Long> bases() throws IOException {
        return FileStore.DISK.list(dir).stream()
                .filter(p -> p.toString().endsWith(".seg"))
                .map(Segment::baseOffsetOf)
                .sorted()
                .toList();
    }

    StateFile marker() {
        return new StateFile(FileStore.DISK, dir.resolve(OffsetMarker.FILE_NAME));
    }

    @Test
    void anOlderBridgeReadsTheMarkerAsAbsentAndNoRecordOrPositionIsLostOnTheWayBack() throws IOException {
        long acked;
        long end;
        long newestBase;
        try (Spool spool = open()) {
            for (int i = 0; spool.segmentCount() < 4; i++) {
                spool.append(entries("a", i * 10, 10));
            }
            acked = bases().get(1) + 1; // past the first segment: it is deleted, noted first
            spool.acknowledge("rest", acked);
            assertEquals(3, spool.segmentCount());
            end = spool.endOffset();
        }
        assertEquals(8 * 5 + 4, Files.size(dir.resolve(OffsetMarker.FILE_NAME)), "this version writes 5 values");
        assertTrue(OffsetMarker.load(FileStore.DISK, dir).removedBelow() > 0);
        long[] five = marker().read(5);
        assertNotNull(five);
        newestBase = five[0];

        // The older bridge's StateFile took exactly 8 × 4 + 4 bytes and read any other length as no file (no
        // error, no WARN; this version's reads the first values of a longer file, StateFileTest), so its first start
        // writes one the way it does for a spool from before the marker: the newest
        // segment's base, a reservation from there, and nothing about removals or an earlier skip.
        marker().write(newestBase, newestBase + OffsetMarker.RESERVE, newestBase, 0);

        try (Spool spool = open()) {
            // read with removed-below unknown (the oldest end is not judged), noted again at once from the oldest
            // segment left
            assertEquals(bases().get(0), OffsetMarker.load(FileStore.DISK, dir).removedBelow());
            assertEquals(8 * 5 + 4, Files.size(dir.resolve(OffsetMarker.FILE_NAME)), "5 values again");
            assertEquals(0, spool.missingRecords());
            assertEquals(acked, spool.ackedOffset("rest"), "the sink's position is its own file");
            List<SpooledRecord> left = readAll(spool, acked);
            assertEquals(end - acked, left.size(), "every record not yet delivered is still there");
            assertEquals(
                    IntStream.range(seq(left.get(0)), seq(left.get(0)) + left.size())
                            .boxed()
                            .toList(),
                    left.stream().map(SpoolTest::seq).toList(),
                    "in order");
            spool.acknowledge("rest", bases().get(1) + 1); // deletes the next segment, noted first as before
        }
        assertEquals(bases().get(0), OffsetMarker.load(FileStore.DISK, dir).removedBelow());
    }
}

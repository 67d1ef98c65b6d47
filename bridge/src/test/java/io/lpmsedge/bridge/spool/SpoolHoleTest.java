package io.lpmsedge.bridge.spool;

import static io.lpmsedge.bridge.spool.SpoolTest.entries;
import static io.lpmsedge.bridge.spool.SpoolTest.readAll;
import static io.lpmsedge.bridge.spool.SpoolTest.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery notices a lost segment file (the oldest, a gap between segments, or a lost newest segment recorded in
 * {@code offsets.state}), counts the missing records, keeps what is left in order and never reuses an offset; and
 * never takes segments deleted once delivered, or dropped by the full policy, for lost ones.
 */
class SpoolHoleTest {
    static final Path DIR = Path.of("/sim/holes");
    private final ManualClocks clocks = new ManualClocks();
    private final SimulatedDisk disk = new SimulatedDisk(() -> clocks.wall().millis());

    static SpoolConfig config(Path dir) {
        return new SpoolConfig(dir, 1 << 22, 4096, Duration.ZERO, Duration.ZERO, SpoolFullPolicy.DROP_OLDEST);
    }

    private Spool open(FileStore store, Path dir) throws IOException {
        return Spool.open(config(dir), List.of("rest"), clocks.context(store), RecoveryProgress.NONE);
    }

    /** Fills four segments and closes cleanly; returns their files, oldest first. */
    private List<Path> fourSegments(FileStore store, Path dir) throws IOException {
        try (Spool spool = open(store, dir)) {
            for (int i = 0; spool.segmentCount() < 4; i++) {
                spool.append(entries("a", i * 10, 10));
            }
        }
        return store.list(dir).stream()
                .filter(p -> p.toString().endsWith(".seg"))
                .sorted(Comparator.comparing(Path::toString))
                .toList();
    }

    private long records(Path segment, Path next) {
        return Segment.baseOffsetOf(next) - Segment.baseOffsetOf(segment);
    }

    @Test
    void aGapBetweenSegmentsIsCountedAndSkipped() throws IOException {
        disk.createDirectories(DIR);
        List<Path> segs = fourSegments(disk, DIR);
        long lost = records(segs.get(1), segs.get(2));
        disk.lose(segs.get(1));
        try (Spool spool = open(disk, DIR)) {
            assertEquals(lost, spool.missingRecords());
            List<SpooledRecord> back = readAll(spool, 0);
            for (int i = 1; i < back.size(); i++) {
                assertTrue(seq(back.get(i)) > seq(back.get(i - 1)), "in order across the gap");
            }
            assertEquals(
                    Segment.baseOffsetOf(segs.get(2)) - 0 - lost,
                    back.stream()
                                    .filter(r -> r.offset() < Segment.baseOffsetOf(segs.get(2)))
                                    .count()
                            + 0);
        }
    }

    @Test
    void aLostOldestSegmentIsCountedAndTheRestIsRead() throws IOException {
        disk.createDirectories(DIR);
        List<Path> segs = fourSegments(disk, DIR);
        long lost = records(segs.get(0), segs.get(1));
        disk.lose(segs.get(0));
        try (Spool spool = open(disk, DIR)) {
            assertEquals(lost, spool.missingRecords());
            assertEquals(lost, readAll(spool, 0).get(0).offset(), "reading goes on after the hole");
        }
        try (Spool spool = open(disk, DIR)) {
            assertEquals(0, spool.missingRecords(), "counted once: the next start finds no new hole");
        }
    }

    @Test
    void aLostOldestSegmentOfRecordsAlreadyDeliveredIsNotMissing() throws IOException {
        disk.createDirectories(DIR);
        List<Path> segs = fourSegments(disk, DIR);
        try (Spool spool = open(disk, DIR)) {
            spool.acknowledge("rest", Segment.baseOffsetOf(segs.get(1)) - 2); // the first segment is still kept
        }
        disk.lose(segs.get(0));
        try (Spool spool = open(disk, DIR)) {
            assertEquals(2, spool.missingRecords(), "only the two records not yet delivered");
        }
    }

    @Test
    void segmentsDroppedByTheFullPolicyAreNotMissingAfterACutOrARestart() throws IOException {
        disk.createDirectories(DIR);
        SpoolConfig tight =
                new SpoolConfig(DIR, 8192, 4096, Duration.ZERO, Duration.ofHours(1), SpoolFullPolicy.DROP_OLDEST);
        Spool spool = Spool.open(tight, List.of("rest"), clocks.context(disk), RecoveryProgress.NONE);
        for (int i = 0; spool.dropped() == 0; i++) {
            spool.append(entries("a", i * 10, 10));
        }
        long first = spool.firstOffset();
        // Power cut: the acknowledgement file was never written (hours apart), nothing closed cleanly.
        SimulatedDisk survivor = disk.afterPowerCut(null);
        try (Spool after = Spool.open(tight, List.of("rest"), clocks.context(survivor), RecoveryProgress.NONE)) {
            assertEquals(0, after.missingRecords(), "a drop is not a loss");
            assertEquals(first, after.firstOffset());
        }
        try (Spool after = Spool.open(tight, List.of("rest"), clocks.context(survivor), RecoveryProgress.NONE)) {
            assertEquals(0, after.missingRecords());
        }
    }

    @Test
    void aMarkerWrittenBeforeRemovalsWereNotedIsUpgradedWithoutAFalseHole() throws IOException {
        disk.createDirectories(DIR);
        List<Path> segs = fourSegments(disk, DIR);
        Path marker = DIR.resolve(OffsetMarker.FILE_NAME);
        OffsetMarker m = OffsetMarker.load(disk, DIR);
        new StateFile(disk, marker).write(m.newestBase(), m.reservedEnd(), m.knownEnd(), m.skippedTo());
        disk.lose(segs.get(0)); // as if deleted after delivery by a version that did not note it
        try (Spool spool = open(disk, DIR)) {
            assertEquals(0, spool.missingRecords(), "without the note, a missing oldest segment is not judged");
        }
        assertEquals(
                Segment.baseOffsetOf(segs.get(1)),
                OffsetMarker.load(disk, DIR).removedBelow(),
                "and from now on the note is kept");
    }

    @Test
    void aLostNewestSegmentIsCountedAndItsOffsetsAreNotReused() throws IOException {
        disk.createDirectories(DIR);
        List<Path> segs = fourSegments(disk, DIR);
        long end;
        try (Spool spool = open(disk, DIR)) {
            end = spool.endOffset();
        }
        Path newest = segs.get(segs.size() - 1);
        long lost = end - Segment.baseOffsetOf(newest);
        assertTrue(lost > 0);
        disk.lose(newest);
        try (Spool spool = open(disk, DIR)) {
            assertEquals(lost, spool.missingRecords(), "known from the end noted at the last clean close");
            assertTrue(spool.endOffset() >= end + 1, "next offset " + spool.endOffset() + " after every old one");
            long first = spool.endOffset();
            spool.append(entries("a", 5000, 3));
            List<SpooledRecord> back = readAll(spool, first);
            assertEquals(first, back.get(0).offset());
        }
        try (Spool spool = open(disk, DIR)) {
            assertEquals(0, spool.missingRecords(), "counted once: the next start finds no hole");
        }
    }

    @Test
    void aCleanRestartAndASpoolWithoutMarkerAreNotHoles() throws IOException {
        disk.createDirectories(DIR);
        fourSegments(disk, DIR);
        try (Spool spool = open(disk, DIR)) {
            assertEquals(0, spool.missingRecords());
        }
        disk.lose(DIR.resolve(OffsetMarker.FILE_NAME)); // a spool written before the marker existed
        try (Spool spool = open(disk, DIR)) {
            assertEquals(0, spool.missingRecords());
        }
        assertTrue(disk.exists(DIR.resolve(OffsetMarker.FILE_NAME)), "and the marker is written from then on");
    }

    @Test
    void onlyRecordsNotYetDeliveredToEverySinkCountAsMissing() throws IOException {
        disk.createDirectories(DIR);
        List<Path> segs = fourSegments(disk, DIR);
        long newestBase = Segment.baseOffsetOf(segs.get(segs.size() - 1));
        long end;
        try (Spool spool = open(disk, DIR)) {
            end = spool.endOffset();
            spool.acknowledge("rest", newestBase + 3);
        }
        disk.lose(segs.get(segs.size() - 1));
        try (Spool spool = open(disk, DIR)) {
            assertEquals(end - newestBase - 3, spool.missingRecords());
            assertTrue(spool.endOffset() > end);
        }
    }

    @Test
    void withoutMarkerAnAcknowledgementStillKeepsOffsetsUnique() throws IOException {
        disk.createDirectories(DIR);
        List<Path> segs = fourSegments(disk, DIR);
        long newestBase = Segment.baseOffsetOf(segs.get(segs.size() - 1));
        try (Spool spool = open(disk, DIR)) {
            spool.acknowledge("rest", newestBase + 3);
        }
        disk.lose(segs.get(segs.size() - 1));
        disk.lose(DIR.resolve(OffsetMarker.FILE_NAME));
        try (Spool spool = open(disk, DIR)) {
            assertEquals(newestBase + 3, spool.endOffset(), "never below an offset a sink acknowledged");
        }
    }

    @Test
    void onTheRealDisk(@TempDir Path dir) throws IOException {
        List<Path> segs = fourSegments(FileStore.DISK, dir);
        long end;
        try (Spool spool = open(FileStore.DISK, dir)) {
            end = spool.endOffset();
        }
        Files.delete(segs.get(segs.size() - 1));
        try (Spool spool = open(FileStore.DISK, dir)) {
            assertEquals(end - Segment.baseOffsetOf(segs.get(segs.size() - 1)), spool.missingRecords());
            assertTrue(spool.endOffset() > end);
        }
    }
}

package io.lpmsedge.bridge.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sparse position index: exact positions, bounded walks, bounded memory, the same whoever fills it. */
class PositionIndexTest {
    private static final Path DIR = Path.of("/sim/index");

    @Test
    void anEmptyIndexPointsAtTheFirstRecord() {
        PositionIndex index = new PositionIndex();
        assertEquals(new PositionIndex.Entry(0, 0), index.floor(0));
        assertEquals(new PositionIndex.Entry(0, 0), index.floor(12_345));
        assertEquals(1, index.entries());
    }

    @Test
    void entriesAreAnIntervalApartAndEveryFloorIsExactAndNear() {
        PositionIndex index = new PositionIndex();
        Random rnd = new Random(7);
        List<Long> starts = new ArrayList<>();
        long position = 0;
        for (int i = 0; i < 40_000; i++) { // ~20 MB of records of 100..900 bytes
            starts.add(position);
            index.recordAt(i, position);
            position += RecordCodec.HEADER + 100 + rnd.nextInt(800);
        }
        long fileBytes = position;
        assertTrue(
                index.entries() <= fileBytes / PositionIndex.INTERVAL_BYTES + 1,
                "memory: at most one entry per interval (" + index.entries() + " for " + fileBytes + " bytes)");
        assertTrue(
                index.entries() >= fileBytes / (PositionIndex.INTERVAL_BYTES + 1000),
                "and about one per interval: " + index.entries());
        for (int o = 0; o < starts.size(); o++) {
            PositionIndex.Entry e = index.floor(o);
            assertTrue(e.relativeOffset() <= o);
            assertEquals((long) starts.get((int) e.relativeOffset()), e.position(), "the entry's position is exact");
            long walk = starts.get(o) - e.position();
            assertTrue(walk < PositionIndex.INTERVAL_BYTES + 1000, "walk of " + walk + " bytes to " + o);
        }
    }

    @Test
    void truncateForgetsEntriesPastTheCutAndFillsOnAfterIt() {
        PositionIndex index = new PositionIndex();
        for (int i = 0; i < 1000; i++) {
            index.recordAt(i, i * 1000L);
        }
        int before = index.entries();
        index.truncate(500);
        assertTrue(index.entries() < before);
        assertTrue(index.floor(999).relativeOffset() < 500, "nothing points past the cut");
        for (int i = 500; i < 1000; i++) {
            index.recordAt(i, i * 2000L); // other records now follow the cut
        }
        PositionIndex.Entry e = index.floor(999);
        assertTrue(e.relativeOffset() >= 500);
        assertEquals(e.relativeOffset() * 2000L, e.position());
        index.truncate(0);
        assertEquals(new PositionIndex.Entry(0, 0), index.floor(999), "the first record always stays");
    }

    /** The records framed as the spool writes them, ready for {@link Segment#append}. */
    static ByteBuffer framed(List<SpoolEntry> entries) {
        ByteBuffer framed = ByteBuffer.allocate(SegmentWriter.frameBytes(entries));
        entries.forEach(e -> RecordCodec.write(e, framed));
        return framed.flip();
    }

    /** A segment's index built by appends equals the one its recovery scan builds, and reads through it work. */
    @Test
    void appendsAndTheRecoveryScanBuildTheSameIndex() throws IOException {
        SimulatedDisk disk = new SimulatedDisk(() -> 0L);
        disk.createDirectories(DIR);
        Segment written = Segment.create(disk, DIR, 1000);
        Random rnd = new Random(3);
        int n = 0;
        for (int batch = 0; batch < 60; batch++) {
            List<SpoolEntry> entries = new ArrayList<>();
            for (int i = 0; i < 1 + rnd.nextInt(200); i++) {
                entries.add(new SpoolEntry("readings", "k" + n, new byte[50 + rnd.nextInt(2000)]));
                n++;
            }
            written.append(framed(entries), entries.size(), 0);
        }
        written.sync();
        assertTrue(written.indexEntries() > 10, "several entries: " + written.indexEntries());
        Segment recovered = Segment.recover(disk, written.path, 1000, 0).segment();
        assertEquals(written.indexEntries(), recovered.indexEntries());
        for (long o = 1000; o < 1000 + n; o++) {
            assertEquals(written.indexFloor(o), recovered.indexFloor(o));
        }
        SegmentReader reader = new SegmentReader();
        for (long from : new long[] {1000, 1000 + n / 3, 1000 + n - 1}) {
            List<SpooledRecord> out = new ArrayList<>();
            reader.read(recovered, from, Math.min(from + 5, 1000 + n), 5, 1 << 20, out);
            assertEquals(from, out.get(0).offset());
            assertEquals(
                    "k" + (from - 1000), out.get(0).entry().key(), "the record at that offset, found by the index");
        }
        recovered.close();
        written.close();
    }
}

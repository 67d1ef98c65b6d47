package io.lpmsedge.bridge.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Removing the oldest segments: noted in offsets.state before the files go, never the active one. */
class SegmentListTest {
    static final Path DIR = Path.of("/sim/list");
    private final SimulatedDisk disk = new SimulatedDisk(() -> 0L);
    private final List<Segment> removed = new ArrayList<>();
    private boolean failNotes;

    private final FileStore store = new ForwardingFileStore(disk) {
        @Override
        public void replace(Path from, Path to) throws IOException {
            if (failNotes && to.getFileName().toString().equals(OffsetMarker.FILE_NAME)) {
                throw new IOException("No space left on device");
            }
            super.replace(from, to);
        }
    };

    private SegmentList fourSegments() throws IOException {
        disk.createDirectories(DIR);
        OffsetMarker marker = OffsetMarker.load(store, DIR);
        List<Segment> segs = new ArrayList<>();
        for (long base : new long[] {0, 100, 200, 300}) {
            segs.add(Segment.create(store, DIR, base));
            marker.segmentCreated(base);
        }
        return new SegmentList(store, DIR, marker, segs, removed::add);
    }

    @Test
    void removingNotesTheNewOldestFirstThenDeletesTheFiles() throws IOException {
        SegmentList list = fourSegments();
        disk.trace(true);
        assertEquals(2, list.removeOldest(2, false).size());
        List<String> ops = disk.traceLines();
        int note = indexOf(ops, "offsets.state");
        int delete = indexOf(ops, Segment.fileName(0));
        assertTrue(note >= 0 && delete > note, "noted before deleted: " + ops);
        assertEquals(200, OffsetMarker.load(disk, DIR).removedBelow());
        assertFalse(disk.exists(DIR.resolve(Segment.fileName(100))));
        assertEquals(200, list.oldest().baseOffset);
        assertEquals(2, removed.size(), "the reader is told of each");
        list.closeAll();
    }

    @Test
    void theActiveSegmentIsNeverRemoved() throws IOException {
        SegmentList list = fourSegments();
        list.removeAcknowledged(Long.MAX_VALUE);
        assertEquals(1, list.size());
        assertEquals(300, list.active().baseOffset);
        assertTrue(list.removeOldest(5, true).isEmpty());
        list.closeAll();
    }

    @Test
    void withoutTheNoteAcknowledgedSegmentsStayButTheFullPolicyFreesTheDiskAnyway() throws IOException {
        SegmentList list = fourSegments();
        failNotes = true;
        assertThrows(IOException.class, () -> list.removeAcknowledged(150));
        assertEquals(4, list.size(), "delivered segments wait for the next acknowledgement");
        assertTrue(disk.exists(DIR.resolve(Segment.fileName(0))));
        assertThrows(IOException.class, () -> list.removeOldest(1, true), "the failed note is reported");
        assertEquals(3, list.size(), "but a drop frees the space");
        assertFalse(disk.exists(DIR.resolve(Segment.fileName(0))));
        failNotes = false;
        list.removeOldest(1, true);
        assertEquals(200, OffsetMarker.load(disk, DIR).removedBelow());
        list.closeAll();
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}

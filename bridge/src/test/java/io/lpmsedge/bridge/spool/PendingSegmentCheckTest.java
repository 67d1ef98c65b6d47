package io.lpmsedge.bridge.spool;

import static io.lpmsedge.bridge.spool.SpoolTest.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The check of older segments on its own: order, what it counts, running in the background and stopping. */
class PendingSegmentCheckTest {
    static final Path DIR = Path.of("/sim/pending");
    private final ManualClocks clocks = new ManualClocks();
    private final SimulatedDisk disk = new SimulatedDisk(() -> clocks.wall().millis());
    private final Object lock = new Object();
    private final List<long[]> progress = new ArrayList<>();
    private SegmentList segments;
    private int installs;

    /** Four segments written and closed; returns their files, oldest first. */
    private List<Path> fourSegments() throws IOException {
        disk.createDirectories(DIR);
        try (Spool spool =
                Spool.open(SpoolHoleTest.config(DIR), List.of("rest"), clocks.context(disk), RecoveryProgress.NONE)) {
            for (int i = 0; spool.segmentCount() < 4; i++) {
                spool.append(entries("a", i * 10, 10));
            }
        }
        return disk.list(DIR).stream()
                .filter(p -> p.toString().endsWith(".seg"))
                .sorted(Comparator.comparing(Path::toString))
                .toList();
    }

    /** Recovers the directory as start-up does (newest checked, the rest pending) and builds the check on it. */
    private PendingSegmentCheck check(FileStore store) throws IOException {
        SpoolRecovery.Result r = SpoolRecovery.recover(
                SpoolHoleTest.config(DIR), clocks.context(store), List.of("rest"), RecoveryProgress.NONE);
        segments = new SegmentList(store, DIR, r.marker(), r.segments(), s -> {});
        return new PendingSegmentCheck(
                lock,
                segments,
                store,
                r,
                (done, total) -> progress.add(new long[] {done, total}),
                () -> installs++,
                () -> {});
    }

    @AfterEach
    void closeSegments() throws IOException {
        if (segments != null) {
            segments.closeAll();
        }
    }

    @Test
    void checksEveryPendingSegmentOldestFirstAndReportsProgress() throws IOException {
        fourSegments();
        PendingSegmentCheck check = check(disk);
        assertEquals(3, segments.all().stream().filter(Segment::pending).count());
        check.runToEnd();
        assertNull(segments.firstPending());
        assertFalse(check.checking());
        assertEquals(3, installs);
        assertEquals(3, progress.size());
        long[] last = progress.get(progress.size() - 1);
        assertEquals(last[1], last[0], "the last report says all is done");
        assertTrue(progress.get(0)[0] < progress.get(1)[0]);
        assertEquals(0, check.missingRecords());
    }

    @Test
    void aGapBehindACheckedSegmentIsCountedAsMissing() throws IOException {
        List<Path> segs = fourSegments();
        disk.lose(segs.get(1));
        PendingSegmentCheck check = check(disk);
        check.runToEnd();
        assertEquals(Segment.baseOffsetOf(segs.get(2)) - Segment.baseOffsetOf(segs.get(1)), check.missingRecords());
    }

    @Test
    void anUnreadableSegmentIsTakenOutAndItsRecordsCountedAsMissing() throws IOException {
        List<Path> segs = fourSegments();
        Path broken = segs.get(1);
        FileStore failing = new ForwardingFileStore(disk) {
            @Override
            public StoredFile open(Path file, OpenMode mode) throws IOException {
                if (file.equals(broken) && mode == OpenMode.EXISTING && segments != null) {
                    throw new IOException("Input/output error");
                }
                return super.open(file, mode);
            }
        };
        PendingSegmentCheck check = check(failing);
        int before = segments.size();
        check.runToEnd();
        assertEquals(before - 1, segments.size());
        assertEquals(Segment.baseOffsetOf(segs.get(2)) - Segment.baseOffsetOf(broken), check.missingRecords());
    }

    @Test
    void inTheBackgroundItCanBeAwaitedAndStopsAfterTheSegmentItIsChecking() throws Exception {
        List<Path> segs = fourSegments();
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FileStore held = new ForwardingFileStore(disk) {
            @Override
            public StoredFile open(Path file, OpenMode mode) throws IOException {
                if (file.equals(segs.get(1)) && segments != null) {
                    opening.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return super.open(file, mode);
            }
        };
        PendingSegmentCheck check = check(held);
        check.start();
        assertTrue(opening.await(30, TimeUnit.SECONDS), "the check reaches the second segment");
        assertFalse(check.await(Duration.ofMillis(20)), "not done while a segment is held");
        synchronized (lock) {
            assertTrue(check.checking());
            assertFalse(segments.get(0).pending(), "the oldest is in place already");
        }
        Thread stopper = new Thread(check::stop);
        stopper.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stopper.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until stop() set its flag and joins the check's thread
        }
        release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(stopper.isAlive());
        synchronized (lock) {
            assertFalse(segments.get(1).pending(), "the segment being checked was finished");
            assertTrue(segments.get(2).pending(), "the next one was left for the next start");
        }
    }
}

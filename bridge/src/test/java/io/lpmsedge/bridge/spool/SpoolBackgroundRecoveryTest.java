package io.lpmsedge.bridge.spool;

import static io.lpmsedge.bridge.spool.SpoolTest.entries;
import static io.lpmsedge.bridge.spool.SpoolTest.readAll;
import static io.lpmsedge.bridge.spool.SpoolTest.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Start-up does not wait for the scan of older segments (issue 14.4): appends go on at once, the older segments
 * are checked in the background, their records are read only once checked, and each key's order holds.
 */
class SpoolBackgroundRecoveryTest {
    static final Path DIR = Path.of("/sim/background");
    private final ManualClocks clocks = new ManualClocks();
    private final SimulatedDisk disk = new SimulatedDisk(() -> clocks.wall().millis());
    /** Holds the background check at its first segment until opened. */
    private final CountDownLatch gate = new CountDownLatch(1);
    /** Counted down when the background check reaches the gate. */
    private final CountDownLatch atGate = new CountDownLatch(1);
    /** A segment the background check cannot open (a bad block, say); null for none. */
    private volatile Path unreadable;

    /** The disk, with the background check's opens held at {@link #gate}. */
    private final FileStore gated = new ForwardingFileStore(disk) {
        @Override
        public StoredFile open(Path file, OpenMode mode) throws IOException {
            if (Thread.currentThread().getName().equals("spool-recovery")) {
                atGate.countDown();
                try {
                    assertTrue(gate.await(30, TimeUnit.SECONDS), "the test opens the gate");
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                if (file.equals(unreadable)) {
                    throw new IOException("Input/output error");
                }
            }
            return disk.open(file, mode);
        }
    };

    static SpoolConfig config() {
        return new SpoolConfig(DIR, 1 << 22, 4096, Duration.ZERO, Duration.ZERO, SpoolFullPolicy.DROP_OLDEST);
    }

    /** Six segments of records alternating between keys a and b; returns how many. */
    private int oldSpool() throws IOException {
        disk.createDirectories(DIR);
        int n = 0;
        try (Spool spool = Spool.open(config(), List.of("rest"), clocks.context(disk), RecoveryProgress.NONE)) {
            while (spool.segmentCount() < 6) {
                spool.append(entries(n % 20 < 10 ? "a" : "b", n, 10));
                n += 10;
            }
        }
        return n;
    }

    @Test
    void appendsStartAtOnceAndOldRecordsComeFirstOnceChecked() throws Exception {
        int old = oldSpool();
        List<long[]> progress = new ArrayList<>();
        try (Spool spool =
                Spool.openRecoveringInBackground(config(), List.of("rest"), clocks.context(gated), (done, total) -> {
                    synchronized (progress) {
                        progress.add(new long[] {done, total});
                    }
                })) {
            assertTrue(spool.recovering());
            assertEquals(10, spool.append(entries("a", old, 10)), "appends go on while older segments wait");
            assertEquals(spool.endOffset(), spool.durableOffset());
            assertEquals(List.of(), spool.read(0, 100, 1 << 20), "older records are not read before they are checked");

            gate.countDown();
            assertTrue(spool.awaitRecovered(Duration.ofSeconds(30)));
            assertFalse(spool.recovering());
            List<SpooledRecord> back = readAll(spool, 0);
            assertEquals(old + 10, back.size());
            Map<String, Integer> lastSeq = new HashMap<>();
            for (SpooledRecord r : back) {
                int s = seq(r);
                Integer before = lastSeq.put(r.entry().key(), s);
                assertTrue(before == null || s > before, "key " + r.entry().key() + " in order: " + before + ", " + s);
            }
            assertEquals(0, spool.missingRecords());
        }
        synchronized (progress) {
            long[] last = progress.get(progress.size() - 1);
            assertEquals(last[1], last[0], "progress reaches the total");
        }
    }

    @Test
    void aGapIsFoundByTheBackgroundCheck() throws Exception {
        oldSpool();
        List<Path> segs = new ArrayList<>(disk.list(DIR).stream()
                .filter(p -> p.toString().endsWith(".seg"))
                .sorted()
                .toList());
        long lost = Segment.baseOffsetOf(segs.get(2)) - Segment.baseOffsetOf(segs.get(1));
        disk.lose(segs.get(1));
        gate.countDown();
        try (Spool spool = Spool.openRecoveringInBackground(
                config(), List.of("rest"), clocks.context(gated), RecoveryProgress.NONE)) {
            assertTrue(spool.awaitRecovered(Duration.ofSeconds(30)));
            assertEquals(lost, spool.missingRecords());
        }
    }

    @Test
    void anUnreadableSegmentIsCountedAsMissingAndTheRestIsDelivered() throws Exception {
        int old = oldSpool();
        List<Path> segs = disk.list(DIR).stream()
                .filter(p -> p.toString().endsWith(".seg"))
                .sorted()
                .toList();
        long lost = Segment.baseOffsetOf(segs.get(2)) - Segment.baseOffsetOf(segs.get(1));
        unreadable = segs.get(1);
        gate.countDown();
        try (Spool spool = Spool.openRecoveringInBackground(
                config(), List.of("rest"), clocks.context(gated), RecoveryProgress.NONE)) {
            assertTrue(spool.awaitRecovered(Duration.ofSeconds(30)));
            assertEquals(lost, spool.missingRecords());
            assertEquals(old - lost, readAll(spool, 0).size(), "every other record is delivered");
        }
    }

    @Test
    void closeDuringTheCheckWaitsForTheSegmentInHandAndLeavesTheSpoolWhole() throws Exception {
        int old = oldSpool();
        Spool spool = Spool.openRecoveringInBackground(
                config(), List.of("rest"), clocks.context(gated), RecoveryProgress.NONE);
        assertTrue(atGate.await(30, TimeUnit.SECONDS), "the check has a segment in hand");
        Thread closer = new Thread(() -> {
            try {
                spool.close();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        closer.start();
        closer.join(200);
        assertTrue(closer.isAlive(), "close waits for the segment being checked");
        gate.countDown();
        closer.join(30_000);
        assertFalse(closer.isAlive(), "and then returns");
        try (Spool again = Spool.open(config(), List.of("rest"), clocks.context(disk), RecoveryProgress.NONE)) {
            assertEquals(old, readAll(again, 0).size());
        }
    }
}

package io.lpmsedge.bridge.spool;

import static io.lpmsedge.bridge.spool.SpoolTest.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The spool tells its readable-records listeners (the senders, which sleep until then instead of polling) whenever
 * records may have become readable: after each fsync and after the background check finishes an older segment.
 */
class SpoolReadableListenerTest {
    static final Path DIR = Path.of("/sim/listener");
    private final ManualClocks clocks = new ManualClocks();
    private final SimulatedDisk disk = new SimulatedDisk(() -> clocks.wall().millis());
    private final CountDownLatch gate = new CountDownLatch(1);
    /** The disk, with the background check's opens held until the test opens {@link #gate}. */
    private final FileStore gated = new ForwardingFileStore(disk) {
        @Override
        public StoredFile open(Path file, OpenMode mode) throws IOException {
            if (Thread.currentThread().getName().equals("spool-recovery")) {
                try {
                    assertTrue(gate.await(30, TimeUnit.SECONDS), "the test opens the gate");
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return disk.open(file, mode);
        }
    };

    private final List<String> told = new CopyOnWriteArrayList<>();
    private final Runnable listener = () -> told.add(Thread.currentThread().getName());

    private static SpoolConfig config() {
        return new SpoolConfig(DIR, 1 << 22, 4096, Duration.ZERO, Duration.ZERO, SpoolFullPolicy.DROP_OLDEST);
    }

    @Test
    void everyFsyncTellsTheListenersUntilOneIsRemoved() throws Exception {
        disk.createDirectories(DIR);
        try (Spool spool = Spool.open(config(), List.of("rest"), clocks.context(disk), RecoveryProgress.NONE)) {
            spool.addReadableListener(listener);
            spool.append(entries("a", 0, 3)); // fsync interval 0: synced by the append
            assertEquals(1, told.size());
            spool.sync();
            assertEquals(2, told.size());
            spool.removeReadableListener(listener);
            spool.append(entries("a", 3, 3));
            assertEquals(2, told.size());
        }
    }

    @Test
    void theBackgroundCheckTellsTheListenersAsOlderSegmentsBecomeReadable() throws Exception {
        disk.createDirectories(DIR);
        try (Spool spool = Spool.open(config(), List.of("rest"), clocks.context(disk), RecoveryProgress.NONE)) {
            for (int n = 0; spool.segmentCount() < 4; n += 10) {
                spool.append(entries("a", n, 10));
            }
        }
        try (Spool spool = Spool.openRecoveringInBackground(
                config(), List.of("rest"), clocks.context(gated), RecoveryProgress.NONE)) {
            spool.addReadableListener(listener);
            assertTrue(spool.recovering());
            gate.countDown();
            assertTrue(spool.awaitRecovered(Duration.ofSeconds(30)));
            assertEquals(
                    3,
                    told.stream().filter("spool-recovery"::equals).count(),
                    "once per older segment checked: " + told);
        }
    }
}

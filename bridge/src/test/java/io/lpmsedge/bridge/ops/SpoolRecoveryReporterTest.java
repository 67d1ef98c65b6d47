package io.lpmsedge.bridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRecoveryReporterTest {
    @TempDir
    Path dir;

    /** What a service manager was told. */
    static final class Recording implements ServiceNotifier {
        final List<String> extended = new ArrayList<>();
        final List<String> statuses = new ArrayList<>();

        @Override
        public void ready(String status) {}

        @Override
        public void status(String status) {
            statuses.add(status);
        }

        @Override
        public void watchdog(String status) {}

        @Override
        public void startingSlowly(Duration by, String status) {
            extended.add(by.toSeconds() + " s: " + status);
        }

        @Override
        public void stopping(String status) {}
    }

    @Test
    void aSlowScanExtendsTheStartTimeoutEveryFewSecondsWithItsProgress() throws Exception {
        SpoolConfig config =
                new SpoolConfig(dir, 1L << 30, 64 * 1024, Duration.ZERO, Duration.ZERO, SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(config, List.of("s"), Clock.systemUTC())) {
            for (int i = 0; i < 100; i++) {
                List<SpoolEntry> batch = new ArrayList<>();
                for (int j = 0; j < 100; j++) {
                    batch.add(new SpoolEntry("readings", "arm-1", new byte[200]));
                }
                spool.append(batch);
            }
            assertTrue(spool.segmentCount() > 20, "segments: " + spool.segmentCount());
        }
        Recording notifier = new Recording();
        long[] now = {0};
        List<long[]> calls = new ArrayList<>();
        SpoolRecoveryReporter reporter = new SpoolRecoveryReporter(notifier, () -> now[0]);
        // Every segment "takes" a second of scanning.
        try (Spool spool = Spool.open(config, List.of("s"), Clock.systemUTC(), (done, total) -> {
            now[0] += 1_000_000_000L;
            calls.add(new long[] {done, total});
            reporter.scanned(done, total);
        })) {
            assertEquals(10_000, spool.endOffset());
        }
        long total = calls.get(0)[1];
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] > calls.get(i - 1)[0], "progress only grows");
            assertEquals(total, calls.get(i)[1]);
        }
        assertEquals(total, calls.get(calls.size() - 1)[0], "ends at the total");
        // One status per 5 s of checking, then one when it is done; the start timeout is not extended any more
        // (the check runs after start-up, in the background).
        assertEquals((calls.size() - 1) / 5 + 1, notifier.statuses.size(), notifier.statuses.toString());
        assertTrue(
                notifier.statuses
                        .get(0)
                        .matches("checking the spool after a restart: 0\\.\\d of 2\\.\\d MB \\(\\d+ %\\) in 5 s;.*"),
                notifier.statuses.get(0));
        assertTrue(
                notifier.statuses.get(notifier.statuses.size() - 1).startsWith("spool checked after a restart: 2."),
                notifier.statuses.toString());
        assertEquals(List.of(), notifier.extended);
    }
}

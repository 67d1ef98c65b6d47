package io.lpmsedge.bridge.spool;

import static io.lpmsedge.bridge.spool.SpoolTest.config;
import static io.lpmsedge.bridge.spool.SpoolTest.entries;
import static io.lpmsedge.bridge.spool.SpoolTest.readAll;
import static io.lpmsedge.bridge.spool.SpoolTest.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real full disk: a 256 KiB tmpfs mounted for the test (needs root and a working {@code mount}, as on CI;
 * skipped elsewhere with the reason). The spool's own bound is far above the disk, so the disk fills first: the
 * policy is applied, every refused reading is counted, and nothing that was fsynced is lost.
 */
class SpoolDiskFullTest {
    @TempDir
    Path dir;

    private Path mountPoint;

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            run("umount", mountPoint.toString());
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @ParameterizedTest
    @EnumSource(SpoolFullPolicy.class)
    void aFullDiskAppliesThePolicyCountsEveryDropAndKeepsWhatWasSynced(SpoolFullPolicy policy) throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs needs root (CI runs as root); run as root to test a real full disk");
        Path mnt = Files.createDirectory(dir.resolve("small-disk"));
        assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt.toString()),
                "'mount -t tmpfs' failed here (no CAP_SYS_ADMIN in this container?); nothing to test against");
        mountPoint = mnt;
        Path spoolDir = mnt.resolve("spool");
        int appended = 0;
        long dropped;
        long acceptedBeforeFirstError = -1;
        try (Spool spool =
                Spool.open(config(spoolDir, 1L << 30, 32 * 1024, policy), List.of("rest"), Clock.systemUTC())) {
            for (int i = 0; i < 200; i++) {
                spool.append(entries("s1", appended, 50));
                appended += 50;
                if (spool.writeErrors() > 0 && acceptedBeforeFirstError < 0) {
                    acceptedBeforeFirstError = appended - 50;
                }
            }
            assertTrue(spool.writeErrors() > 0, "the 256 KiB disk must have filled up");
            assertTrue(spool.dropped() > 0);
            assertEquals(spool.dropped(), spool.droppedByKey().get("s1"), "drops are counted per sensor");
            dropped = spool.dropped();
        }
        try (Spool reopened =
                Spool.open(config(spoolDir, 1L << 30, 32 * 1024, policy), List.of("rest"), Clock.systemUTC())) {
            List<SpooledRecord> kept = readAll(reopened, reopened.firstOffset());
            assertTrue(!kept.isEmpty(), "something survives a full disk");
            for (int i = 1; i < kept.size(); i++) {
                assertEquals(seq(kept.get(i - 1)) + 1, seq(kept.get(i)), "kept readings are contiguous");
            }
            if (policy == SpoolFullPolicy.DROP_NEWEST) {
                // Everything synced before the disk filled is still there, from the very first reading.
                assertEquals(0, seq(kept.get(0)));
                assertTrue(kept.size() >= acceptedBeforeFirstError, kept.size() + " < " + acceptedBeforeFirstError);
            } else {
                // The oldest segments made room for new readings: the newest batch that was accepted is last.
                assertTrue(seq(kept.get(0)) > 0, "oldest readings were dropped for room");
            }
            assertEquals(appended, kept.size() + dropped, "every reading is either kept or counted as dropped");
        }
    }
}

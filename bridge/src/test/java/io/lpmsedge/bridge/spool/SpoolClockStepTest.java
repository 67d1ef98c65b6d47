package io.lpmsedge.bridge.spool;

import static io.lpmsedge.bridge.spool.SpoolTest.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wall-clock steps (NTP after a Pi boots without RTC, an operator, libfaketime in the field test of issue 14)
 * change neither the spool's intervals nor the ages it reports: both run on the monotonic clock.
 */
class SpoolClockStepTest {
    static final Path DIR = Path.of("/sim/clock");
    static final long TWO_HOURS = Duration.ofHours(2).toMillis();
    private final ManualClocks clocks = new ManualClocks();
    private final SimulatedDisk disk = new SimulatedDisk(() -> clocks.wall().millis());

    private Spool open(Duration fsyncInterval) throws IOException {
        disk.createDirectories(DIR);
        SpoolConfig c = new SpoolConfig(
                DIR, 1 << 22, 1 << 16, fsyncInterval, Duration.ofSeconds(1), SpoolFullPolicy.DROP_OLDEST);
        return Spool.open(c, List.of("rest"), clocks.context(disk), RecoveryProgress.NONE);
    }

    private long storedAck() throws IOException {
        return new AckFile(disk, DIR, "rest").read();
    }

    @Test
    void ackWritesGoOnAfterTheWallClockStepsBack() throws IOException {
        try (Spool spool = open(Duration.ZERO)) {
            spool.append(entries("a", 0, 100));
            spool.acknowledge("rest", 10);
            assertEquals(10, storedAck());
            clocks.stepWall(-TWO_HOURS);
            clocks.advance(1000);
            spool.acknowledge("rest", 50);
            assertEquals(50, storedAck(), "written one interval later, not two hours later");
            clocks.advance(500);
            spool.acknowledge("rest", 60);
            assertEquals(50, storedAck(), "and still at most once per interval");
        }
    }

    @Test
    void fsyncsGoOnAfterTheWallClockStepsBack() throws IOException {
        try (Spool spool = open(Duration.ofMillis(200))) {
            spool.append(entries("a", 0, 5));
            clocks.stepWall(-TWO_HOURS);
            clocks.advance(200);
            spool.append(entries("a", 5, 5));
            assertEquals(10, spool.durableOffset());
            assertEquals(Long.MAX_VALUE, spool.millisUntilSyncDue());
        }
    }

    @Test
    void theOldestRecordsAgeDoesNotJumpWhenTheWallClockStepsForward() throws IOException {
        try (Spool spool = open(Duration.ZERO)) {
            spool.append(entries("a", 0, 5));
            clocks.advance(2000);
            clocks.stepWall(Duration.ofHours(1).toMillis());
            assertEquals(2000, spool.oldestUnacknowledgedAgeMillis());
            clocks.stepWall(-2 * Duration.ofHours(1).toMillis());
            clocks.advance(1000);
            assertEquals(3000, spool.oldestUnacknowledgedAgeMillis());
        }
    }

    @Test
    void recoveredAgesComeFromTheFileTimeClamped() throws IOException {
        try (Spool spool = open(Duration.ZERO)) {
            spool.append(entries("a", 0, 5));
        }
        Path segment = DIR.resolve(Segment.fileName(0));
        disk.setLastModified(segment, clocks.wall().millis() - 90_000);
        try (Spool spool = open(Duration.ZERO)) {
            assertEquals(90_000, spool.oldestUnacknowledgedAgeMillis(), "from the file's time");
            clocks.stepWall(TWO_HOURS);
            clocks.advance(1000);
            assertEquals(91_000, spool.oldestUnacknowledgedAgeMillis(), "then on the monotonic clock");
        }
        disk.setLastModified(
                segment, clocks.wall().millis() + Duration.ofDays(1).toMillis());
        try (Spool spool = open(Duration.ZERO)) {
            assertEquals(
                    0, spool.oldestUnacknowledgedAgeMillis(), "a file from the future: written before a step back");
        }
        disk.setLastModified(
                segment, clocks.wall().millis() - Duration.ofDays(20_000).toMillis());
        try (Spool spool = open(Duration.ZERO)) {
            assertEquals(
                    SpoolRecovery.MAX_RECOVERED_AGE.toMillis(),
                    spool.oldestUnacknowledgedAgeMillis(),
                    "written under a 1970 clock: capped");
        }
    }
}

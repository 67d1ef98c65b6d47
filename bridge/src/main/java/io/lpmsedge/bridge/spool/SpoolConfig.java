package io.lpmsedge.bridge.spool;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The disk spool ({@code [spool]}).
 *
 * @param dir                where segment and ack files live (the unit's StateDirectory on the Pi)
 * @param maxBytes           bound on segment bytes; past it, {@code fullPolicy} drops
 * @param segmentBytes       a segment is closed and a new one begun past this size
 * @param fsyncInterval      longest time an appended record waits for fsync; records are sent only once fsynced
 * @param ackPersistInterval how often sink positions are written to disk (after a crash, at most this much is
 *                           sent again; duplicates are removed downstream by key)
 * @param fullPolicy         drop-oldest or drop-newest
 * @param deadLetterMaxBytes bound on each sink's dead-letter file, beside (not inside) {@code maxBytes}: the full
 *                           policy drops spooled segments, never parked records; past it a sink keeps refused
 *                           records in the spool (see docs/durability.md)
 */
public record SpoolConfig(
        Path dir,
        long maxBytes,
        long segmentBytes,
        Duration fsyncInterval,
        Duration ackPersistInterval,
        SpoolFullPolicy fullPolicy,
        long deadLetterMaxBytes) {
    /** 8 GB: half of a 16 GB SD card, leaving the OS, logs and updates room. */
    public static final long DEFAULT_MAX_BYTES = 8_000_000_000L;

    public static final long DEFAULT_SEGMENT_BYTES = 16L << 20;
    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_ACK_PERSIST_INTERVAL = Duration.ofSeconds(1);
    /**
     * 64 MiB per sink: about 80 000 parked readings (a JSON line with a base64 value is ~800 bytes), far more
     * than refusals of single bad records should ever make, small beside an 8 GB spool.
     */
    public static final long DEFAULT_DEAD_LETTER_MAX_BYTES = 64L << 20;

    public SpoolConfig {
        if (segmentBytes < 4096 || maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("spool max_bytes must be at least twice segment_bytes (>= 4096)");
        }
        if (deadLetterMaxBytes < 4096) {
            throw new IllegalArgumentException(
                    "spool dead_letter_max_bytes must be at least 4096, was " + deadLetterMaxBytes);
        }
    }

    /** With the default dead-letter bound. */
    public SpoolConfig(
            Path dir,
            long maxBytes,
            long segmentBytes,
            Duration fsyncInterval,
            Duration ackPersistInterval,
            SpoolFullPolicy fullPolicy) {
        this(dir, maxBytes, segmentBytes, fsyncInterval, ackPersistInterval, fullPolicy, DEFAULT_DEAD_LETTER_MAX_BYTES);
    }

    public static SpoolConfig defaults(Path dir) {
        return new SpoolConfig(
                dir,
                DEFAULT_MAX_BYTES,
                DEFAULT_SEGMENT_BYTES,
                DEFAULT_FSYNC_INTERVAL,
                DEFAULT_ACK_PERSIST_INTERVAL,
                SpoolFullPolicy.DROP_OLDEST);
    }
}

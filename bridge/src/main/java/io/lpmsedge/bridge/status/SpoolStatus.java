package io.lpmsedge.bridge.status;

import java.util.List;
import java.util.Map;

/**
 * The disk spool at one moment.
 *
 * @param records          records appended and not yet acknowledged by every sink
 * @param oldestAgeMillis  age of the oldest unacknowledged record, 0 when all are acknowledged
 * @param droppedByKey     readings dropped by the spool-full policy, by sensor
 * @param missingRecords   records found missing at start-up (a segment file lost; see docs/durability.md)
 * @param deadLetters      each sink's dead-letter file
 * @param checking         older segments are still being checked after a restart (their records wait)
 */
public record SpoolStatus(
        long bytes,
        long records,
        int segments,
        long oldestAgeMillis,
        long bytesWritten,
        long syncs,
        long writeErrors,
        long dropped,
        Map<String, Long> droppedByKey,
        long missingRecords,
        List<DeadLetterStatus> deadLetters,
        boolean checking) {
    public SpoolStatus {
        droppedByKey = Map.copyOf(droppedByKey);
        deadLetters = List.copyOf(deadLetters);
    }

    /** Without hole or dead-letter figures. */
    public SpoolStatus(
            long bytes,
            long records,
            int segments,
            long oldestAgeMillis,
            long bytesWritten,
            long syncs,
            long writeErrors,
            long dropped,
            Map<String, Long> droppedByKey) {
        this(
                bytes,
                records,
                segments,
                oldestAgeMillis,
                bytesWritten,
                syncs,
                writeErrors,
                dropped,
                droppedByKey,
                0,
                List.of(),
                false);
    }
}

package io.lpmsedge.bridge.status;

import java.util.Map;

/**
 * The disk spool at one moment.
 *
 * @param records          records appended and not yet acknowledged by every sink
 * @param oldestAgeMillis  age of the oldest unacknowledged record, 0 when all are acknowledged
 * @param droppedByKey     readings dropped by the spool-full policy, by sensor
 */
public record SpoolStatus(long bytes, long records, int segments, long oldestAgeMillis, long bytesWritten,
                          long syncs, long writeErrors, long dropped, Map<String, Long> droppedByKey) {
    public SpoolStatus {
        droppedByKey = Map.copyOf(droppedByKey);
    }
}

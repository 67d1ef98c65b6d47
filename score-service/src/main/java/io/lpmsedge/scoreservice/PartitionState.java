package io.lpmsedge.scoreservice;

import io.lpmsedge.record.Dedupe;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything an instance keeps for one assigned partition: its sensors' lanes and dedupe state (all sensors of
 * a partition live here, since the record key is the sensor), and how far it has got. Dropped on revoke.
 */
final class PartitionState {
    /** Offsets below this were processed by the previous owner; re-read only to rebuild state. -1: none. */
    final long resumeOffset;

    final Dedupe dedupe = new Dedupe();
    private final Map<String, SensorLane> lanes = new HashMap<>();
    private final Function<String, SensorLane> newLane;
    /** Next offset to commit (one past the last processed record), -1 before the first. */
    long processed = -1;

    long committed = -1;
    /** Timestamp of the last processed record, stored with the commit to find the warm-up start. */
    long lastTimestamp = -1;

    PartitionState(long resumeOffset, Function<String, SensorLane> newLane) {
        this.resumeOffset = resumeOffset;
        this.newLane = newLane;
    }

    SensorLane lane(String sensor) {
        return lanes.computeIfAbsent(sensor, newLane);
    }

    boolean warmingUp(long offset) {
        return offset < resumeOffset;
    }

    boolean hasUncommitted() {
        return processed > committed;
    }
}

package io.lpmsedge.protocol.data;

import java.util.Objects;

/**
 * Where a reading came from and where it sits in its sensor's stream, stamped by the bridge.
 *
 * @param bridge     the bridge's configured name
 * @param sensorName the sensor's configured name (the record key downstream)
 * @param bootId     random per bridge start
 * @param seq        per sensor, strictly increasing across reconnects within one boot; with sensorName and
 *                   bootId it is the dedupe key
 * @param linkEpoch  increments on every reconnect of the sensor's link, so windows never span one
 */
public record Lineage(String bridge, String sensorName, String bootId, long seq, long linkEpoch) {
    public Lineage {
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(sensorName, "sensorName");
        Objects.requireNonNull(bootId, "bootId");
    }
}

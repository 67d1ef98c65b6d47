package io.lpmsedge.bridge.status;

import java.util.List;

/**
 * Everything the operations endpoints show, taken at one moment.
 *
 * @param spool null when the bridge runs without delivery (taps only)
 */
public record BridgeStatus(
        String bridge,
        String bootId,
        long timeMillis,
        long uptimeMillis,
        int queueDepth,
        long queueDropped,
        List<SensorStatus> sensors,
        SpoolStatus spool,
        List<SinkStatus> sinks) {
    public BridgeStatus {
        sensors = List.copyOf(sensors);
        sinks = List.copyOf(sinks);
    }
}

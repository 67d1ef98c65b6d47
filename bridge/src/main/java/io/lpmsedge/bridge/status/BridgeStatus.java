package io.lpmsedge.bridge.status;

import java.util.List;

/**
 * Everything the operations endpoints show, taken at one moment.
 *
 * @param spool   null when the bridge runs without delivery (taps only)
 * @param reloads the bridge's config reloads (bridge-wide, not per sensor)
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
        List<SinkStatus> sinks,
        ReloadStatus reloads) {
    public BridgeStatus {
        sensors = List.copyOf(sensors);
        sinks = List.copyOf(sinks);
        reloads = reloads == null ? ReloadStatus.NONE : reloads;
    }

    /** Before any reload. */
    public BridgeStatus(
            String bridge,
            String bootId,
            long timeMillis,
            long uptimeMillis,
            int queueDepth,
            long queueDropped,
            List<SensorStatus> sensors,
            SpoolStatus spool,
            List<SinkStatus> sinks) {
        this(
                bridge,
                bootId,
                timeMillis,
                uptimeMillis,
                queueDepth,
                queueDropped,
                sensors,
                spool,
                sinks,
                ReloadStatus.NONE);
    }
}

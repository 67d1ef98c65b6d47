package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.delivery.DeliveryConfig;
import io.lpmsedge.bridge.link.LinkTimings;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.session.SensorConfig;
import java.util.List;

/**
 * The whole, validated bridge configuration. Everything else receives its own slice of it.
 *
 * @param status {@code [status]}: status events for the fleet page (docs/fleet.md)
 */
public record BridgeConfig(
        String bridgeName,
        List<SensorConfig> sensors,
        LinkTimings link,
        PipelineConfig pipeline,
        DeliveryConfig delivery,
        ScoringConfig scoring,
        HttpConfig http,
        StatusConfig status) {
    public BridgeConfig {
        sensors = List.copyOf(sensors);
    }

    /** A bridge that does not score and serves no HTTP. */
    public BridgeConfig(
            String bridgeName,
            List<SensorConfig> sensors,
            LinkTimings link,
            PipelineConfig pipeline,
            DeliveryConfig delivery) {
        this(
                bridgeName,
                sensors,
                link,
                pipeline,
                delivery,
                ScoringConfig.DISABLED,
                HttpConfig.DEFAULTS,
                StatusConfig.DISABLED);
    }

    /** Without status events (the shape before {@code [status]}). */
    public BridgeConfig(
            String bridgeName,
            List<SensorConfig> sensors,
            LinkTimings link,
            PipelineConfig pipeline,
            DeliveryConfig delivery,
            ScoringConfig scoring,
            HttpConfig http) {
        this(bridgeName, sensors, link, pipeline, delivery, scoring, http, StatusConfig.DISABLED);
    }
}

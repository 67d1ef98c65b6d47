package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.delivery.DeliveryConfig;

import java.util.List;

/** The whole, validated bridge configuration. Everything else receives its own slice of it. */
public record BridgeConfig(String bridgeName, List<SensorConfig> sensors, LinkTimings link, PipelineConfig pipeline,
                           DeliveryConfig delivery, HttpConfig http) {
    public BridgeConfig {
        sensors = List.copyOf(sensors);
    }
}

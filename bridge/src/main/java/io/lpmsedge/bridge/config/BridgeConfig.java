package io.lpmsedge.bridge.config;

import java.util.List;

/** The whole, validated bridge configuration. Everything else receives its own slice of it. */
public record BridgeConfig(String bridgeName, List<SensorConfig> sensors, LinkTimings link, PipelineConfig pipeline,
                           SinkConfig sink) {
    public BridgeConfig {
        sensors = List.copyOf(sensors);
    }
}

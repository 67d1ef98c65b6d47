package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.pipeline.QueueFullPolicy;

/**
 * The hand-off between the sensor readers and the pipeline ({@code [pipeline]}).
 *
 * @param queueCapacity readings held between readers and sinks; when full, {@code queueFull} applies
 */
public record PipelineConfig(int queueCapacity, QueueFullPolicy queueFull) {
    public static final PipelineConfig DEFAULTS = new PipelineConfig(16384, QueueFullPolicy.DROP_OLDEST);
}

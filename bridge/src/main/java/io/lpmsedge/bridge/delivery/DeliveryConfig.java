package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.spool.SpoolConfig;
import java.util.List;

/**
 * Where readings go after the pipeline: the spool, the record format, the topic, and the sinks (one or several:
 * fan-out, each with its own position in the spool).
 */
public record DeliveryConfig(SpoolConfig spool, String format, String readingsTopic, List<SinkSpec> sinks) {
    public DeliveryConfig {
        sinks = List.copyOf(sinks);
    }
}

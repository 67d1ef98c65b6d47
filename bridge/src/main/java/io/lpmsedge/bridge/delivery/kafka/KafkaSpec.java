package io.lpmsedge.bridge.delivery.kafka;

import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.SinkSpec;
import java.time.Duration;
import java.util.Map;

/** {@code type = "kafka"}: the kafka-clients producer; {@code properties} are passed through (security, compression, …). */
public record KafkaSpec(
        String name,
        String bootstrapServers,
        Map<String, String> properties,
        Duration requestTimeout,
        SenderConfig sender)
        implements SinkSpec {
    public KafkaSpec {
        properties = Map.copyOf(properties);
    }

    @Override
    public String describe() {
        return "kafka " + bootstrapServers;
    }

    @Override
    public String toString() {
        // properties may hold sasl.jaas.config with a password: never print their values
        return "Kafka[" + name + " " + bootstrapServers + " properties=" + properties.keySet() + "]";
    }
}

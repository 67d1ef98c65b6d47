package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import java.time.Duration;
import java.util.Map;

/** One configured sink ({@code [[sink]]}): where records go, and how the sender batches and retries for it. */
public sealed interface SinkSpec {
    String name();

    SenderConfig sender();

    /** JSON Lines to a file or standard output. */
    record JsonLines(String name, String path, SenderConfig sender) implements SinkSpec {}

    /** Confluent Kafka REST Proxy v2/v3. */
    record RestProxy(String name, RestProxyConfig rest, SenderConfig sender) implements SinkSpec {}

    /** kafka-clients producer; {@code properties} are passed through (security, compression, …). */
    record Kafka(
            String name,
            String bootstrapServers,
            Map<String, String> properties,
            Duration requestTimeout,
            SenderConfig sender)
            implements SinkSpec {
        public Kafka {
            properties = Map.copyOf(properties);
        }

        @Override
        public String toString() {
            // properties may hold sasl.jaas.config with a password: never print their values
            return "Kafka[" + name + " " + bootstrapServers + " properties=" + properties.keySet() + "]";
        }
    }
}

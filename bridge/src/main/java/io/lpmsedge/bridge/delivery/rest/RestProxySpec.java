package io.lpmsedge.bridge.delivery.rest;

import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.SinkSpec;
import java.util.Locale;

/** {@code type = "rest-proxy"}: Confluent Kafka REST Proxy v2/v3. */
public record RestProxySpec(String name, RestProxyConfig rest, SenderConfig sender) implements SinkSpec {
    @Override
    public String describe() {
        return "rest-proxy " + rest.api().name().toLowerCase(Locale.ROOT) + " " + rest.url()
                + (rest.username() != null ? " (basic auth)" : rest.bearerToken() != null ? " (bearer)" : "");
    }
}

package io.lpmsedge.bridge;

import io.lpmsedge.bridge.delivery.SinkKinds;
import io.lpmsedge.bridge.delivery.file.JsonLinesFileSink;
import io.lpmsedge.bridge.delivery.file.JsonLinesSpec;
import io.lpmsedge.bridge.delivery.kafka.KafkaProducerSink;
import io.lpmsedge.bridge.delivery.kafka.KafkaSpec;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.bridge.delivery.rest.RestProxySpec;

/**
 * The sink kinds this bridge ships, in one place: the only code that names every sink package. The delivery core
 * is handed this registry ({@code Delivery.open(config, BridgeSinks.kinds(), clock)}) and never imports a sink;
 * a new kind is its own package plus one line here (docs/architecture.md#packages).
 */
public final class BridgeSinks {
    private static final SinkKinds KINDS = SinkKinds.none()
            .with(JsonLinesSpec.class, JsonLinesFileSink::open)
            .with(RestProxySpec.class, RestProxySink::open)
            .with(KafkaSpec.class, KafkaProducerSink::open);

    private BridgeSinks() {}

    /** JSON Lines files, Kafka REST Proxy v2/v3 and the Kafka producer. */
    public static SinkKinds kinds() {
        return KINDS;
    }
}

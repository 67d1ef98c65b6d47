package io.lpmsedge.bridge.record;

import io.lpmsedge.protocol.data.Reading;

/** How a reading becomes the value of a Kafka record. One format per bridge: every sink sends the same bytes. */
public interface RecordFormat {
    /** {@code json} or {@code cbor}: the config value and the name in BENCHMARKS.md. */
    String name();

    /** Whether the value is JSON text (sent as embedded JSON where the sink can), or opaque bytes. */
    boolean isJson();

    byte[] encode(Reading reading);
}

package io.lpmsedge.record;

import io.lpmsedge.protocol.data.Reading;

/**
 * How a reading becomes the value of a Kafka record. One format per bridge: every sink sends the same bytes.
 * {@link RecordDecoder} reads every format back.
 */
public interface RecordFormat {
    /** {@code json} or {@code cbor}: the config value and the name in BENCHMARKS.md. */
    String name();

    /** Whether the value is JSON text (sent as embedded JSON where the sink can), or opaque bytes. */
    boolean isJson();

    byte[] encode(Reading reading);

    /** The format of {@code [record] format}; the message names the accepted values. */
    static RecordFormat byName(String name) {
        return switch (name) {
            case "json" -> new JsonRecordFormat();
            case "cbor" -> new CborRecordFormat();
            default ->
                throw new IllegalArgumentException("is '" + name + "'; use \"json\" (schema 1, readable) or "
                        + "\"cbor\" (schema 1 in CBOR, compact)");
        };
    }
}

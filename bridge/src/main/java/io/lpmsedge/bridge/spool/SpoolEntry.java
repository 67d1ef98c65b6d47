package io.lpmsedge.bridge.spool;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One record as it will be sent: topic, key (the sensor name: the same bytes on every sink, so a sensor lands
 * on one partition whichever path wrote it) and the encoded value.
 */
public record SpoolEntry(String topic, String key, byte[] value) {
    public SpoolEntry {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public byte[] keyBytes() {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}

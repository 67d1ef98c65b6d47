package io.lpmsedge.scorer.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;

/**
 * One reading object of the bridge's JSON (docs/delivery.md#record-format) or of {@code lpms-edge decode}
 * into a reused {@link Sample}. Shared by the JSON Lines reader and the score-service, so a reading file and a
 * readings topic decode alike.
 */
public final class ReadingJsonDecoder {
    private static final Output[] OUTPUTS = Output.values();

    /**
     * Fills {@code sample} (header and data keys) from {@code n}.
     *
     * @return false when {@code n} is not a reading (no {@code ticks}: e.g. a decode reply line)
     * @throws IllegalArgumentException naming the key whose value has the wrong shape
     */
    public boolean decode(JsonNode n, Sample sample) {
        if (!n.isObject() || !n.has("ticks")) {
            return false;
        }
        sample.clear();
        for (Output o : OUTPUTS) {
            JsonNode v = n.get(o.key());
            if (v == null || v.isNull()) {
                continue;
            }
            if (o.components() == 1 && v.isNumber()) {
                sample.set(o, 0, v.doubleValue());
            } else if (v.isArray() && v.size() == o.components()) {
                for (int i = 0; i < o.components(); i++) {
                    sample.set(o, i, v.get(i).asDouble(Double.NaN));
                }
            } else {
                throw new IllegalArgumentException("'" + o.key() + "' should be "
                        + (o.components() == 1 ? "a number" : "an array of " + o.components() + " numbers"));
            }
        }
        double t = n.has("t") ? n.get("t").asDouble() : Double.NaN;
        sample.header(
                n.path("sensorId").asInt(0),
                n.get("ticks").asLong(),
                t,
                n.path("recvNs").asLong(0));
        return true;
    }

    /** The record's sensor key: the bridge's {@code sensor} name, else the LP-BUS id. */
    public static String sensor(JsonNode n) {
        return n.has("sensor")
                ? n.get("sensor").asText()
                : Integer.toString(n.path("sensorId").asInt(0));
    }

    /** Lineage only when the record carries the dedupe key ({@code bootId}, {@code seq}); decode output has none. */
    public static Lineage lineage(JsonNode n, String sensor) {
        if (!n.has("seq") || !n.has("bootId")) {
            return null;
        }
        return new Lineage(
                n.path("bridge").asText(""),
                sensor,
                n.get("bootId").asText(),
                n.get("seq").asLong(),
                n.path("linkEpoch").asLong(0));
    }
}

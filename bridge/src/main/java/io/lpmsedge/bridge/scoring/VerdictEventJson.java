package io.lpmsedge.bridge.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A {@link VerdictEvent} as the JSON value of its record (schema 1, docs/scoring.md#verdict-events). */
public final class VerdictEventJson {
    private final JsonFactory factory = new JsonFactory();

    public byte[] encode(VerdictEvent e) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(384); JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("schema", VerdictEvent.SCHEMA);
            json.writeStringField("type", e.type());
            json.writeStringField("sensor", e.sensor());
            json.writeStringField("bridge", e.bridge());
            json.writeStringField("bootId", e.bootId());
            json.writeNumberField("linkEpoch", e.linkEpoch());
            json.writeNumberField("window", e.window());
            json.writeNumberField("firstSeq", e.firstSeq());
            json.writeNumberField("lastSeq", e.lastSeq());
            number(json, "startTime", e.startTime());
            number(json, "endTime", e.endTime());
            json.writeNumberField("recvNs", e.recvNs());
            number(json, "rms", e.rms());
            number(json, "threshold", e.threshold());
            json.writeBooleanField("exceeds", e.exceeds());
            json.writeStringField("verdict", e.verdict().name());
            json.writeStringField("previousVerdict", e.previous().name());
            json.writeStringField("model", e.model());
            json.writeEndObject();
            json.flush();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // in-memory: cannot happen
        }
    }

    /** JSON has no NaN: an unknown time (or a model that scored NaN) is null. */
    private static void number(JsonGenerator json, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            json.writeNumberField(name, v);
        } else {
            json.writeNullField(name);
        }
    }
}

package io.lpmsedge.record.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.lpmsedge.record.JsonObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one definition of the status event's JSON (docs/fleet.md "Status events"): {@link #encode} is what a bridge
 * writes, {@link #decode} what the fleet reads. Always JSON, whatever {@code [record] format} the readings use: a
 * status event is small and rare (one per bridge every few seconds), and JSON is what a person reading the topic
 * with a console consumer can check by eye.
 *
 * <p>Reading is lenient where a later minor change could add something (unknown keys are skipped) and strict
 * where meaning would be lost (another {@code schema}, a missing name or boot id). Thread-safe.
 */
public final class StatusEventJson {
    private final JsonFactory factory = new JsonFactory();
    private final JsonObjectReader<StatusFormatException> reader = new JsonObjectReader<>(
            "a status event",
            m -> new StatusFormatException(StatusFormatException.Kind.NOT_JSON, m),
            m -> new StatusFormatException(StatusFormatException.Kind.INVALID, m));

    public byte[] encode(StatusEvent e) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512);
                JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("schema", StatusEvent.SCHEMA);
            json.writeStringField("type", StatusEvent.TYPE);
            json.writeStringField("bridge", e.bridge());
            json.writeStringField("bootId", e.bootId());
            json.writeStringField("version", e.version());
            json.writeNumberField("seq", e.seq());
            json.writeNumberField("time", e.timeMillis());
            json.writeNumberField("uptimeMs", e.uptimeMillis());
            json.writeNumberField("intervalMs", e.intervalMillis());
            json.writeStringField("reason", e.reason());
            json.writeArrayFieldStart("sensors");
            for (StatusEvent.Sensor s : e.sensors()) {
                json.writeStartObject();
                json.writeStringField("name", s.name());
                json.writeStringField("state", s.state());
                json.writeNumberField("rate", Double.isFinite(s.rate()) ? Math.round(s.rate() * 10) / 10.0 : 0);
                json.writeNumberField("lastReadingAgeMs", s.lastReadingAgeMillis());
                json.writeNumberField("readings", s.readings());
                json.writeNumberField("badFrames", s.badFrames());
                if (s.verdict() != null) {
                    json.writeStringField("verdict", s.verdict());
                    json.writeStringField("model", s.model() == null ? "" : s.model());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            if (e.spool() != null) {
                StatusEvent.Spool sp = e.spool();
                json.writeObjectFieldStart("spool");
                json.writeNumberField("bytes", sp.bytes());
                json.writeNumberField("maxBytes", sp.maxBytes());
                json.writeNumberField("records", sp.records());
                json.writeNumberField("oldestAgeMs", sp.oldestAgeMillis());
                json.writeEndObject();
            }
            json.writeArrayFieldStart("sinks");
            for (StatusEvent.Sink s : e.sinks()) {
                json.writeStartObject();
                json.writeStringField("name", s.name());
                json.writeNumberField("pending", s.pending());
                json.writeNumberField("lastSuccessAgeMs", s.lastSuccessAgeMillis());
                if (s.lastError() != null) {
                    json.writeStringField("lastError", s.lastError());
                }
                json.writeNumberField("errors", s.errors());
                if (s.problem() != null) {
                    json.writeStringField("problem", s.problem());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // in-memory: cannot happen
        }
    }

    /**
     * Reads a status event.
     *
     * @throws StatusFormatException naming what is wrong: not a JSON object, another schema, a missing or
     *                               mistyped field
     */
    public StatusEvent decode(byte[] value) throws StatusFormatException {
        Map<String, Object> root = reader.read(value);
        JsonObjectReader<StatusFormatException>.Fields f = reader.fields(root, "");
        Object schema = root.get("schema");
        if (!(schema instanceof Number n) || n.doubleValue() != StatusEvent.SCHEMA) {
            throw new StatusFormatException(
                    StatusFormatException.Kind.UNKNOWN_SCHEMA,
                    "schema " + schema + " is not a status schema this reader knows (" + StatusEvent.SCHEMA
                            + "); upgrade lpms-edge fleet");
        }
        if (!StatusEvent.TYPE.equals(root.get("type"))) {
            throw new StatusFormatException(
                    StatusFormatException.Kind.INVALID,
                    "type is " + root.get("type") + ", not \"status\" (another kind of record on the status topic?)");
        }
        List<StatusEvent.Sensor> sensors = new ArrayList<>();
        for (JsonObjectReader<StatusFormatException>.Fields s : f.objects("sensors")) {
            sensors.add(new StatusEvent.Sensor(
                    s.string("name"),
                    s.string("state"),
                    s.number("rate"),
                    s.integer("lastReadingAgeMs"),
                    s.integer("readings"),
                    s.integer("badFrames"),
                    s.optionalString("verdict"),
                    s.optionalString("model")));
        }
        StatusEvent.Spool spool = null;
        if (f.has("spool")) {
            JsonObjectReader<StatusFormatException>.Fields sp = f.object("spool");
            spool = new StatusEvent.Spool(
                    sp.integer("bytes"), sp.integer("maxBytes"), sp.integer("records"), sp.integer("oldestAgeMs"));
        }
        List<StatusEvent.Sink> sinks = new ArrayList<>();
        for (JsonObjectReader<StatusFormatException>.Fields s : f.objects("sinks")) {
            sinks.add(new StatusEvent.Sink(
                    s.string("name"),
                    s.integer("pending"),
                    s.integer("lastSuccessAgeMs"),
                    s.optionalString("lastError"),
                    s.integer("errors"),
                    s.optionalString("problem")));
        }
        String bridge = f.string("bridge");
        if (bridge.isBlank()) {
            throw new StatusFormatException(StatusFormatException.Kind.INVALID, "bridge is empty");
        }
        long interval = f.integer("intervalMs");
        if (interval <= 0) {
            throw new StatusFormatException(
                    StatusFormatException.Kind.INVALID, "intervalMs is " + interval + ", must be positive");
        }
        return new StatusEvent(
                bridge,
                f.string("bootId"),
                f.string("version"),
                f.integer("seq"),
                f.integer("time"),
                f.integer("uptimeMs"),
                interval,
                f.string("reason"),
                sensors,
                spool,
                sinks);
    }
}

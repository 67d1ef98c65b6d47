package io.lpmsedge.record.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private static final int MAX_DEPTH = 8;
    private final JsonFactory factory = new JsonFactory();

    public byte[] encode(StatusEvent e) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512); JsonGenerator json = factory.createGenerator(out)) {
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
        if (value == null || value.length == 0) {
            throw new StatusFormatException(StatusFormatException.Kind.NOT_JSON,
                    "empty value (a tombstone?) where a status event was expected");
        }
        Map<String, Object> root;
        try (JsonParser p = factory.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new StatusFormatException(StatusFormatException.Kind.NOT_JSON,
                        "not a JSON object: starts with " + preview(value));
            }
            root = object(p, 0);
            if (p.nextToken() != null) {
                throw new StatusFormatException(StatusFormatException.Kind.NOT_JSON,
                        "text after the JSON object: " + preview(value));
            }
        } catch (JsonProcessingException e) {
            throw new StatusFormatException(StatusFormatException.Kind.NOT_JSON,
                    "not JSON (" + e.getOriginalMessage() + "): " + preview(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array: cannot happen
        }
        Fields f = new Fields(root, "");
        Object schema = root.get("schema");
        if (!(schema instanceof Number n) || n.doubleValue() != StatusEvent.SCHEMA) {
            throw new StatusFormatException(StatusFormatException.Kind.UNKNOWN_SCHEMA, "schema " + schema
                    + " is not a status schema this reader knows (" + StatusEvent.SCHEMA + "); upgrade lpms-edge fleet");
        }
        if (!StatusEvent.TYPE.equals(root.get("type"))) {
            throw new StatusFormatException(StatusFormatException.Kind.INVALID, "type is " + root.get("type")
                    + ", not \"status\" (another kind of record on the status topic?)");
        }
        List<StatusEvent.Sensor> sensors = new ArrayList<>();
        for (Fields s : f.objects("sensors")) {
            sensors.add(new StatusEvent.Sensor(s.string("name"), s.string("state"), s.number("rate"),
                    s.integer("lastReadingAgeMs"), s.integer("readings"), s.integer("badFrames"),
                    s.optionalString("verdict"), s.optionalString("model")));
        }
        StatusEvent.Spool spool = null;
        if (root.get("spool") != null) {
            Fields sp = f.object("spool");
            spool = new StatusEvent.Spool(sp.integer("bytes"), sp.integer("maxBytes"), sp.integer("records"),
                    sp.integer("oldestAgeMs"));
        }
        List<StatusEvent.Sink> sinks = new ArrayList<>();
        for (Fields s : f.objects("sinks")) {
            sinks.add(new StatusEvent.Sink(s.string("name"), s.integer("pending"), s.integer("lastSuccessAgeMs"),
                    s.optionalString("lastError"), s.integer("errors"), s.optionalString("problem")));
        }
        String bridge = f.string("bridge");
        if (bridge.isBlank()) {
            throw new StatusFormatException(StatusFormatException.Kind.INVALID, "bridge is empty");
        }
        long interval = f.integer("intervalMs");
        if (interval <= 0) {
            throw new StatusFormatException(StatusFormatException.Kind.INVALID, "intervalMs is " + interval
                    + ", must be positive");
        }
        return new StatusEvent(bridge, f.string("bootId"), f.string("version"), f.integer("seq"), f.integer("time"),
                f.integer("uptimeMs"), interval, f.string("reason"), sensors, spool, sinks);
    }

    private static String preview(byte[] value) {
        String s = new String(value, 0, Math.min(value.length, 40), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", "?");
        return "'" + s + (value.length > 40 ? "…'" : "'") + " (" + value.length + " bytes)";
    }

    // A small tree of the value (maps, lists, strings, numbers, booleans, null): status events are a few hundred
    // bytes every few seconds, so clarity wins over a field-by-field streaming reader.
    private static Map<String, Object> object(JsonParser p, int depth) throws IOException, StatusFormatException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, value(p, depth + 1));
        }
        return out;
    }

    private static Object value(JsonParser p, int depth) throws IOException, StatusFormatException {
        if (depth > MAX_DEPTH) {
            throw new StatusFormatException(StatusFormatException.Kind.INVALID, "nested deeper than " + MAX_DEPTH);
        }
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p, depth);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, depth + 1));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Typed access to one object's fields; every failure names the field's path. */
    private record Fields(Map<String, Object> map, String path) {
        String string(String key) throws StatusFormatException {
            Object v = map.get(key);
            if (!(v instanceof String s)) {
                throw missing(key, v, "a string");
            }
            return s;
        }

        String optionalString(String key) throws StatusFormatException {
            return map.get(key) == null ? null : string(key);
        }

        long integer(String key) throws StatusFormatException {
            Object v = map.get(key);
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw missing(key, v, "a whole number");
            }
            return n.longValue();
        }

        double number(String key) throws StatusFormatException {
            Object v = map.get(key);
            if (!(v instanceof Number n)) {
                throw missing(key, v, "a number");
            }
            return n.doubleValue();
        }

        @SuppressWarnings("unchecked")
        Fields object(String key) throws StatusFormatException {
            Object v = map.get(key);
            if (!(v instanceof Map<?, ?> m)) {
                throw missing(key, v, "an object");
            }
            return new Fields((Map<String, Object>) m, path + key + ".");
        }

        @SuppressWarnings("unchecked")
        List<Fields> objects(String key) throws StatusFormatException {
            Object v = map.get(key);
            if (!(v instanceof List<?> list)) {
                throw missing(key, v, "an array");
            }
            List<Fields> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw new StatusFormatException(StatusFormatException.Kind.INVALID,
                            path + key + "[" + i + "] is not an object");
                }
                out.add(new Fields((Map<String, Object>) m, path + key + "[" + i + "]."));
            }
            return out;
        }

        private StatusFormatException missing(String key, Object found, String expected) {
            return new StatusFormatException(StatusFormatException.Kind.INVALID, path + key + " is "
                    + (found == null ? "missing" : "'" + found + "'") + ", expected " + expected);
        }
    }
}

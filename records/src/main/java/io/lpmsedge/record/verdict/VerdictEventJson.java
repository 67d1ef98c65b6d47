package io.lpmsedge.record.verdict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.lpmsedge.record.JsonObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one definition of the verdict event's JSON (docs/scoring.md "Verdict events"): {@link #encode} is what the
 * bridge and the score-service write, {@link #decode} what the fleet reads. Always JSON, whatever format the
 * readings use: verdict events are rare and a person checks them with a console consumer.
 *
 * <p>{@link #decode} reads schema 2 and both schema-1 layouts that came before it (the bridge's, with
 * {@code window} and {@code recvNs}; the score-service's, with {@code source}, {@code rows} and {@code changed}
 * and {@code type} always {@code verdict}), so a fleet upgraded first still reads producers not yet upgraded.
 * Lenient where a later minor change could add something (unknown keys are skipped), strict where meaning would
 * be lost. Thread-safe.
 */
public final class VerdictEventJson {
    private final JsonFactory factory = new JsonFactory();
    private final JsonObjectReader<VerdictFormatException> reader = new JsonObjectReader<>(
            "a verdict event",
            m -> new VerdictFormatException(VerdictFormatException.Kind.NOT_JSON, m),
            m -> new VerdictFormatException(VerdictFormatException.Kind.INVALID, m));

    public byte[] encode(VerdictEvent e) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(400);
                JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("schema", VerdictEvent.SCHEMA);
            json.writeStringField("type", e.type());
            json.writeStringField("source", e.source());
            json.writeStringField("sensor", e.sensor());
            json.writeStringField("bridge", e.bridge());
            json.writeStringField("bootId", e.bootId());
            json.writeNumberField("linkEpoch", e.linkEpoch());
            if (e.hasWindow()) {
                json.writeNumberField("window", e.window());
            }
            json.writeNumberField("firstSeq", e.firstSeq());
            json.writeNumberField("lastSeq", e.lastSeq());
            json.writeNumberField("rows", e.rows());
            number(json, "startTime", e.startTime());
            number(json, "endTime", e.endTime());
            if (e.recvNs() != 0) {
                json.writeNumberField("recvNs", e.recvNs());
            } else {
                json.writeNullField("recvNs");
            }
            number(json, "rms", e.rms());
            number(json, "threshold", e.threshold());
            json.writeBooleanField("exceeds", e.exceeds());
            json.writeStringField("verdict", e.verdict());
            json.writeStringField("previousVerdict", e.previousVerdict());
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

    /**
     * Reads a verdict event of schema 1 or 2.
     *
     * @throws VerdictFormatException naming what is wrong: not a JSON object, another schema, a missing, mistyped
     *                                or contradictory field
     */
    public VerdictEvent decode(byte[] value) throws VerdictFormatException {
        Map<String, Object> root = reader.read(value);
        JsonObjectReader<VerdictFormatException>.Fields f = reader.fields(root, "");
        Object schema = root.get("schema");
        int version = schema instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.intValue() : -1;
        if (version != 1 && version != VerdictEvent.SCHEMA) {
            throw new VerdictFormatException(
                    VerdictFormatException.Kind.UNKNOWN_SCHEMA,
                    "schema " + schema
                            + " is not a verdict schema this reader knows (1, " + VerdictEvent.SCHEMA
                            + "); upgrade lpms-edge fleet");
        }
        String type = f.string("type");
        if (!type.equals(VerdictEvent.TYPE_VERDICT) && !type.equals(VerdictEvent.TYPE_WINDOW)) {
            throw f.invalid("type is '" + type + "', expected \"verdict\" or \"window\"");
        }
        // Schema 1 of the bridge had no source: it was the only producer without one.
        String source = version == 1 && !f.has("source") ? VerdictEvent.SOURCE_BRIDGE : name(f, "source");
        long firstSeq = f.integer("firstSeq");
        long lastSeq = f.integer("lastSeq");
        if (f.has("rows") && f.integer("rows") != lastSeq - firstSeq + 1) {
            throw f.invalid("rows is " + f.integer("rows") + " but firstSeq " + firstSeq + " .. lastSeq " + lastSeq
                    + " is " + (lastSeq - firstSeq + 1) + " readings");
        }
        VerdictEvent e;
        try {
            e = new VerdictEvent(
                    source,
                    name(f, "sensor"),
                    name(f, "bridge"),
                    name(f, "bootId"),
                    f.integer("linkEpoch"),
                    f.has("window") ? f.integer("window") : VerdictEvent.NO_WINDOW,
                    firstSeq,
                    lastSeq,
                    orNaN(f, "startTime"),
                    orNaN(f, "endTime"),
                    f.has("recvNs") ? f.integer("recvNs") : 0,
                    orNaN(f, "rms"),
                    f.number("threshold"),
                    f.bool("exceeds"),
                    f.string("verdict"),
                    f.string("previousVerdict"),
                    f.string("model"));
        } catch (IllegalArgumentException ex) {
            throw f.invalid(ex.getMessage());
        }
        // Schema 1 of the score-service said "verdict" for every window (its "changed" told them apart); schema 2's
        // type is exactly whether the verdict changed.
        if (version == VerdictEvent.SCHEMA && !type.equals(e.type())) {
            throw f.invalid("type is '" + type + "' but verdict " + e.verdict() + " after previousVerdict "
                    + e.previousVerdict() + " makes it '" + e.type() + "'");
        }
        return e;
    }

    /** A name (sensor, bridge, boot id, source): a string that is not empty. */
    private static String name(JsonObjectReader<VerdictFormatException>.Fields f, String key)
            throws VerdictFormatException {
        String s = f.string(key);
        if (s.isEmpty()) {
            throw f.wrong(key, "a non-empty string");
        }
        return s;
    }

    /** A number, or NaN where the writer had none (null, or a key it leaves out). */
    private static double orNaN(JsonObjectReader<VerdictFormatException>.Fields f, String key)
            throws VerdictFormatException {
        return f.has(key) ? f.number(key) : Double.NaN;
    }
}

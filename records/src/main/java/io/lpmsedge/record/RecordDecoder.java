package io.lpmsedge.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import java.io.IOException;

/**
 * Reads a record value back, whichever format wrote it: the format is told by the first byte ({@code {} = JSON
 * schema 1; {@code 0xD9} = CBOR, which starts with the self-describe tag 55799), so a consumer needs no header or
 * configuration. Both go through the same Jackson streaming parser, so the two formats cannot drift apart.
 * Unknown keys are skipped (a later schema may add some); a schema other than 1 is refused with a message saying
 * so. Thread-safe (the factories are; each call has its own parser).
 *
 * <p>Two ways out: {@link #decode(byte[])} builds an immutable {@link Reading}; {@link #decode(byte[], Sample)}
 * fills a caller's reused {@link Sample} and allocates only the parser and the lineage, for consumers that read
 * thousands of records a second (the score-service).
 */
public final class RecordDecoder {
    private static final Output[] OUTPUTS = Output.values();
    private static final int SUPPORTED_SCHEMA = 1;
    private static final int NO_SCHEMA = Integer.MIN_VALUE;

    /**
     * Jackson's fast double parser (FastDoubleParser, bundled in jackson-core; correctly rounded like
     * {@code Double.parseDouble}): the JDK's parser was the score-service's largest CPU cost, ~28 % of its samples
     * on 17-digit values (BENCHMARKS.md, score-service scale-out).
     */
    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final CBORFactory cbor = new CBORFactory();

    /** {@code "json"} or {@code "cbor"}: the format of a record value, from its first byte. */
    public static String formatOf(byte[] value) {
        if (value.length > 0 && (value[0] & 0xFF) == 0xD9) {
            return "cbor";
        }
        if (value.length > 0 && (value[0] == '{' || Character.isWhitespace(value[0]))) {
            return "json";
        }
        throw new IllegalArgumentException("not an lpms-edge record value: starts with byte 0x"
                + (value.length == 0 ? "(empty)" : Integer.toHexString(value[0] & 0xFF))
                + "; expected '{' (JSON) or 0xD9 (CBOR self-describe tag)");
    }

    /**
     * The reading, with its lineage when the value carries the dedupe key ({@code sensor}, {@code bootId},
     * {@code seq}).
     *
     * @throws IllegalArgumentException the bytes are not a schema-1 reading (the message names what is wrong)
     */
    public Reading decode(byte[] value) {
        Sample sample = new Sample();
        Lineage lineage = decode(value, sample);
        return sample.toReading().withLineage(lineage);
    }

    /**
     * Fills {@code sample} (cleared first: outputs and header) from the value, without building a {@link Reading}.
     * A value without {@code t} gets sensor time NaN; without {@code sensorId} or {@code recvNs}, 0.
     *
     * @return the lineage, or null when the value lacks one of {@code sensor}, {@code bootId}, {@code seq} (a
     *     missing {@code bridge} reads as "" and {@code linkEpoch} as 0)
     * @throws IllegalArgumentException the bytes are not a schema-1 reading (the message names what is wrong);
     *     {@code sample} is then in an unspecified state
     */
    public Lineage decode(byte[] value, Sample sample) {
        boolean isCbor = formatOf(value).equals("cbor");
        try (JsonParser p = isCbor ? cbor.createParser(value) : json.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("record value is not an object");
            }
            return readObject(p, isCbor, sample);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "unreadable " + (isCbor ? "CBOR" : "JSON") + " record value: " + e.getMessage(), e);
        }
    }

    /**
     * Header keys are read leniently (the {@code getValueAs…} accessors: a wrong type reads as the default) so a
     * stray type in one key costs that key, not the record; data keys must have the right shape.
     */
    private static Lineage readObject(JsonParser p, boolean isCbor, Sample sample) throws IOException {
        int schema = NO_SCHEMA;
        String sensor = null;
        String bridge = "";
        String bootId = null;
        long seq = 0;
        boolean hasSeq = false;
        long linkEpoch = 0;
        int sensorId = 0;
        long ticks = 0;
        boolean hasTicks = false;
        double t = Double.NaN;
        long recvNs = 0;
        sample.clear();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "schema" -> schema = checkSchema(p, v);
                case "sensor" -> sensor = p.getValueAsString();
                case "bridge" -> bridge = p.getValueAsString("");
                case "bootId" -> bootId = p.getValueAsString();
                case "seq" -> {
                    seq = p.getValueAsLong(0);
                    hasSeq = v != JsonToken.VALUE_NULL;
                }
                case "linkEpoch" -> linkEpoch = p.getValueAsLong(0);
                case "sensorId" -> sensorId = p.getValueAsInt(0);
                case "ticks" -> {
                    ticks = p.getValueAsLong(0);
                    hasTicks = v != JsonToken.VALUE_NULL;
                }
                case "t" -> t = p.getValueAsDouble(0);
                case "recvNs" -> recvNs = p.getValueAsLong(0);
                default -> {
                    Output o = output(key);
                    if (o != null && v != JsonToken.VALUE_NULL) {
                        readOutput(p, v, o, isCbor, sample);
                    }
                }
            }
            p.skipChildren(); // a structure where a header key or a later schema's key stood: skip it whole
        }
        if (schema == NO_SCHEMA) {
            throw new IllegalArgumentException("record value has no \"schema\" key");
        }
        if (!hasTicks) {
            throw new IllegalArgumentException("record value has no \"ticks\" key: not a reading");
        }
        sample.header(sensorId, ticks, t, recvNs);
        return sensor == null || bootId == null || !hasSeq ? null : new Lineage(bridge, sensor, bootId, seq, linkEpoch);
    }

    /** Refuses another schema at once: the bridge writes it first, and a later schema's data may not parse. */
    private static int checkSchema(JsonParser p, JsonToken v) throws IOException {
        if (!v.isNumeric()) {
            throw new IllegalArgumentException("record \"schema\" should be a number, is " + p.getText());
        }
        int schema = p.getValueAsInt(NO_SCHEMA);
        if (schema != SUPPORTED_SCHEMA) {
            throw new IllegalArgumentException("record schema " + p.getText() + " is not supported by this reader "
                    + "(it reads schema 1); upgrade the consumer");
        }
        return schema;
    }

    /**
     * A number, an array of numbers, or (CBOR only) the decimal-scaled {@code [-k, m1, m2, …]}: JSON arrays of
     * integers are plain values, so a hand-written {@code [0, 1, 2]} is not mistaken for a scaled one.
     */
    private static void readOutput(JsonParser p, JsonToken v, Output o, boolean isCbor, Sample sample)
            throws IOException {
        if (v != JsonToken.START_ARRAY) {
            if (o.components() != 1 || !v.isNumeric()) {
                throw shapeError(o);
            }
            sample.set(o, 0, p.getDoubleValue());
            return;
        }
        JsonToken first = p.nextToken();
        double scale = 1;
        int i = 0;
        JsonToken t = first;
        if (isCbor && first == JsonToken.VALUE_NUMBER_INT) {
            int k = -p.getIntValue();
            if (k < 0 || k > CborRecordFormat.MAX_SCALE_DIGITS) {
                throw new IllegalArgumentException(o.key() + ": decimal exponent " + (-k) + " out of range");
            }
            scale = CborRecordFormat.POW10[k];
            t = p.nextToken();
        }
        for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (i >= o.components()) {
                throw shapeError(o);
            }
            // A non-number component reads as JsonNode.asDouble(NaN) would: null NaN, text its number or NaN.
            double c = t.isNumeric()
                    ? p.getDoubleValue()
                    : t == JsonToken.VALUE_NULL ? Double.NaN : p.getValueAsDouble(Double.NaN);
            p.skipChildren();
            sample.set(o, i++, c / scale);
        }
        if (i != o.components()) {
            throw shapeError(o);
        }
    }

    private static IllegalArgumentException shapeError(Output o) {
        return new IllegalArgumentException("'" + o.key() + "' should be "
                + (o.components() == 1 ? "a number" : "an array of " + o.components() + " numbers"));
    }

    private static Output output(String key) {
        for (Output o : OUTPUTS) {
            if (o.key().equals(key)) {
                return o;
            }
        }
        return null;
    }
}

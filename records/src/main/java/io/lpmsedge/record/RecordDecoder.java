package io.lpmsedge.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.SampleValues;

import java.io.IOException;

/**
 * Reads a record value back into a {@link Reading}, whichever format wrote it: the format is told by the first
 * byte ({@code {} = JSON schema 1; {@code 0xD9} = CBOR, which starts with the self-describe tag 55799), so a
 * consumer needs no header or configuration. Both go through the same Jackson streaming parser, so the two
 * formats cannot drift apart. Unknown keys are skipped (a later schema may add some); a schema newer than 1 is
 * refused with a message saying so. Thread-safe (the factories are).
 */
public final class RecordDecoder {
    private static final Output[] OUTPUTS = Output.values();
    private static final int SUPPORTED_SCHEMA = 1;

    private final JsonFactory json = new JsonFactory();
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
     * @throws IllegalArgumentException the bytes are not a schema-1 reading (the message names what is wrong)
     */
    public Reading decode(byte[] value) {
        boolean isCbor = formatOf(value).equals("cbor");
        try (JsonParser p = isCbor ? cbor.createParser(value) : json.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("record value is not an object");
            }
            return readObject(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + (isCbor ? "CBOR" : "JSON") + " record value: "
                    + e.getMessage(), e);
        }
    }

    private static Reading readObject(JsonParser p) throws IOException {
        int schema = -1;
        String sensor = null;
        String bridge = null;
        String bootId = null;
        long seq = 0;
        long linkEpoch = 0;
        int sensorId = 0;
        long ticks = 0;
        double t = 0;
        long recvNs = 0;
        SampleValues.Builder values = SampleValues.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "schema" -> schema = p.getIntValue();
                case "sensor" -> sensor = p.getText();
                case "bridge" -> bridge = p.getText();
                case "bootId" -> bootId = p.getText();
                case "seq" -> seq = p.getLongValue();
                case "linkEpoch" -> linkEpoch = p.getLongValue();
                case "sensorId" -> sensorId = p.getIntValue();
                case "ticks" -> ticks = p.getLongValue();
                case "t" -> t = p.getDoubleValue();
                case "recvNs" -> recvNs = p.getLongValue();
                default -> {
                    Output o = output(key);
                    if (o == null) {
                        p.skipChildren(); // a key from a later minor addition: ignore
                    } else {
                        values.set(o, components(p, v, o));
                    }
                }
            }
        }
        if (schema != SUPPORTED_SCHEMA) {
            throw new IllegalArgumentException(schema < 0 ? "record value has no \"schema\" key"
                    : "record schema " + schema + " is not supported by this reader (it reads schema 1); "
                    + "upgrade the consumer");
        }
        Lineage lineage = sensor == null || bridge == null || bootId == null ? null
                : new Lineage(bridge, sensor, bootId, seq, linkEpoch);
        return new Reading(sensorId, ticks, t, recvNs, values.build(), lineage);
    }

    /** A number, an array of numbers, or (CBOR) the decimal-scaled {@code [-k, m1, m2, …]}. */
    private static double[] components(JsonParser p, JsonToken v, Output o) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            return new double[]{p.getDoubleValue()};
        }
        double[] out = new double[o.components()];
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NUMBER_INT) {
            int k = -p.getIntValue();
            if (k < 0 || k > CborRecordFormat.MAX_SCALE_DIGITS) {
                throw new IllegalArgumentException(o.key() + ": decimal exponent " + (-k) + " out of range");
            }
            double scale = CborRecordFormat.POW10[k];
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out[check(i, o)] = p.getIntValue() / scale;
                i++;
            }
            return checkCount(out, i, o);
        }
        int i = 0;
        for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out[check(i, o)] = p.getDoubleValue();
            i++;
        }
        return checkCount(out, i, o);
    }

    private static int check(int i, Output o) {
        if (i >= o.components()) {
            throw new IllegalArgumentException(o.key() + " has more than " + o.components() + " components");
        }
        return i;
    }

    private static double[] checkCount(double[] out, int n, Output o) {
        if (n != o.components()) {
            throw new IllegalArgumentException(o.key() + " has " + n + " components, expected " + o.components());
        }
        return out;
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

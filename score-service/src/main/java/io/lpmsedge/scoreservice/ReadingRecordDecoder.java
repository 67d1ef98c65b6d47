package io.lpmsedge.scoreservice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.scorer.input.ReadingJsonDecoder;

import java.util.Locale;

/**
 * A readings record's value → a reused {@link Sample} plus lineage. Reads the bridge's record schema 1 JSON only
 * (README "Record format"); anything else (another schema, a binary encoding such as CBOR, a tombstone, a
 * record without the dedupe key) is an {@link UnknownFormatException} saying what it looked like.
 */
final class ReadingRecordDecoder {
    static final int SCHEMA = 1;

    /** The decoded record's identity; the values are in the sample passed to {@link #decode}. */
    record Decoded(String sensor, Lineage lineage) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final ReadingJsonDecoder readings = new ReadingJsonDecoder();

    Decoded decode(byte[] value, Sample sample) throws UnknownFormatException {
        if (value == null) {
            throw new UnknownFormatException("a null value (tombstone), not a reading");
        }
        int first = firstNonSpace(value);
        if (first < 0) {
            throw new UnknownFormatException("an empty value, not a reading");
        }
        if (value[first] != '{') {
            int b = value[first] & 0xFF;
            boolean cbor = (b >= 0xA0 && b <= 0xBF) || b == 0xD9;
            throw new UnknownFormatException(String.format(Locale.ROOT, "not JSON (first byte 0x%02X%s); this "
                    + "service reads record schema 1 JSON (the bridge's [record] format = \"json\")", b,
                    cbor ? ", looks like CBOR" : ""));
        }
        JsonNode n;
        try {
            n = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new UnknownFormatException("invalid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new UnknownFormatException("unreadable value: " + e.getMessage());
        }
        JsonNode schema = n.get("schema");
        if (schema == null || !schema.canConvertToInt() || schema.asInt() != SCHEMA) {
            throw new UnknownFormatException("record schema " + (schema == null ? "(none)" : schema.toString())
                    + " is not supported; this service reads schema " + SCHEMA);
        }
        String sensor = ReadingJsonDecoder.sensor(n);
        Lineage lineage = ReadingJsonDecoder.lineage(n, sensor);
        if (!n.has("sensor") || lineage == null) {
            throw new UnknownFormatException("schema 1 but without sensor, bootId and seq, so it cannot be "
                    + "windowed or deduplicated");
        }
        try {
            if (!readings.decode(n, sample)) {
                throw new UnknownFormatException("schema 1 but without 'ticks': not a reading");
            }
        } catch (IllegalArgumentException e) {
            throw new UnknownFormatException("schema 1 with a malformed value: " + e.getMessage());
        }
        return new Decoded(sensor, lineage);
    }

    private static int firstNonSpace(byte[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != ' ' && v[i] != '\n' && v[i] != '\r' && v[i] != '\t') {
                return i;
            }
        }
        return -1;
    }
}

package io.lpmsedge.record;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Sample;
import java.util.Locale;

/**
 * A readings record's value → a reused {@link Sample} plus lineage. Reads the bridge's record schema 1 in either
 * of its formats, JSON or CBOR (docs/delivery.md), through the bridge's own {@link RecordDecoder}; anything
 * else (another schema, another encoding, a tombstone, a record without the dedupe key) is an
 * {@link UnknownFormatException} saying what it looked like.
 *
 * <p>JSON exactly as the bridge lays it out is read by {@link JsonLayoutReader} first (about half the CPU of
 * Jackson's tokenizer, and it returns the same String instances for repeated names); every other value, and any
 * JSON that differs from that layout in the smallest way, goes through {@link RecordDecoder} as before, with the
 * same result. Not thread-safe: one per consumer thread.
 */
public final class ReadingRecordDecoder {
    private final RecordDecoder records = new RecordDecoder();
    /** Null: every value through Jackson (the reference the layout reader is tested against). */
    private final JsonLayoutReader layout;

    public ReadingRecordDecoder() {
        this(true);
    }

    ReadingRecordDecoder(boolean layoutReader) {
        this.layout = layoutReader ? new JsonLayoutReader() : null;
    }

    /**
     * @return the record's lineage (never null); its sensor name is the lane key, the values are in
     *     {@code sample}
     */
    public Lineage decode(byte[] value, Sample sample) throws UnknownFormatException {
        if (value == null) {
            throw new UnknownFormatException("a null value (tombstone), not a reading");
        }
        int first = firstNonSpace(value);
        if (first < 0) {
            throw new UnknownFormatException("an empty value, not a reading");
        }
        int b = value[first] & 0xFF;
        if (b != '{' && b != 0xD9) {
            // A bare CBOR map (major type 5) without the self-describe tag the bridge always writes first.
            boolean cbor = b >= 0xA0 && b <= 0xBF;
            throw new UnknownFormatException(String.format(
                    Locale.ROOT,
                    "neither JSON nor the bridge's CBOR "
                            + "(first byte 0x%02X%s); lpms-edge reads record schema 1 as the bridge writes it with "
                            + "[record] format = \"json\" or \"cbor\"",
                    b,
                    cbor ? ", looks like CBOR without the self-describe tag D9 D9 F7" : ""));
        }
        Lineage lineage = b == '{' && first == 0 && layout != null ? layout.read(value, sample) : null;
        if (lineage != null) {
            return lineage;
        }
        try {
            lineage = records.decode(value, sample);
        } catch (IllegalArgumentException e) {
            throw new UnknownFormatException(e.getMessage());
        }
        if (lineage == null) {
            throw new UnknownFormatException(
                    "schema 1 but without sensor, bootId and seq, so it cannot be " + "windowed or deduplicated");
        }
        return lineage;
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

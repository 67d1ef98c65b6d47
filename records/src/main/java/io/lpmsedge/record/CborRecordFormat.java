package io.lpmsedge.record;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The compact value format ({@code [record] format = "cbor"}): schema 1's keys and values in CBOR (RFC 8949)
 * instead of JSON text, lossless, and smaller in the places that matter (docs/delivery.md#cbor):
 *
 * <ul>
 *   <li>the value starts with the CBOR self-describe tag 55799 ({@code D9 D9 F7}), so a consumer tells it from
 *   JSON (which starts with {@code {}) by its first byte;</li>
 *   <li>doubles are written as float32 when that is exact (every 32-bit-mode value is), else float64;</li>
 *   <li>an output whose components are all exactly {@code m / 10^k} with {@code |m| ≤ 32767} and
 *   {@code k ≤ 4} (every 16-bit-mode value, which the codec decodes as int16 ÷ divisor) is written as the
 *   integer array {@code [-k, m1, m2, …]}: the raw int16 values and their decimal scale, 1–3 bytes each.</li>
 * </ul>
 * {@link RecordDecoder} turns either format back into the same {@link Reading}.
 */
public final class CborRecordFormat implements RecordFormat {
    /** Largest decimal scale tried: the LP-BUS divisors are 10, 100, 1000 and 10000. */
    static final int MAX_SCALE_DIGITS = 4;

    static final double[] POW10 = {1, 10, 100, 1000, 10000};
    private static final Output[] OUTPUTS = Output.values();

    private final CBORFactory factory = CBORFactory.builder()
            .enable(CBORGenerator.Feature.WRITE_TYPE_HEADER)
            .enable(CBORGenerator.Feature.WRITE_MINIMAL_DOUBLES)
            .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS)
            .build();

    @Override
    public String name() {
        return "cbor";
    }

    @Override
    public boolean isJson() {
        return false;
    }

    @Override
    public byte[] encode(Reading r) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(160);
                CBORGenerator g = factory.createGenerator(out)) {
            Lineage l = r.lineage();
            int fields = 4 + (l == null ? 0 : 5) + (r.receivedAtNanos() != 0 ? 1 : 0);
            for (Output o : OUTPUTS) {
                fields += r.has(o) ? 1 : 0;
            }
            g.writeStartObject(null, fields);
            g.writeNumberField("schema", ReadingJson.SCHEMA_VERSION);
            if (l != null) {
                g.writeStringField("sensor", l.sensorName());
                g.writeStringField("bridge", l.bridge());
                g.writeStringField("bootId", l.bootId());
                g.writeNumberField("seq", l.seq());
                g.writeNumberField("linkEpoch", l.linkEpoch());
            }
            g.writeNumberField("sensorId", r.sensorId());
            g.writeNumberField("ticks", r.tick());
            g.writeNumberField("t", r.sensorTime());
            if (r.receivedAtNanos() != 0) {
                g.writeNumberField("recvNs", r.receivedAtNanos());
            }
            for (Output o : OUTPUTS) {
                if (r.has(o)) {
                    g.writeFieldName(o.key());
                    writeOutput(r, o, g);
                }
            }
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory: cannot happen
        }
    }

    private static void writeOutput(Reading r, Output o, CBORGenerator g) throws IOException {
        int n = o.components();
        int k = decimalScale(r, o);
        if (k >= 0) {
            g.writeStartArray(null, n + 1);
            g.writeNumber(-k);
            for (int i = 0; i < n; i++) {
                g.writeNumber((int) Math.rint(r.get(o, i) * POW10[k]));
            }
            g.writeEndArray();
        } else if (n == 1) {
            g.writeNumber(r.get(o, 0));
        } else {
            g.writeStartArray(null, n);
            for (int i = 0; i < n; i++) {
                g.writeNumber(r.get(o, i));
            }
            g.writeEndArray();
        }
    }

    /**
     * The smallest k such that every component is exactly {@code m / 10^k} (the decoder's own division) with m
     * an int16, or -1. Exactness is checked, so this can never lose a bit, whatever the reading's data mode.
     */
    static int decimalScale(Reading r, Output o) {
        outer:
        for (int k = 0; k <= MAX_SCALE_DIGITS; k++) {
            for (int i = 0; i < o.components(); i++) {
                double v = r.get(o, i);
                double m = Math.rint(v * POW10[k]);
                if (!(Math.abs(m) <= Short.MAX_VALUE + 1)
                        || m / POW10[k] != v
                        || Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0)) {
                    continue outer;
                }
            }
            return k;
        }
        return -1;
    }
}

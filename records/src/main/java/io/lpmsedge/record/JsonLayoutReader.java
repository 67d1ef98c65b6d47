package io.lpmsedge.record;

import com.fasterxml.jackson.core.io.NumberInput;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import java.nio.charset.StandardCharsets;

/**
 * Reads a JSON record value only if it is laid out exactly as {@link ReadingJson} writes it with lineage (the
 * bridge's {@code format = "json"}), byte by byte, without a tokenizer; for anything else it answers
 * {@code null} and the caller reads the value with {@link RecordDecoder} (Jackson), which reads every valid form
 * and words every error. The score-service spent a third of its poll loop in Jackson's general parser
 * (BENCHMARKS.md, score-service throughput); this reads the one layout every bridge writes.
 *
 * <p>What it takes, and nothing else: no whitespace; the keys {@code schema} (the number {@code 1}), {@code sensor},
 * {@code bridge}, {@code bootId}, {@code seq}, {@code linkEpoch}, {@code sensorId}, {@code ticks}, {@code t}, an
 * optional {@code recvNs}, then outputs in {@link Output} order, each at most once, each a number or an array of
 * exactly its component count of numbers; strings of printable ASCII without escapes; integers in the range of a
 * long where the writer writes integers; JSON numbers (no leading zeros, no {@code +}, no bare {@code .}) where
 * it writes doubles; nothing after the closing brace. Not taken, so read by Jackson: NaN and infinities (the
 * writer quotes them: {@code "NaN"}), {@code null}s, unknown keys, another key order, non-ASCII names, escapes,
 * another schema, records without lineage.
 *
 * <p>Where it takes a value it gives exactly what {@link RecordDecoder#decode(byte[], Sample)} gives: the same
 * strings, integers and correctly rounded doubles (computed exactly where the significand and the power of ten
 * are exact doubles, else by Jackson's own {@link NumberInput#parseDouble} on the same digits; an integer token in
 * a double position converts as Jackson's {@code getDoubleValue} does, from its long).
 * {@code JsonLayoutReaderTest} checks this against Jackson over generated and mutated records.
 *
 * <p>Not thread-safe (string cache, scratch buffer): one per consumer thread.
 */
final class JsonLayoutReader {
    private static final Output[] OUTPUTS = Output.values();
    /** Longer number tokens (never written: a double prints in at most 25 chars) go to Jackson. */
    private static final int MAX_NUMBER_CHARS = 64;
    /** Significand digits that always fit a long exactly (the fast path then also checks m ≤ 2^53). */
    private static final int MAX_EXACT_DIGITS = 18;

    private static final double[] POW10 = new double[23];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i); // 10^0 … 10^22: every one exact in a double
        }
    }

    private static final byte[] START = ascii("{\"schema\":1,\"sensor\":\"");
    private static final byte[] BRIDGE = ascii("\",\"bridge\":\"");
    private static final byte[] BOOT_ID = ascii("\",\"bootId\":\"");
    private static final byte[] SEQ = ascii("\",\"seq\":");
    private static final byte[] LINK_EPOCH = ascii(",\"linkEpoch\":");
    private static final byte[] SENSOR_ID = ascii(",\"sensorId\":");
    private static final byte[] TICKS = ascii(",\"ticks\":");
    private static final byte[] T = ascii(",\"t\":");
    private static final byte[] RECV_NS = ascii(",\"recvNs\":");
    private static final byte[][] OUTPUT_KEYS = new byte[OUTPUTS.length][];

    static {
        for (Output o : OUTPUTS) {
            OUTPUT_KEYS[o.ordinal()] = ascii(",\"" + o.key() + "\":");
        }
    }

    /** Thrown (one instance, no stack) where the layout differs: the caller falls back to Jackson. */
    private static final class NotTheLayout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotTheLayout() {
            super("not the bridge's JSON layout", null, false, false);
        }
    }

    private static final NotTheLayout NOT_THE_LAYOUT = new NotTheLayout();

    private final AsciiStrings strings = new AsciiStrings(1 << 14);
    private final char[] number = new char[MAX_NUMBER_CHARS];
    private byte[] in;
    private int pos;

    /**
     * Fills {@code sample} (cleared) and returns the lineage, or returns {@code null} when the value is not in the
     * writer's layout; {@code sample} is then in an unspecified state and the caller must decode it otherwise.
     */
    Lineage read(byte[] value, Sample sample) {
        in = value;
        pos = 0;
        try {
            return readRecord(sample);
        } catch (NotTheLayout | ArrayIndexOutOfBoundsException e) {
            return null; // bounds: a value cut short anywhere; Jackson says what is wrong with it
        } finally {
            in = null;
        }
    }

    private Lineage readRecord(Sample sample) {
        expect(START);
        String sensor = string();
        expect(BRIDGE);
        String bridge = string();
        expect(BOOT_ID);
        String bootId = string();
        expect(SEQ);
        long seq = integer();
        expect(LINK_EPOCH);
        long linkEpoch = integer();
        expect(SENSOR_ID);
        long sensorId = integer();
        if (sensorId != (int) sensorId) {
            throw NOT_THE_LAYOUT;
        }
        expect(TICKS);
        long ticks = integer();
        expect(T);
        double t = number();
        long recvNs = 0;
        if (at(RECV_NS)) {
            pos += RECV_NS.length;
            recvNs = integer();
        }
        sample.clear();
        int next = 0; // outputs come in enum order, each once
        while (in[pos] == ',') {
            Output o = output(next);
            next = o.ordinal() + 1;
            if (o.components() == 1) {
                sample.set(o, 0, number());
            } else {
                expect('[');
                for (int i = 0; i < o.components(); i++) {
                    if (i > 0) {
                        expect(',');
                    }
                    sample.set(o, i, number());
                }
                expect(']');
            }
        }
        expect('}');
        if (pos != in.length) {
            throw NOT_THE_LAYOUT;
        }
        sample.header((int) sensorId, ticks, t, recvNs);
        return new Lineage(bridge, sensor, bootId, seq, linkEpoch);
    }

    private Output output(int from) {
        for (int i = from; i < OUTPUTS.length; i++) {
            if (at(OUTPUT_KEYS[i])) {
                pos += OUTPUT_KEYS[i].length;
                return OUTPUTS[i];
            }
        }
        throw NOT_THE_LAYOUT; // unknown key, another order, a repeated output
    }

    /** Printable ASCII up to the closing quote (left in place: the next literal starts with it). */
    private String string() {
        byte[] b = in;
        int start = pos;
        for (int p = start; ; p++) {
            byte c = b[p];
            if (c == '"') {
                pos = p;
                return strings.get(b, start, p);
            }
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw NOT_THE_LAYOUT; // escapes, control characters and UTF-8: Jackson's
            }
        }
    }

    /** A JSON integer token in the range of a long (as Jackson reads it with {@code getLongValue}). */
    private long integer() {
        long v = integerPart();
        if (isFractionOrExponent(in[pos])) {
            throw NOT_THE_LAYOUT;
        }
        return v;
    }

    /**
     * A JSON number token. An integer token converts from its long, as Jackson's {@code getDoubleValue} does (so
     * {@code -0} is +0.0); any other exactly when it can be, else through Jackson's own correctly rounded parser.
     */
    private double number() {
        byte[] b = in;
        int start = pos;
        boolean negative = b[start] == '-';
        long v = integerPart();
        int p = pos;
        if (!isFractionOrExponent(b[p])) {
            return v;
        }
        // The significand's digits as one integer m and a power of ten, for the exact case below.
        long m = negative ? -v : v;
        int digits = p - start - (negative ? 1 : 0);
        int scale = 0;
        if (b[p] == '.') {
            int fraction = ++p;
            for (; isDigit(b[p]); p++, digits++) {
                if (digits < MAX_EXACT_DIGITS) {
                    m = m * 10 + (b[p] - '0');
                    scale--;
                }
            }
            if (p == fraction) {
                throw NOT_THE_LAYOUT;
            }
        }
        int exponent = 0;
        if (b[p] == 'e' || b[p] == 'E') {
            boolean negativeExponent = b[++p] == '-';
            if (negativeExponent || b[p] == '+') {
                p++;
            }
            int first = p;
            for (; isDigit(b[p]); p++) {
                exponent = Math.min(exponent * 10 + (b[p] - '0'), 100_000);
            }
            if (p == first) {
                throw NOT_THE_LAYOUT;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        pos = p;
        int e10 = exponent + scale;
        if (digits <= MAX_EXACT_DIGITS && m <= 1L << 53 && e10 >= -22 && e10 <= 22) {
            // Both m and 10^|e10| are exact doubles, so one multiplication or division rounds correctly (the
            // classic fast path of decimal-to-double conversion): 16-bit values such as 0.012 never reach the
            // general parser.
            double r = e10 >= 0 ? m * POW10[e10] : m / POW10[-e10];
            return negative ? -r : r;
        }
        int len = p - start;
        if (len > MAX_NUMBER_CHARS) {
            throw NOT_THE_LAYOUT;
        }
        for (int i = 0; i < len; i++) {
            number[i] = (char) b[start + i];
        }
        return NumberInput.parseDouble(number, 0, len, true);
    }

    /**
     * An optional minus and the integer digits: {@code 0} alone or a non-zero digit and more (JSON has no leading
     * zeros), in the range of a long; accumulated negatively so that {@link Long#MIN_VALUE} fits. Out of range:
     * not taken (Jackson makes it a BigInteger).
     */
    private long integerPart() {
        byte[] b = in;
        int p = pos;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        int start = p;
        long v = 0;
        for (; isDigit(b[p]); p++) {
            int d = b[p] - '0';
            if (v < Long.MIN_VALUE / 10 || (v *= 10) < Long.MIN_VALUE + d) {
                throw NOT_THE_LAYOUT;
            }
            v -= d;
        }
        int n = p - start;
        if (n == 0 || (n > 1 && b[start] == '0') || (!negative && v == Long.MIN_VALUE)) {
            throw NOT_THE_LAYOUT;
        }
        pos = p;
        return negative ? v : -v;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isFractionOrExponent(byte b) {
        return b == '.' || b == 'e' || b == 'E';
    }

    private boolean at(byte[] literal) {
        if (pos + literal.length > in.length) {
            return false;
        }
        for (int i = 0; i < literal.length; i++) {
            if (in[pos + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }

    private void expect(byte[] literal) {
        if (!at(literal)) {
            throw NOT_THE_LAYOUT;
        }
        pos += literal.length;
    }

    private void expect(char c) {
        if (in[pos] != c) {
            throw NOT_THE_LAYOUT;
        }
        pos++;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

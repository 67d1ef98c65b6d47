package io.lpmsedge.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings of ASCII byte ranges, made once and then found again by their bytes: a consumer reads the same few
 * hundred sensor names, boot ids and bridge names in every record, so it should not build (and hash, and compare
 * char by char in every map lookup) a new String for each. Returning the same instance also makes the lanes' and
 * dedupe's map lookups an identity hit with a cached hash.
 *
 * <p>Bounded: an open-addressing table of {@code capacity} slots probed at most {@value #PROBES} times; when those
 * slots are all taken by other strings, the first is replaced, so a fleet with more distinct strings than slots
 * costs allocations again, never wrong strings or unbounded memory. Not thread-safe.
 */
final class AsciiStrings {
    private static final int PROBES = 8;

    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    /** @param capacity slots, a power of two */
    AsciiStrings(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, is " + capacity);
        }
        keys = new byte[capacity][];
        values = new String[capacity];
        mask = capacity - 1;
    }

    /** The string of {@code b[from, to)}, which must be ASCII (each byte decodes to the char of the same value). */
    String get(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 16)) & mask;
        for (int p = 0; p < PROBES; p++) {
            int s = (slot + p) & mask;
            byte[] k = keys[s];
            if (k == null) {
                return put(s, b, from, to);
            }
            if (Arrays.equals(k, 0, k.length, b, from, to)) {
                return values[s];
            }
        }
        return put(slot, b, from, to);
    }

    private String put(int slot, byte[] b, int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        keys[slot] = Arrays.copyOfRange(b, from, to);
        values[slot] = s;
        return s;
    }
}

package io.lpmsedge.bridge.spool;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The same few strings again and again: a spool holds a handful of topics and one key per sensor, and reading
 * back millions of records after an outage would otherwise build a new {@code String} (and hash it again in
 * the sender) per record. A small direct-mapped cache; a miss just decodes. Not thread-safe: used under the
 * spool's lock.
 */
final class Utf8Strings {
    private static final int SLOTS = 128;
    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];

    String get(byte[] b, int offset, int length) {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] cached = bytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, b, offset, offset + length)) {
            return strings[slot];
        }
        String s = new String(b, offset, length, StandardCharsets.UTF_8);
        bytes[slot] = Arrays.copyOfRange(b, offset, offset + length);
        strings[slot] = s;
        return s;
    }
}

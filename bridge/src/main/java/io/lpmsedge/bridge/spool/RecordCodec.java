package io.lpmsedge.bridge.spool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * On-disk framing of one spool record: {@code u32 length | u32 CRC-32C | body}, body =
 * {@code u8 version | u16 topic length | topic | u16 key length | key | value}. The CRC covers the body, so a
 * torn or bit-rotted record is recognised and never sent.
 */
final class RecordCodec {
    static final int HEADER = 8;
    static final byte VERSION = 1;
    /** Larger records are refused: a reading is a few hundred bytes; this bounds what recovery may allocate. */
    static final int MAX_BODY = 1 << 20;

    private RecordCodec() {}

    /**
     * Whether a frame's stored body length can be a record's: every walker of frames (the recovery scan, reads,
     * the count of a dropped segment) checks this one rule before trusting it.
     */
    static boolean plausibleLength(int length) {
        return length > 0 && length <= MAX_BODY;
    }

    static int frameSize(SpoolEntry e) {
        return HEADER + bodySize(e);
    }

    private static int bodySize(SpoolEntry e) {
        return 1 + 2 + utf8Length(e.topic()) + 2 + utf8Length(e.key()) + e.value().length;
    }

    /** Writes the framed record at the buffer's position. */
    static void write(SpoolEntry e, ByteBuffer out) {
        byte[] topic = e.topic().getBytes(StandardCharsets.UTF_8);
        byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
        int bodyLength = 1 + 2 + topic.length + 2 + key.length + e.value().length;
        if (bodyLength > MAX_BODY || topic.length > 0xFFFF || key.length > 0xFFFF) {
            throw new IllegalArgumentException("record too large for the spool: " + bodyLength + " bytes");
        }
        int start = out.position();
        out.putInt(bodyLength);
        out.putInt(0); // CRC, filled in below
        int bodyStart = out.position();
        out.put(VERSION);
        out.putShort((short) topic.length);
        out.put(topic);
        out.putShort((short) key.length);
        out.put(key);
        out.put(e.value());
        CRC32C crc = new CRC32C();
        crc.update(out.array(), out.arrayOffset() + bodyStart, bodyLength);
        out.putInt(start + 4, (int) crc.getValue());
    }

    /** Whether {@code body} matches the CRC stored for it. */
    static boolean crcMatches(byte[] body, int offset, int length, int storedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(body, offset, length);
        return (int) crc.getValue() == storedCrc;
    }

    /** Big-endian u32/i32 at {@code at}: a frame's length or CRC. */
    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static int readShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    /**
     * Whether a body's structure is consistent: version, and topic and key lengths within the body. The one
     * check both the start-up scan (without decoding) and {@link #decodeBody} make.
     */
    static boolean wellFormed(byte[] b, int offset, int length) {
        if (length < 5 || b[offset] != VERSION) {
            return false;
        }
        int topicLength = readShort(b, offset + 1);
        if (3 + topicLength + 2 > length) {
            return false;
        }
        return 3 + topicLength + 2 + readShort(b, offset + 3 + topicLength) <= length;
    }

    /** Decodes a body whose CRC matched; null if its structure is inconsistent (never trusted blindly). */
    static SpoolEntry decodeBody(byte[] b, int offset, int length) {
        return decodeBody(b, offset, length, null);
    }

    /** {@link #decodeBody(byte[], int, int)} taking topic and key from {@code strings} (null = new ones). */
    static SpoolEntry decodeBody(byte[] b, int offset, int length, Utf8Strings strings) {
        if (!wellFormed(b, offset, length)) {
            return null;
        }
        int topicAt = offset + 3;
        int topicLength = readShort(b, offset + 1);
        int keyAt = topicAt + topicLength + 2;
        int keyLength = readShort(b, topicAt + topicLength);
        int valueAt = keyAt + keyLength;
        String topic = strings != null
                ? strings.get(b, topicAt, topicLength)
                : new String(b, topicAt, topicLength, StandardCharsets.UTF_8);
        String key = strings != null
                ? strings.get(b, keyAt, keyLength)
                : new String(b, keyAt, keyLength, StandardCharsets.UTF_8);
        return new SpoolEntry(topic, key, Arrays.copyOfRange(b, valueAt, offset + length));
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}

package io.lpmsedge.bridge.delivery.rest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes of a produce request, written straight from the spooled bytes: the JSON around each record is the
 * same for every record of a sensor, so it is encoded once per key and cached, and values go in as they are
 * (embedded JSON) or as base64. A general JSON generator (the first version) turned every JSON value into a
 * {@code String} and back, which was most of the sender's CPU while draining a backlog.
 *
 * <ul>
 *   <li>v3: concatenated {@code {"key":{"type":"STRING","data":"arm-1"},"value":{"type":"JSON","data":{…}}}},
 *   or {@code "type":"BINARY","data":"<base64>"} for binary values;</li>
 *   <li>v2, binary embedded format: {@code {"records":[{"key":"<base64>","value":"<base64>"},…]}};</li>
 *   <li>v2, json embedded format: {@code {"records":[{"key":"arm-1","value":{…}},…]}} (the key becomes the JSON
 *   string, quotes included, in Kafka: that is what the json format means to both Confluent and Strimzi).</li>
 * </ul>
 * Thread-safe (sender lanes build bodies at once).
 */
final class ProduceBody {
    private static final byte[] V3_VALUE_JSON = bytes("},\"value\":{\"type\":\"JSON\",\"data\":");
    private static final byte[] V3_VALUE_BINARY = bytes("},\"value\":{\"type\":\"BINARY\",\"data\":\"");
    private static final byte[] V2_START = bytes("{\"records\":[");
    private static final byte[] V2_VALUE = bytes("\",\"value\":\"");

    private final Map<String, byte[]> v3KeyPrefix = new ConcurrentHashMap<>();
    private final Map<String, byte[]> v2KeyPrefix = new ConcurrentHashMap<>();
    private final Map<String, byte[]> v2JsonKeyPrefix = new ConcurrentHashMap<>();

    /** v3 records API body. {@code jsonValues}: values are JSON text, embedded as is; else base64. */
    byte[] v3(List<SpooledRecord> batch, boolean jsonValues) {
        Bytes out = new Bytes(estimate(batch, jsonValues, 80));
        for (SpooledRecord r : batch) {
            out.write(v3KeyPrefix.computeIfAbsent(r.entry().key(), ProduceBody::v3Prefix));
            byte[] value = r.entry().value();
            if (jsonValues) {
                out.write(V3_VALUE_JSON);
                out.write(value);
                out.write((byte) '}');
            } else {
                out.write(V3_VALUE_BINARY);
                out.base64(value);
                out.write((byte) '"');
                out.write((byte) '}');
            }
            out.write((byte) '}');
        }
        return out.toArray();
    }

    /** v2 {@code application/vnd.kafka.binary.v2+json} body: key and value both base64. */
    byte[] v2(List<SpooledRecord> batch) {
        return v2(batch, false);
    }

    /** v2 {@code application/vnd.kafka.json.v2+json} body: the key as a JSON string, the value as it is. */
    byte[] v2Json(List<SpooledRecord> batch) {
        return v2(batch, true);
    }

    private byte[] v2(List<SpooledRecord> batch, boolean json) {
        Bytes out = new Bytes(estimate(batch, json, 40));
        out.write(V2_START);
        for (int i = 0; i < batch.size(); i++) {
            SpooledRecord r = batch.get(i);
            if (i > 0) {
                out.write((byte) ',');
            }
            if (json) {
                out.write(v2JsonKeyPrefix.computeIfAbsent(r.entry().key(), ProduceBody::v2JsonPrefix));
                out.write(r.entry().value());
            } else {
                out.write(v2KeyPrefix.computeIfAbsent(r.entry().key(), ProduceBody::v2Prefix));
                out.write(V2_VALUE);
                out.base64(r.entry().value());
                out.write((byte) '"');
            }
            out.write((byte) '}');
        }
        out.write((byte) ']');
        out.write((byte) '}');
        return out.toArray();
    }

    private static int estimate(List<SpooledRecord> batch, boolean jsonValues, int perRecord) {
        long n = 16;
        for (SpooledRecord r : batch) {
            int v = r.entry().value().length;
            n += perRecord + r.entry().key().length() * 2L + (jsonValues ? v : (v + 2) / 3 * 4);
        }
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }

    /** {@code {"key":{"type":"STRING","data":"<the key, JSON-escaped>"}} up to the value. */
    private static byte[] v3Prefix(String key) {
        return concat(
                bytes("{\"key\":{\"type\":\"STRING\",\"data\":\""),
                JsonStringEncoder.getInstance().quoteAsUTF8(key),
                bytes("\""));
    }

    /** {@code {"key":"<base64 of the key's UTF-8 bytes>"} up to the value. */
    private static byte[] v2Prefix(String key) {
        return concat(bytes("{\"key\":\""), Base64.getEncoder().encode(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code {"key":"<the key, JSON-escaped>","value":} up to the value. */
    private static byte[] v2JsonPrefix(String key) {
        return concat(bytes("{\"key\":\""), JsonStringEncoder.getInstance().quoteAsUTF8(key), bytes("\",\"value\":"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** A growable byte array without the synchronisation of {@code ByteArrayOutputStream}. */
    private static final class Bytes {
        private byte[] buf;
        private int size;

        Bytes(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        void write(byte b) {
            ensure(1);
            buf[size++] = b;
        }

        void write(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void base64(byte[] b) {
            ensure((b.length + 2) / 3 * 4);
            byte[] encoded = Base64.getEncoder().encode(b);
            System.arraycopy(encoded, 0, buf, size, encoded.length);
            size += encoded.length;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toArray() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }
}

package io.lpmsedge.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One request as the stand-in received it, for tests to assert on (what was sent, resent, in which order).
 *
 * @param at          when it arrived
 * @param method      HTTP method
 * @param path        decoded request path
 * @param contentType the Content-Type header as sent (null if none)
 * @param endpoint    which endpoint it matched, or null for an unknown path
 * @param recordCount records parsed from the body (also when a fault answered instead); -1 if it did not parse
 * @param keys        each record's key bytes as the stand-in would write them (null entries for no key)
 * @param status      HTTP status answered, or {@link #DROPPED} when the connection was closed without an answer
 */
public record ReceivedRequest(
        Instant at,
        String method,
        String path,
        String contentType,
        Endpoint endpoint,
        int recordCount,
        List<byte[]> keys,
        int status) {
    /** {@link #status()} of a request whose response was dropped on purpose. */
    public static final int DROPPED = -1;

    public ReceivedRequest {
        keys = Collections.unmodifiableList(new ArrayList<>(keys)); // null entries are allowed: records without key
    }

    /** The keys decoded as UTF-8 (null stays null): handy when keys are sensor names. */
    public List<String> keysUtf8() {
        List<String> out = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            out.add(k == null ? null : new String(k, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public String toString() {
        return method + " " + path + " [" + contentType + "] records=" + recordCount + " keys=" + keysUtf8() + " -> "
                + (status == DROPPED ? "dropped" : String.valueOf(status));
    }
}

package io.lpmsedge.fleet;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the fleet needs from a verdict event (schema 1, README "Verdict events"), whether the bridge's
 * ({@code verdicts}) or the score-service's ({@code cluster-verdicts}): whose, which verdict, whether it changed,
 * and when.
 *
 * @param atMillis the bridge's receive time of the window's last reading ({@code recvNs}), or -1 when the event
 *                 has none (the score-service's): the caller then uses the record's timestamp
 */
record VerdictNote(String bridge, String sensor, String verdict, String previous, boolean changed, long atMillis,
                   String model) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A value that is not a verdict event; {@link #kind} is {@code not-json}, {@code unknown-schema} or {@code invalid}. */
    static final class Unreadable extends Exception {
        final String kind;

        Unreadable(String kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    static VerdictNote parse(byte[] value) throws Unreadable {
        JsonNode n;
        try {
            n = value == null || value.length == 0 ? null : JSON.readTree(value);
        } catch (JacksonException e) {
            // CBOR-era or foreign bytes: say what it looked like, not just "parse error"
            throw new Unreadable("not-json", "not JSON (" + e.getOriginalMessage() + ")");
        } catch (java.io.IOException e) {
            throw new Unreadable("not-json", "unreadable: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new Unreadable("not-json", "not a JSON object" + (n == null ? " (empty value)" : ""));
        }
        if (n.path("schema").asInt(-1) != 1) {
            throw new Unreadable("unknown-schema", "schema " + n.get("schema") + " is not a verdict schema this "
                    + "reader knows (1)");
        }
        String type = n.path("type").asText("");
        if (!type.equals("verdict") && !type.equals("window")) {
            throw new Unreadable("invalid", "type is '" + type + "', expected \"verdict\" or \"window\"");
        }
        String sensor = text(n, "sensor");
        String verdict = text(n, "verdict");
        String previous = n.path("previousVerdict").asText(verdict);
        boolean changed = n.has("changed") ? n.get("changed").asBoolean() : !verdict.equals(previous);
        long at = n.hasNonNull("recvNs") ? n.get("recvNs").asLong() / 1_000_000 : -1;
        return new VerdictNote(n.path("bridge").asText(""), sensor, verdict, previous, changed, at,
                n.path("model").asText(""));
    }

    private static String text(JsonNode n, String key) throws Unreadable {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new Unreadable("invalid", key + " is " + (v == null ? "missing" : v) + ", expected a string");
        }
        return v.asText();
    }
}

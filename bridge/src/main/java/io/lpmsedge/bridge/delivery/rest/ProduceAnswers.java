package io.lpmsedge.bridge.delivery.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a produce answer into a {@link SendResult}: the per-record report of an HTTP 200 (v2 {@code offsets},
 * v3 report stream) or one verdict on a whole request. Reasons always carry the far side's own text.
 */
final class ProduceAnswers {
    private final JsonFactory json = new JsonFactory();

    /**
     * v2: {@code {"offsets":[{"partition":0,"offset":42,"error_code":null,"error":null},…]}} in request order;
     * a failed entry has {@code error_code} and its text in {@code error} (Confluent) or {@code message} (Strimzi).
     */
    SendResult v2Offsets(int size, byte[] answer) {
        List<RecordStatus> statuses = new ArrayList<>(size);
        List<String> reasons = new ArrayList<>(size);
        try (JsonParser p = json.createParser(answer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return SendResult.all(
                        size,
                        RecordStatus.RETRY,
                        null,
                        "unreadable 200 answer: "
                                + ProxyError.parse(answer, null).message(),
                        200);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!"offsets".equals(field) || t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Entry e = entry(p, "error");
                    if (e.code == null) {
                        statuses.add(RecordStatus.DELIVERED);
                        reasons.add(null);
                    } else {
                        statuses.add(ErrorCodes.forRecord(e.code, e.message));
                        reasons.add(e.reason());
                    }
                }
            }
        } catch (IOException e) {
            // Truncated or garbled: what could be read counts; the rest is resent below.
        }
        return complete(size, statuses, reasons);
    }

    /**
     * v3: concatenated reports, one per record in order: {@code {"error_code":200,…}} or
     * {@code {"error_code":n,"message":…}}.
     */
    SendResult v3Reports(int size, byte[] answer) {
        List<RecordStatus> statuses = new ArrayList<>(size);
        List<String> reasons = new ArrayList<>(size);
        try (JsonParser p = json.createParser(answer)) {
            while (statuses.size() < size && p.nextToken() == JsonToken.START_OBJECT) {
                Entry e = entry(p, "message");
                if (e.code != null && e.code == 200) {
                    statuses.add(RecordStatus.DELIVERED);
                    reasons.add(null);
                } else {
                    int code = e.code == null ? -1 : e.code;
                    statuses.add(ErrorCodes.forRecord(code, e.message));
                    reasons.add(e.reason());
                }
            }
        } catch (IOException e) {
            // A stream cut short: the reports read so far stand; the rest is resent.
        }
        return complete(size, statuses, reasons);
    }

    /** One verdict for every record of the batch, from a non-200 answer. */
    static SendResult wholeRequest(int size, Answer a, RecordStatus status) {
        return SendResult.all(
                size,
                status,
                RetryAfter.parse(a.retryAfter()),
                "http_" + a.status() + ": "
                        + a.error() + " (" + a.method() + " " + a.path()
                        + (a.location() == null ? "" : ", redirect to " + ProxyError.safe(a.location())) + ")",
                a.status());
    }

    /** An error code and its text; the text field's name differs between proxies, both are read. */
    private record Entry(Integer code, String message) {
        String reason() {
            String m = ProxyError.safe(message);
            if (m.isEmpty()) {
                m = "(no message)";
            }
            return (code == null ? "?" : code.toString()) + ": " + m;
        }
    }

    private static Entry entry(JsonParser p, String preferredText) throws IOException {
        Integer code = null;
        String preferred = null;
        String other = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if ("error_code".equals(f) && v == JsonToken.VALUE_NUMBER_INT) {
                code = p.getIntValue();
            } else if (("error".equals(f) || "message".equals(f)) && v == JsonToken.VALUE_STRING) {
                if (f.equals(preferredText)) {
                    preferred = p.getText();
                } else {
                    other = p.getText();
                }
            } else {
                p.skipChildren();
            }
        }
        return new Entry(code, preferred != null ? preferred : other);
    }

    /** Records without a report were not confirmed: resend them. */
    private static SendResult complete(int size, List<RecordStatus> statuses, List<String> reasons) {
        while (statuses.size() < size) {
            statuses.add(RecordStatus.RETRY);
            reasons.add("no delivery report in the answer");
        }
        return new SendResult(statuses.subList(0, size), null, reasons.subList(0, size), 200, SendResult.Scope.RECORD);
    }
}

package io.lpmsedge.bridge.delivery.rest;

import io.lpmsedge.bridge.delivery.RecordStatus;
import java.util.Locale;

/**
 * Error codes of the REST proxies mapped to what the sender does (the table is in docs/rest-proxies.md; the contract in docs/rest-proxy-contract.md#error-codes). Two
 * families of per-record codes exist: Confluent's five-digit codes ({@code 40401}, {@code 50003}: the HTTP status
 * times 100 plus a detail) and Strimzi's HTTP-style ones ({@code 404}, {@code 500}). Either way a code the sender
 * cannot fix by resending dead-letters that record; only server-side, transient codes are retried.
 */
final class ErrorCodes {
    private ErrorCodes() {}

    /** A per-record error code (v2 entry {@code error_code}, v3 report {@code error_code} other than 200). */
    static RecordStatus forRecord(int code, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("not present in metadata")) {
            return RecordStatus.TOPIC_MISSING; // an unknown topic after max.block.ms, whatever the code
        }
        if (code >= 10000) {
            return confluent(code, m);
        }
        return httpStyle(code, m);
    }

    /** Confluent's five-digit codes (contract sections 1.1, 1.2): the first three digits are an HTTP status. */
    private static RecordStatus confluent(int code, String m) {
        switch (code) {
            case 40401: // topic not found
            case 40403: // this server does not host this topic-partition
                return RecordStatus.TOPIC_MISSING;
            case 40101:
            case 40301:
                return RecordStatus.AUTH_FAILED;
            case 42901: // rate limited: not written
            case 40801:
                return RecordStatus.RETRY;
            case 50002:
                // "any other KafkaException": not retriable, except a record too large, which a split may fix
                return tooLarge(m) ? RecordStatus.TOO_LARGE : RecordStatus.REJECTED;
            default:
                if (code >= 50000) {
                    return RecordStatus.RETRY; // 50001, 50003 (retriable Kafka error), 50302 (broker unavailable)
                }
                // 40402 partition not found, 42201-42208 bad record, and every other client-side code
                return code >= 40000 && code < 50000 ? RecordStatus.REJECTED : RecordStatus.RETRY;
        }
    }

    /**
     * HTTP-style per-record codes (Strimzi HTTP Bridge: 404 for a topic the producer finds no metadata for, 500 for
     * any other Kafka exception, with the exception's message).
     */
    private static RecordStatus httpStyle(int code, String m) {
        if (code == 404) {
            return RecordStatus.TOPIC_MISSING;
        }
        if (code == 401 || code == 403 || m.contains("not authorized")) {
            return RecordStatus.AUTH_FAILED;
        }
        if (code == 413 || tooLarge(m)) {
            return RecordStatus.TOO_LARGE;
        }
        if (code == 408 || code == 429) {
            return RecordStatus.RETRY;
        }
        if (code >= 400 && code < 500) {
            return RecordStatus.REJECTED; // 400, 422, …: this record, as it is, will never be taken
        }
        if (code == 500 && nonRetriableKafkaError(m)) {
            // Strimzi wraps every Kafka exception in a 500: its text tells a bad record from a passing failure
            return RecordStatus.REJECTED;
        }
        return RecordStatus.RETRY; // 500 (timeouts, leader moves, …), 502, 503, 504 and unknown codes
    }

    /** Kafka exception texts that no resend changes (invalid or corrupt record, serializer, unsupported). */
    private static boolean nonRetriableKafkaError(String m) {
        return m.contains("invalid")
                || m.contains("corrupt")
                || m.contains("serializ")
                || m.contains("unsupported")
                || m.contains("illegal");
    }

    private static boolean tooLarge(String m) {
        return m.contains("too large") || m.contains("larger than");
    }

    /** A whole-request HTTP status (anything but 200). */
    static RecordStatus forHttpStatus(int status) {
        if (status == 401 || status == 403) {
            return RecordStatus.AUTH_FAILED;
        }
        if (status == 404) {
            return RecordStatus.TOPIC_MISSING;
        }
        if (status == 413) {
            return RecordStatus.TOO_LARGE;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return RecordStatus.RETRY;
        }
        // 400, 415, 422 and any other answer to the whole request (a 3xx from a front end included): the request
        // or the configuration is at fault, not the records; dead-lettering them all would be the wrong fix.
        return RecordStatus.REFUSED;
    }
}

package io.lpmsedge.bridge.delivery.rest;

import io.lpmsedge.bridge.delivery.RecordStatus;

import java.util.Locale;

/**
 * The Kafka REST contract's error codes mapped to what the sender does (docs/rest-proxy-contract.md#error-codes).
 */
final class ErrorCodes {
    private ErrorCodes() {
    }

    /** A per-record error code (v2 entry {@code error_code}, v3 report {@code error_code} other than 200). */
    static RecordStatus forRecord(int code, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("not present in metadata")) {
            return RecordStatus.TOPIC_MISSING; // v2 shape of an unknown topic (50003 after max.block.ms)
        }
        switch (code) {
            case 40401:
            case 40403:
            case 404:
                return RecordStatus.TOPIC_MISSING;
            case 40101:
            case 40301:
            case 401:
            case 403:
                return RecordStatus.AUTH_FAILED;
            case 413:
                return RecordStatus.TOO_LARGE;
            case 400:
            case 42201:
            case 42202:
            case 42203:
            case 42205:
            case 42206:
            case 42208:
                return RecordStatus.REJECTED;
            case 50002:
                // "any other KafkaException": not retriable, except a record too large, which a split may fix
                return m.contains("too large") ? RecordStatus.TOO_LARGE : RecordStatus.REJECTED;
            default:
                // 408 (stream too old), 429 / 42901 (rate limits: not written), 50003, 50302 and unknown codes:
                // retrying is safe; a duplicate is possible and is removed downstream by key.
                return RecordStatus.RETRY;
        }
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
        return RecordStatus.REJECTED; // 400, 415, 422 and other client errors: resending cannot help
    }
}

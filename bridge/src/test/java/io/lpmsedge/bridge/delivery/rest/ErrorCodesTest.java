package io.lpmsedge.bridge.delivery.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.bridge.delivery.RecordStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both families of per-record codes, and whole-request statuses, mapped to what the sender does. */
class ErrorCodesTest {

    @ParameterizedTest(name = "Confluent {0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "40401 | Topic not found.                                   | TOPIC_MISSING",
                "40403 | This server does not host this topic-partition.    | TOPIC_MISSING",
                "40101 | Unauthorized                                       | AUTH_FAILED",
                "40301 | Not authorized to access topics                    | AUTH_FAILED",
                "40402 | Partition not found.                               | REJECTED",
                "42201 | Bad record                                         | REJECTED",
                "42208 | Bad record                                         | REJECTED",
                "40099 | a client code nobody listed                        | REJECTED",
                "42901 | Rate limit exceeded                                | RETRY",
                "50002 | InvalidRecordException                             | REJECTED",
                "50002 | The message is 2000000 bytes when serialized which is larger than 1048576 | TOO_LARGE",
                "50003 | Request timed out                                  | RETRY",
                "50003 | Topic readings not present in metadata after 60000 ms. | TOPIC_MISSING",
                "50302 | Broker not available                               | RETRY",
                "50001 | Internal server error                              | RETRY",
            })
    void confluentFiveDigitCodes(int code, String message, RecordStatus expected) {
        assertEquals(expected, ErrorCodes.forRecord(code, message));
    }

    @ParameterizedTest(name = "Strimzi {0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "404 | Topic readings not present in metadata after 60000 ms. | TOPIC_MISSING",
                "404 | Not Found                                              | TOPIC_MISSING",
                "401 | Unauthorized                                           | AUTH_FAILED",
                "500 | Not authorized to access topics: [readings]            | AUTH_FAILED",
                "413 | Request Entity Too Large                               | TOO_LARGE",
                "500 | The message is 2000000 bytes when serialized which is larger than 1048576 | TOO_LARGE",
                "400 | Bad Request                                            | REJECTED",
                "422 | Unprocessable entity                                   | REJECTED",
                "500 | Invalid record: CorruptRecordException                 | REJECTED",
                "500 | Can't convert value: SerializationException           | REJECTED",
                "500 | Expiring 1 record(s) for readings-0: 120000 ms has passed | RETRY",
                "500 | The server disconnected before a response was received. | RETRY",
                "503 | Service Unavailable                                    | RETRY",
                "429 | Too Many Requests                                      | RETRY",
                "408 | Request Timeout                                        | RETRY",
            })
    void strimziHttpStyleCodes(int code, String message, RecordStatus expected) {
        assertEquals(expected, ErrorCodes.forRecord(code, message));
    }

    @ParameterizedTest(name = "HTTP {0} for the whole request -> {1}")
    @CsvSource({
        "400, REFUSED",
        "415, REFUSED",
        "422, REFUSED",
        "405, REFUSED",
        "301, REFUSED",
        "401, AUTH_FAILED",
        "403, AUTH_FAILED",
        "404, TOPIC_MISSING",
        "413, TOO_LARGE",
        "408, RETRY",
        "429, RETRY",
        "500, RETRY",
        "502, RETRY",
        "504, RETRY"
    })
    void wholeRequestStatuses(int status, RecordStatus expected) {
        assertEquals(expected, ErrorCodes.forHttpStatus(status));
    }
}

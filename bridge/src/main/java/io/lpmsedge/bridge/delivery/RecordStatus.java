package io.lpmsedge.bridge.delivery;

/**
 * What a sink says happened to one record. The {@link Sender} turns these into actions, in one place, following
 * the retry table of the Kafka REST contract (docs/rest-proxy-contract.md#retry-table).
 */
public enum RecordStatus {
    /** Written to Kafka. Only now may it leave the spool. */
    DELIVERED,
    /** Not written, or unknown (timeout, lost response, 5xx, 429): send again, after a back-off; a duplicate
     * is possible and is removed downstream by the record's key. */
    RETRY,
    /** Too large for one request: split the batch; a single record that is too large is dead-lettered. */
    TOO_LARGE,
    /** The topic does not exist: alert and back off for minutes, keep buffering. */
    TOPIC_MISSING,
    /** Credentials or ACL refused: stop sending, alert, keep buffering, try again slowly. */
    AUTH_FAILED,
    /** A client error that resending cannot fix (400, 415, 422): park in the dead-letter file, alert. */
    REJECTED
}

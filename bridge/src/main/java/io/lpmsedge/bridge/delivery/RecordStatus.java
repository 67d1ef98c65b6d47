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
    /** This one record was refused for good in the far side's own per-record report (a per-record 400, 422,
     * 40402…): park it in the dead-letter file, alert. Never for a whole request: see {@link #REFUSED}. */
    REJECTED,
    /**
     * The far side refused the request as a whole (a 4xx for the whole batch: 400, 415, 422…, an HTML page from a
     * front end, a proxy without the API spoken to it): a request or configuration problem, not a bad record.
     * Keep every record in the spool, stop the sink's progress for a long back-off, alert once with the far
     * side's words; it resumes by itself once someone has fixed the proxy or the config.
     */
    REFUSED
}

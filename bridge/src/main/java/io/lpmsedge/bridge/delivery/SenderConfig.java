package io.lpmsedge.bridge.delivery;

import java.time.Duration;

/**
 * Batching and retry settings of one sink (the {@code [[sink]]} keys with the same names).
 *
 * @param batchMaxRecords    records per request at most
 * @param batchMaxBytes      value bytes per request at most
 * @param linger             how long to wait for a batch to fill before sending a partial one
 * @param retryBackoffInitial first wait after a retryable failure; doubles with jitter up to the max
 * @param retryBackoffMax    cap of that wait (a server's Retry-After may ask for more and is honoured)
 * @param topicMissingBackoff wait after "topic not found" (do not hot-loop; someone must create it)
 * @param authFailureBackoff wait after 401/403 (credentials or ACL must be fixed)
 * @param authFailureBackoff wait after 401/403 and after any other refusal only an operator can fix (a request
 *                           refused as a whole, a dead-letter file that cannot take a record); the whole sink holds
 * @param maxInFlight        requests in flight at once; keys are split into this many lanes so one key never has
 *                           two requests in flight (1 = strictly one request at a time)
 * @param reconnectBackoffMax cap of the wait after a failure to reach the far side at all (connection refused, no
 *                           route): such an attempt costs nothing on either side, and a low cap resumes delivery
 *                           within about this long after an outage ends, where the growing back-off took seconds
 */
public record SenderConfig(
        int batchMaxRecords,
        int batchMaxBytes,
        Duration linger,
        Duration retryBackoffInitial,
        Duration retryBackoffMax,
        Duration topicMissingBackoff,
        Duration authFailureBackoff,
        int maxInFlight,
        Duration reconnectBackoffMax) {
    /** The default {@link #reconnectBackoffMax}. */
    public static final Duration RECONNECT_BACKOFF_MAX = Duration.ofMillis(250);

    public static final SenderConfig DEFAULTS = new SenderConfig(
            500,
            1_000_000,
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            4,
            RECONNECT_BACKOFF_MAX);

    public SenderConfig {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max_in_flight must be at least 1, was " + maxInFlight);
        }
        if (reconnectBackoffMax == null || reconnectBackoffMax.isNegative()) {
            throw new IllegalArgumentException("reconnect back-off max must be >= 0, was " + reconnectBackoffMax);
        }
    }

    /** With the default reconnect back-off cap. */
    public SenderConfig(
            int batchMaxRecords,
            int batchMaxBytes,
            Duration linger,
            Duration retryBackoffInitial,
            Duration retryBackoffMax,
            Duration topicMissingBackoff,
            Duration authFailureBackoff,
            int maxInFlight) {
        this(
                batchMaxRecords,
                batchMaxBytes,
                linger,
                retryBackoffInitial,
                retryBackoffMax,
                topicMissingBackoff,
                authFailureBackoff,
                maxInFlight,
                RECONNECT_BACKOFF_MAX);
    }

    /** One request in flight at a time. */
    public SenderConfig(
            int batchMaxRecords,
            int batchMaxBytes,
            Duration linger,
            Duration retryBackoffInitial,
            Duration retryBackoffMax,
            Duration topicMissingBackoff,
            Duration authFailureBackoff) {
        this(
                batchMaxRecords,
                batchMaxBytes,
                linger,
                retryBackoffInitial,
                retryBackoffMax,
                topicMissingBackoff,
                authFailureBackoff,
                1);
    }

    public SenderConfig withMaxInFlight(int n) {
        return new SenderConfig(
                batchMaxRecords,
                batchMaxBytes,
                linger,
                retryBackoffInitial,
                retryBackoffMax,
                topicMissingBackoff,
                authFailureBackoff,
                n,
                reconnectBackoffMax);
    }

    public SenderConfig withReconnectBackoffMax(Duration d) {
        return new SenderConfig(
                batchMaxRecords,
                batchMaxBytes,
                linger,
                retryBackoffInitial,
                retryBackoffMax,
                topicMissingBackoff,
                authFailureBackoff,
                maxInFlight,
                d);
    }
}

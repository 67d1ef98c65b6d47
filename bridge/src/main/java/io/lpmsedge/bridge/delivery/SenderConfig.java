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
 * @param maxInFlight        requests in flight at once; keys are split into this many lanes so one key never has
 *                           two requests in flight (1 = strictly one request at a time)
 */
public record SenderConfig(int batchMaxRecords, int batchMaxBytes, Duration linger, Duration retryBackoffInitial,
                           Duration retryBackoffMax, Duration topicMissingBackoff, Duration authFailureBackoff,
                           int maxInFlight) {
    public static final SenderConfig DEFAULTS = new SenderConfig(500, 1_000_000, Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(1), 4);

    public SenderConfig {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max_in_flight must be at least 1, was " + maxInFlight);
        }
    }

    /** One request in flight at a time. */
    public SenderConfig(int batchMaxRecords, int batchMaxBytes, Duration linger, Duration retryBackoffInitial,
                        Duration retryBackoffMax, Duration topicMissingBackoff, Duration authFailureBackoff) {
        this(batchMaxRecords, batchMaxBytes, linger, retryBackoffInitial, retryBackoffMax, topicMissingBackoff,
                authFailureBackoff, 1);
    }

    public SenderConfig withMaxInFlight(int n) {
        return new SenderConfig(batchMaxRecords, batchMaxBytes, linger, retryBackoffInitial, retryBackoffMax,
                topicMissingBackoff, authFailureBackoff, n);
    }
}

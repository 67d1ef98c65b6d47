package io.lpmsedge.bridge.delivery;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * The answer to one batch: a status per record, in batch order, plus what the far side said about waiting
 * ({@code Retry-After}) and a human-readable reason for logs and the dead-letter file.
 *
 * @param statuses   one per record of the batch
 * @param retryAfter the server's requested wait, or null
 * @param reasons    per record, a short reason (error code and message) where it was not delivered; may be null
 * @param httpStatus the HTTP status (0 where there is none), counted by code
 */
public record SendResult(List<RecordStatus> statuses, Duration retryAfter, List<String> reasons, int httpStatus) {
    public SendResult {
        statuses = List.copyOf(statuses);
        reasons = reasons == null ? null : Collections.unmodifiableList(reasons);
    }

    /** Every record of a batch of {@code size} got the same status. */
    public static SendResult all(int size, RecordStatus status, Duration retryAfter, String reason, int httpStatus) {
        return new SendResult(Collections.nCopies(size, status), retryAfter, Collections.nCopies(size, reason),
                httpStatus);
    }

    public String reason(int i) {
        return reasons == null ? null : reasons.get(i);
    }
}

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
 * @param httpStatus the HTTP status (0 where there is none), for the record only; the policy reads {@code scope}
 * @param scope      whether the outcome is one verdict on the whole request (a timeout, an HTTP error status:
 *                   counted once) or a verdict per record from the far side's report (counted per record)
 */
public record SendResult(
        List<RecordStatus> statuses, Duration retryAfter, List<String> reasons, int httpStatus, Scope scope) {
    /** Who the outcome is about. */
    public enum Scope {
        /** The request as a whole: one answer for every record (HTTP status, timeout, lost connection). */
        REQUEST,
        /** Each record by itself: the far side's per-record report (failures inside an HTTP 200). */
        RECORD,
        /**
         * The far side was not reached (connection refused, no route, unknown host): nothing was sent, so the
         * sender tries again soon (its reconnect back-off), to resume within a second of the far side's return.
         */
        CONNECTION
    }

    public SendResult {
        statuses = List.copyOf(statuses);
        reasons = reasons == null ? null : Collections.unmodifiableList(reasons);
        if (scope == null) {
            throw new IllegalArgumentException("scope is required");
        }
    }

    /**
     * The form before {@link Scope} existed (kept source-compatible for every sink): an HTTP 200 means a
     * per-record report, anything else one verdict on the request.
     */
    public SendResult(List<RecordStatus> statuses, Duration retryAfter, List<String> reasons, int httpStatus) {
        this(statuses, retryAfter, reasons, httpStatus, httpStatus == 200 ? Scope.RECORD : Scope.REQUEST);
    }

    /** Every record of a batch of {@code size} got the same status, as one verdict on the request. */
    public static SendResult all(int size, RecordStatus status, Duration retryAfter, String reason, int httpStatus) {
        return new SendResult(
                Collections.nCopies(size, status),
                retryAfter,
                Collections.nCopies(size, reason),
                httpStatus,
                Scope.REQUEST);
    }

    /** Every record of the batch to be sent again: the far side could not be reached at all. */
    public static SendResult unreachable(int size, String reason) {
        return new SendResult(
                Collections.nCopies(size, RecordStatus.RETRY),
                null,
                Collections.nCopies(size, reason),
                0,
                Scope.CONNECTION);
    }

    public String reason(int i) {
        return reasons == null ? null : reasons.get(i);
    }
}

package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.spool.SpooledRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the sender does with one batch's answer, decided in one place and without I/O or time (the only side
 * effect, parking a record, goes through {@link Parker}): which records go again, in which order, what is counted,
 * and which single action follows. The sender applies the {@link Decision}; tests call {@link #decide} directly.
 *
 * <p>Per key, order is kept: once a record of a key is not done, every later record of that key in the batch is
 * sent again after it, whatever its own fate (a delivered one becomes a duplicate, removed downstream by its key).
 */
final class OutcomePolicy {
    private OutcomePolicy() {}

    /** Parks a record refused for good; returns null once it is parked, else why it could not be. */
    @FunctionalInterface
    interface Parker {
        String park(SpooledRecord record, String reason);
    }

    /** The one thing the sender does after applying the decision, most urgent first. */
    enum Action {
        /** Credentials refused: alert, the whole sink holds for the operator back-off. */
        AUTH,
        /** The request was refused as a whole: alert with the far side's words, the whole sink holds. */
        REFUSED,
        /** A record refused for good could not be parked: it stays; alert, wait the operator back-off. */
        PARK_FAILED,
        /** The topic does not exist: alert, wait the topic back-off. */
        TOPIC_MISSING,
        /** A passing failure: wait the (reconnect) back-off or Retry-After. */
        RETRY,
        /** Too large: halve the batch limit, no wait. */
        SPLIT,
        /** Everything done: reset the back-offs, clear the alert. */
        DONE
    }

    /**
     * @param action               what follows
     * @param resend               records to put back at the head of the lane, in order
     * @param delivered            records the far side confirmed (and that are not sent again)
     * @param resentAfterDelivery  confirmed records sent again to keep their key's order
     * @param retried              records that failed and go again
     * @param errorCodes           failure labels to count: one per failed record of a per-record report, else
     *                             one for the whole request
     * @param reason               the first failure's reason, for logs and alerts ("no reason given" when none)
     * @param unparked             the first record that could not be parked, or null
     * @param parkFailure          why it could not be, or null
     */
    record Decision(
            Action action,
            List<SpooledRecord> resend,
            int delivered,
            int resentAfterDelivery,
            int retried,
            List<String> errorCodes,
            String reason,
            SpooledRecord unparked,
            String parkFailure) {}

    static Decision decide(List<SpooledRecord> batch, SendResult result, Parker parker) {
        Set<String> blockedKeys = new HashSet<>();
        List<SpooledRecord> resend = new ArrayList<>();
        List<String> errorCodes = new ArrayList<>();
        boolean auth = false;
        boolean topicMissing = false;
        boolean retry = false;
        boolean tooLarge = false;
        boolean refused = false;
        String parkFailure = null;
        SpooledRecord unparked = null;
        int delivered = 0;
        int resentAfterDelivery = 0;
        int retried = 0;
        boolean perRecord = result.scope() == SendResult.Scope.RECORD;
        // Every record of a batch refused alike is a request refused, not that many bad records.
        boolean refusedAlike = batch.size() > 1 && refusedAlike(result);
        for (int i = 0; i < batch.size(); i++) {
            SpooledRecord r = batch.get(i);
            RecordStatus status = result.statuses().get(i);
            String key = r.entry().key();
            if (blockedKeys.contains(key)) {
                // An earlier record of this key failed: resend this one after it, whatever its own fate.
                resend.add(r);
                if (status == RecordStatus.DELIVERED) {
                    resentAfterDelivery++;
                }
                continue;
            }
            if (status == RecordStatus.REJECTED && refusedAlike) {
                status = RecordStatus.REFUSED;
            }
            if (status == RecordStatus.TOO_LARGE && batch.size() > 1) {
                tooLarge = true;
                blockedKeys.add(key);
                resend.add(r);
                continue;
            }
            switch (status) {
                case DELIVERED -> delivered++;
                case REJECTED, TOO_LARGE -> {
                    // a single record too large cannot be split further: refused for good like a rejected one
                    String why = status == RecordStatus.TOO_LARGE
                            ? "too large for one request: " + result.reason(i)
                            : result.reason(i);
                    String failure = parker.park(r, why);
                    if (failure != null) {
                        parkFailure = parkFailure == null ? failure : parkFailure;
                        unparked = unparked == null ? r : unparked;
                        blockedKeys.add(key);
                        resend.add(r);
                    }
                }
                case RETRY, TOPIC_MISSING, AUTH_FAILED, REFUSED -> {
                    blockedKeys.add(key);
                    resend.add(r);
                    retried++;
                    retry |= status == RecordStatus.RETRY;
                    topicMissing |= status == RecordStatus.TOPIC_MISSING;
                    auth |= status == RecordStatus.AUTH_FAILED;
                    refused |= status == RecordStatus.REFUSED;
                    if (perRecord) {
                        // a failure inside the far side's per-record report: counted per record by its code
                        errorCodes.add(result.reason(i) == null ? status.name() : codeOf(result.reason(i)));
                    }
                }
            }
        }
        String reason = firstReason(result);
        if (!perRecord && !resend.isEmpty()) {
            // a whole request failed (HTTP status, timeout, lost connection): counted once per request
            errorCodes.add(codeOf(reason));
        }
        Action action = auth
                ? Action.AUTH
                : refused
                        ? Action.REFUSED
                        : parkFailure != null
                                ? Action.PARK_FAILED
                                : topicMissing
                                        ? Action.TOPIC_MISSING
                                        : retry ? Action.RETRY : tooLarge ? Action.SPLIT : Action.DONE;
        return new Decision(
                action, resend, delivered, resentAfterDelivery, retried, errorCodes, reason, unparked, parkFailure);
    }

    /** Every record refused for good with the same code: the far side refused the request, not the records. */
    static boolean refusedAlike(SendResult result) {
        String code = null;
        for (int i = 0; i < result.statuses().size(); i++) {
            String reason = result.reason(i);
            if (result.statuses().get(i) != RecordStatus.REJECTED || reason == null) {
                return false;
            }
            if (code == null) {
                code = codeOf(reason);
            } else if (!code.equals(codeOf(reason))) {
                return false;
            }
        }
        return code != null;
    }

    static String firstReason(SendResult result) {
        for (int i = 0; i < result.statuses().size(); i++) {
            if (result.statuses().get(i) != RecordStatus.DELIVERED && result.reason(i) != null) {
                return result.reason(i);
            }
        }
        return "no reason given";
    }

    /** "50003: timeout" → "50003"; used as the error counter's label. */
    static String codeOf(String reason) {
        int colon = reason.indexOf(':');
        return colon > 0 ? reason.substring(0, colon) : reason;
    }
}

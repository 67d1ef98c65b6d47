package io.lpmsedge.devstack;

import java.util.Arrays;

/**
 * A per-record error inside an HTTP 200: a v2 {@code offsets} entry {@code {"partition":null,"offset":null,
 * "error_code":code,"error":message}} or a v3 delivery report {@code {"error_code":code,"message":message}}.
 * Records are numbered from 0 in the order the produce endpoints receive them after the fault is armed, across
 * requests and across v2/v3, so a test can say "the 3rd and 7th record the sink sends fail".
 *
 * <p>By default the faulted record is not written to Kafka (true for 429, 413, 40401, 50002). A {@code 50003} from
 * a real proxy is often a timeout after the broker did append the record; {@link #butWritten()} reproduces that,
 * so a retry stores a duplicate.
 *
 * @param errorCode code put in the entry / report (e.g. 50003, 50002, 40401, 429, 413)
 * @param message   text for {@code error} (v2) / {@code message} (v3)
 * @param every     fail ordinals {@code every-1, 2*every-1, …}; 0 when {@code ordinals} is used
 * @param ordinals  the ordinals to fail (sorted); empty when {@code every} is used
 * @param written   produce the record to Kafka anyway, then report the error
 */
public record RecordFault(int errorCode, String message, int every, long[] ordinals, boolean written) {
    public RecordFault {
        if (every < 0 || (every == 0) == (ordinals.length == 0)) {
            throw new IllegalArgumentException("give either every > 0 or a non-empty list of ordinals");
        }
        ordinals = ordinals.clone();
        Arrays.sort(ordinals);
    }

    /** Every {@code n}-th record (the n-th, 2n-th, … received after arming) fails with {@code errorCode}. */
    public static RecordFault everyNth(int n, int errorCode) {
        return new RecordFault(errorCode, defaultMessage(errorCode), n, new long[0], false);
    }

    /** Every record fails with {@code errorCode} until the fault is cleared. */
    public static RecordFault all(int errorCode) {
        return everyNth(1, errorCode);
    }

    /** The records with these 0-based ordinals (counted from arming) fail with {@code errorCode}. */
    public static RecordFault atOrdinals(int errorCode, long... ordinals) {
        return new RecordFault(errorCode, defaultMessage(errorCode), 0, ordinals, false);
    }

    public RecordFault withMessage(String text) {
        return new RecordFault(errorCode, text, every, ordinals, written);
    }

    /** Writes the record to Kafka and still reports the error: the "timed out but appended" 50003. */
    public RecordFault butWritten() {
        return new RecordFault(errorCode, message, every, ordinals, true);
    }

    /** A copy: the record stays immutable. */
    @Override
    public long[] ordinals() {
        return ordinals.clone();
    }

    boolean matches(long ordinal) {
        return every > 0 ? (ordinal + 1) % every == 0 : Arrays.binarySearch(ordinals, ordinal) >= 0;
    }

    /** Whether no ordinal after {@code ordinal} can match any more (then the fault is used up). */
    boolean exhaustedAfter(long ordinal) {
        return every == 0 && ordinal >= ordinals[ordinals.length - 1];
    }

    private static String defaultMessage(int code) {
        switch (code) {
            case 50003:
                return "Expiring 1 record(s): delivery timed out (injected by the stand-in)";
            case 50002:
                return "Kafka error (injected by the stand-in)";
            case 40401:
                return "This server does not host this topic-partition. (injected by the stand-in)";
            case 429:
                return "Rate limit exceeded (injected by the stand-in)";
            case 413:
                return "The record is larger than the maximum the server accepts (injected by the stand-in)";
            default:
                return "Error " + code + " (injected by the stand-in)";
        }
    }
}

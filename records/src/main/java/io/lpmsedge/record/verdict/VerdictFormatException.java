package io.lpmsedge.record.verdict;

/**
 * A record value that is not a verdict event this code can read. {@link #kind()} says which way, so a reader can
 * count each kind (the fleet's {@code verdicts/not-json}, …); the message names the problem and what was found.
 */
public final class VerdictFormatException extends Exception {
    /** How a value failed. */
    public enum Kind {
        /** Not JSON, or not a JSON object (garbage, a tombstone, another producer's bytes). */
        NOT_JSON("not-json"),
        /** A {@code schema} this code does not know: a newer producer; upgrade the reader. */
        UNKNOWN_SCHEMA("unknown-schema"),
        /** A known schema with a missing, mistyped or contradictory field. */
        INVALID("invalid");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind as counters and pages name it: {@code not-json}, {@code unknown-schema}, {@code invalid}. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;

    public VerdictFormatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package io.lpmsedge.record.status;

/**
 * A record value that is not a status event this code can read. {@link #kind()} says which way, so a reader can
 * count each kind; the message names the problem and what was found.
 */
public final class StatusFormatException extends Exception {
    /** How a value failed. */
    public enum Kind {
        /** Not JSON, or not a JSON object (garbage, a tombstone, another producer's bytes). */
        NOT_JSON,
        /** A {@code schema} this code does not know: a newer bridge; upgrade the reader. */
        UNKNOWN_SCHEMA,
        /** Schema 1 JSON with a missing, mistyped or nonsensical field. */
        INVALID
    }

    private final Kind kind;

    public StatusFormatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

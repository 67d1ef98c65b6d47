package io.lpmsedge.scorer.input;

/** An input file that cannot be read as what it claims to be; the message names the file, place and fix. */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}

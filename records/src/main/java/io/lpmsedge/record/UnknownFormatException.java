package io.lpmsedge.record;

/** A readings record that is not schema 1 as the bridge writes it; the message names what it is and what is read. */
public final class UnknownFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnknownFormatException(String message) {
        super(message);
    }
}

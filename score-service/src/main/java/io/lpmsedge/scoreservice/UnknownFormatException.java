package io.lpmsedge.scoreservice;

/** A readings record this service cannot read; the message names what it is and what the service reads. */
final class UnknownFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    UnknownFormatException(String message) {
        super(message);
    }
}

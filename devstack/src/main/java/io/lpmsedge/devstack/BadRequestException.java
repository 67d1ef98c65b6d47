package io.lpmsedge.devstack;

/** A request or record the proxy would refuse as a client error; carries the Confluent error code. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errorCode;

    BadRequestException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    int errorCode() {
        return errorCode;
    }
}

package io.lpmsedge.scorer.command;

/** Ends a sub-command with exit status 2 and a one-line message naming the problem and the fix. */
final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}

package io.lpmsedge.cli;

/**
 * Ends a sub-command with exit status {@link LpmsEdge#EXIT_BAD_INPUT} and a message naming the problem and the
 * fix: an unreadable or invalid input file, an option value that cannot work, a far side that refuses the
 * settings. Thrown out of a command's {@code call()}; {@link BadInputHandler} prints it and picks the exit status,
 * so no command repeats that block. A message of several lines (several problems) is printed line by line.
 */
public class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

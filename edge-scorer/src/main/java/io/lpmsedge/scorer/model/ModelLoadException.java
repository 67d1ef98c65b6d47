package io.lpmsedge.scorer.model;

/** A model file that cannot be loaded or used; the message names the file, the problem and the fix. */
public final class ModelLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

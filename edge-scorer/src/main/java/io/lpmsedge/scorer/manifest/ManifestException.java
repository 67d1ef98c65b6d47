package io.lpmsedge.scorer.manifest;

/** A manifest that cannot be read or does not fit its model; the message names both sides and the fix. */
public final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.lpmsedge.bridge.session;

/** The sensor did not accept or confirm its configuration; the message names the setting. */
public final class ConfigureException extends Exception {
    public ConfigureException(String message) {
        super(message);
    }
}

package io.lpmsedge.bridge.delivery.rest;

/** A password or token: kept out of toString, logs and error messages. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}

package io.lpmsedge.bridge.secret;

/**
 * A password or token: kept out of toString, logs and error messages. In a package of its own because both the ops
 * server's basic auth and the REST sink hold one, and neither should depend on the other.
 */
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

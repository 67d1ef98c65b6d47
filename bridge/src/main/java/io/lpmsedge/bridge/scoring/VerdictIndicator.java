package io.lpmsedge.bridge.scoring;

/**
 * Shows the bridge's verdict outside the software: a stack light, buzzer or relay that is on while any scored sensor
 * is in FAILURE. Called from the scorer thread only.
 */
public interface VerdictIndicator extends AutoCloseable {
    /** No GPIO configured. */
    VerdictIndicator NONE = new VerdictIndicator() {
        @Override
        public void show(boolean anyFailure) {}

        @Override
        public void close() {}
    };

    void show(boolean anyFailure);

    /** Leaves the output inactive and releases it. */
    @Override
    void close();
}

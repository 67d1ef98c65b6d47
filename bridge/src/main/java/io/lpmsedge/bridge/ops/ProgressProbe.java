package io.lpmsedge.bridge.ops;

/** Takes a {@link ProgressSnapshot} of a running pipeline; called from the watchdog thread. */
@FunctionalInterface
public interface ProgressProbe {
    ProgressSnapshot snapshot();
}

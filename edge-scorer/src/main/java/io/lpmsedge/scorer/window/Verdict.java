package io.lpmsedge.scorer.window;

/** The state a sensor's windows put it in. */
public enum Verdict {
    OK,
    FAILURE
}

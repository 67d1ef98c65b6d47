package io.lpmsedge.bridge.session;

/** Where a sensor's session is in its life cycle (exposed in status and, later, metrics). */
public enum LinkState {
    CONNECTING,
    CONFIGURING,
    STREAMING,
    BACKOFF,
    STOPPED
}

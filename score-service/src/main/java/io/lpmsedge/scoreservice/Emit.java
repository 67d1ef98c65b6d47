package io.lpmsedge.scoreservice;

/** Which windows become verdict events. */
enum Emit {
    /** Only windows that change a sensor's verdict, as the bridge publishes on the Pi. */
    CHANGES,
    /** Every closed window (a verdict heartbeat; dashboards, and the rebalance tests). */
    WINDOWS;

    static Emit parse(String s) {
        return switch (s) {
            case "changes" -> CHANGES;
            case "windows" -> WINDOWS;
            default -> throw new IllegalArgumentException("--emit must be changes or windows, got '" + s + "'");
        };
    }
}

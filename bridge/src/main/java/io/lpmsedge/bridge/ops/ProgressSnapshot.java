package io.lpmsedge.bridge.ops;

import java.util.List;

/**
 * What the pipeline had done at one instant, reduced to what the watchdog needs: monotonic activity counts
 * that change whenever a part does something, and whether the dispatcher thread is alive.
 *
 * @param sensors         one entry per configured sensor
 * @param dispatcherAlive the dispatcher thread (hand-off → spool and taps) is running
 * @param dispatched      readings the dispatcher has written so far
 * @param queued          readings waiting in the hand-off for the dispatcher
 * @param sinks           one entry per configured sink (empty without delivery)
 */
public record ProgressSnapshot(
        List<Sensor> sensors, boolean dispatcherAlive, long dispatched, int queued, List<Sink> sinks) {
    public ProgressSnapshot {
        sensors = List.copyOf(sensors);
        sinks = List.copyOf(sinks);
    }

    /**
     * @param activity sum of the session's monotonic counters: readings, connects, connect failures, configure
     *                 failures, stalls and disconnects. It changes on every reading and at the end of every step
     *                 of the reconnect loop.
     * @param state    the link state, for the status line and the "no progress" reason
     */
    public record Sensor(String name, String state, long activity) {}

    /**
     * @param pending  spooled records this sink has not had confirmed
     * @param activity sum of the sender's monotonic counters: requests, delivered, dead-lettered
     */
    public record Sink(String name, long pending, long activity) {}
}

package io.lpmsedge.bridge.fleetstatus;

import io.lpmsedge.bridge.config.StatusConfig;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.SensorStatus;
import io.lpmsedge.bridge.status.SinkStatus;
import io.lpmsedge.bridge.status.SpoolStatus;
import io.lpmsedge.record.status.StatusEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the bridge's {@link BridgeStatus} snapshots (the same ones the status page shows) into status events,
 * and tells which snapshot differs from the last in a way the fleet must hear about at once. Not thread-safe:
 * one publisher thread calls it.
 *
 * <p>A sink's "last error" is the code whose count rose most recently, as seen between snapshots: the sender's
 * counters keep failures by code, not a last message, and this reads them without touching the sender.
 */
final class StatusEventBuilder {
    private final StatusConfig config;
    private final String version;
    private final long spoolMaxBytes;
    private final Function<String, String> modelOf;
    private final Map<String, Map<String, Long>> previousErrors = new HashMap<>();
    private final Map<String, String> lastError = new HashMap<>();
    private long seq;

    /**
     * @param spoolMaxBytes {@code [spool] max_bytes}, the scale of the fleet page's backlog bar
     * @param modelOf       the model file name scoring a sensor, null when it is not scored
     */
    StatusEventBuilder(StatusConfig config, String version, long spoolMaxBytes, Function<String, String> modelOf) {
        this.config = config;
        this.version = version;
        this.spoolMaxBytes = spoolMaxBytes;
        this.modelOf = modelOf;
    }

    /**
     * What must trigger an event at once when it changes: each sensor's link state and verdict, each sink's
     * being stuck, the spool being above the mark. Rates and ages change all the time and wait for the interval.
     */
    record Signature(List<String> sensors, List<String> stuckSinks, boolean spoolAboveMark) {}

    Signature signature(BridgeStatus st) {
        List<String> sensors = new ArrayList<>();
        for (SensorStatus s : st.sensors()) {
            // a sensor in back-off flips CONNECTING/CONFIGURING/BACKOFF every attempt: only up or not is a change
            sensors.add(s.name() + "=" + (s.state() == LinkState.STREAMING ? "up" : "down") + "/"
                    + (s.scoring() == null ? "-" : s.scoring().verdict()));
        }
        List<String> stuck = new ArrayList<>();
        for (SinkStatus s : st.sinks()) {
            if (stuck(s)) {
                stuck.add(s.name());
            }
        }
        SpoolStatus sp = st.spool();
        return new Signature(sensors, stuck, sp != null && sp.bytes() > config.spoolMarkBytes());
    }

    /** A sink holding on a problem (a refused request, a full dead-letter file) is stuck at once: no wait. */
    private boolean stuck(SinkStatus s) {
        return s.problem() != null
                || s.pending() > 0
                        && (s.lastSuccessAgeMillis() < 0
                                || s.lastSuccessAgeMillis() > config.sinkStuck().toMillis());
    }

    /** Follows each sink's error counts; call with every snapshot, published or not, so "last" stays last. */
    void observeErrors(BridgeStatus st) {
        for (SinkStatus s : st.sinks()) {
            Map<String, Long> before = previousErrors.getOrDefault(s.name(), Map.of());
            for (Map.Entry<String, Long> e : s.errors().entrySet()) {
                if (e.getValue() > before.getOrDefault(e.getKey(), 0L)) {
                    lastError.put(s.name(), e.getKey());
                }
            }
            previousErrors.put(s.name(), s.errors());
        }
    }

    StatusEvent build(BridgeStatus st, String reason) {
        List<StatusEvent.Sensor> sensors = new ArrayList<>();
        for (SensorStatus s : st.sensors()) {
            String verdict = s.scoring() == null ? null : s.scoring().verdict();
            sensors.add(new StatusEvent.Sensor(
                    s.name(),
                    s.state().name(),
                    s.readingsPerSecond(),
                    s.lastReadingAgeMillis(),
                    s.readings(),
                    s.framesLrcMismatch() + s.framesBadEndBytes() + s.framesLengthOutOfRange(),
                    verdict,
                    verdict == null ? null : modelOf.apply(s.name())));
        }
        SpoolStatus sp = st.spool();
        StatusEvent.Spool spool = sp == null
                ? null
                : new StatusEvent.Spool(sp.bytes(), spoolMaxBytes, sp.records(), sp.oldestAgeMillis());
        List<StatusEvent.Sink> sinks = new ArrayList<>();
        for (SinkStatus s : st.sinks()) {
            long errors =
                    s.errors().values().stream().mapToLong(Long::longValue).sum();
            sinks.add(new StatusEvent.Sink(
                    s.name(), s.pending(), s.lastSuccessAgeMillis(), lastError.get(s.name()), errors, s.problem()));
        }
        return new StatusEvent(
                st.bridge(),
                st.bootId(),
                version,
                seq++,
                st.timeMillis(),
                st.uptimeMillis(),
                config.interval().toMillis(),
                reason,
                sensors,
                spool,
                sinks);
    }
}

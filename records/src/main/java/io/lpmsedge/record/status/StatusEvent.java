package io.lpmsedge.record.status;

import java.util.List;
import java.util.Objects;

/**
 * A bridge's status event (schema {@value #SCHEMA}, docs/fleet.md "Status events"): who the bridge is, how long it
 * has run, and per sensor, for the spool and per sink the few numbers a fleet view needs. Written by the bridge
 * every {@code intervalMillis} and on every change that matters, read by {@code lpms-edge fleet}; both sides use
 * {@link StatusEventJson}, so they cannot drift apart.
 *
 * <p>Times: {@code timeMillis} is the bridge's wall clock when the event was built; every {@code …AgeMillis} is
 * relative to that moment, so a reader can age them by its own clock without trusting the bridge's.
 *
 * @param seq            0, 1, 2, … per boot: a reader drops an event at or below the last {@code seq} of the same
 *                       boot (a late retry)
 * @param intervalMillis the bridge's periodic interval: silence for 3 × this means the bridge is offline
 * @param reason         why this event was sent: {@code start}, {@code periodic}, {@code change} or {@code stop}
 * @param spool          null when the bridge has no spool
 */
public record StatusEvent(
        String bridge,
        String bootId,
        String version,
        long seq,
        long timeMillis,
        long uptimeMillis,
        long intervalMillis,
        String reason,
        List<Sensor> sensors,
        Spool spool,
        List<Sink> sinks) {
    /** The layout version written by this code; a reader refuses any other (docs/fleet.md "Versioning"). */
    public static final int SCHEMA = 1;

    public static final String TYPE = "status";

    public StatusEvent {
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(bootId, "bootId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        sensors = List.copyOf(sensors);
        sinks = List.copyOf(sinks);
    }

    /** Whether this is the last event of a boot (a clean stop), not a periodic or change event. */
    public boolean stopping() {
        return reason.equals("stop");
    }

    /**
     * One sensor.
     *
     * @param state                link state: CONNECTING, CONFIGURING, STREAMING, BACKOFF or STOPPED
     * @param rate                 readings per second over the last ~5 s
     * @param lastReadingAgeMillis -1 before the first reading
     * @param badFrames            LP-BUS frames rejected (LRC, end bytes, length) since the bridge started
     * @param verdict              the edge scorer's verdict (OK, FAILURE, UNKNOWN before the first window), null
     *                             when the bridge does not score this sensor
     * @param model                the model's file name, null when not scored
     */
    public record Sensor(
            String name,
            String state,
            double rate,
            long lastReadingAgeMillis,
            long readings,
            long badFrames,
            String verdict,
            String model) {
        public Sensor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * The disk spool.
     *
     * @param maxBytes        its configured bound ({@code [spool] max_bytes}): the scale of a backlog bar
     * @param records         records not yet acknowledged by every sink
     * @param oldestAgeMillis age of the oldest of them, 0 when none
     */
    public record Spool(long bytes, long maxBytes, long records, long oldestAgeMillis) {}

    /**
     * One sink.
     *
     * @param pending              records spooled and not yet acknowledged by this sink
     * @param lastSuccessAgeMillis -1 before the first delivery
     * @param lastError            the most recent failure (an error code such as {@code http_503}), null when none
     * @param errors               failures since start
     * @param problem              why the sink is holding, in the far side's own words (e.g. the proxy's message
     *                             for a refused request), at most {@link #PROBLEM_MAX_CHARS} characters; null when
     *                             it is not holding
     */
    public record Sink(
            String name, long pending, long lastSuccessAgeMillis, String lastError, long errors, String problem) {
        /** Keeps a status event small however long the far side's page was. */
        public static final int PROBLEM_MAX_CHARS = 300;

        public Sink {
            Objects.requireNonNull(name, "name");
            if (problem != null && problem.length() > PROBLEM_MAX_CHARS) {
                problem = problem.substring(0, PROBLEM_MAX_CHARS - 1) + "…";
            }
        }

        /** A sink that is not holding. */
        public Sink(String name, long pending, long lastSuccessAgeMillis, String lastError, long errors) {
            this(name, pending, lastSuccessAgeMillis, lastError, errors, null);
        }
    }
}

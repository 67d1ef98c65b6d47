package io.lpmsedge.bridge.status;

import io.lpmsedge.bridge.session.LinkState;
import java.util.ArrayList;
import java.util.List;

/**
 * Liveness and readiness, from a {@link BridgeStatus} and the bridge's thread state.
 * <ul>
 *   <li>live: the bridge is running and the threads that move readings (dispatcher, senders) are alive —
 *       a failure here means restart the process;</li>
 *   <li>ready: every sensor is streaming and every sink is reachable, i.e. it has nothing pending or has
 *       delivered within {@code sinkStaleMillis} — a failure here means look at the named sensor or sink;
 *       the bridge keeps spooling meanwhile; and no sink's dead-letter file is full (its refused records
 *       stay in the spool until an operator makes room).</li>
 * </ul>
 */
public final class HealthCheck {
    private final long sinkStaleMillis;

    public HealthCheck(long sinkStaleMillis) {
        this.sinkStaleMillis = sinkStaleMillis;
    }

    /** One verdict with the reasons behind it (empty when healthy). */
    public record Result(boolean ok, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    public Result liveness(boolean running, boolean threadsAlive) {
        List<String> problems = new ArrayList<>();
        if (!running) {
            problems.add("bridge is not running (starting or stopping)");
        } else if (!threadsAlive) {
            problems.add("a dispatcher or sender thread has died; the log says why; restart the service");
        }
        return new Result(problems.isEmpty(), problems);
    }

    public Result readiness(BridgeStatus status, boolean running) {
        List<String> problems = new ArrayList<>();
        if (!running) {
            problems.add("bridge is not running (starting or stopping)");
        }
        for (SensorStatus s : status.sensors()) {
            if (s.state() != LinkState.STREAMING) {
                problems.add("sensor " + s.name() + " is " + s.state()
                        + (s.lastError() == null ? "" : ": " + s.lastError()));
            }
        }
        for (SinkStatus s : status.sinks()) {
            if (s.problem() != null) {
                // Stopped until someone acts: say so at once, in the words of the alert, not after 30 s.
                problems.add("sink " + s.name() + " is stopped: " + s.problem());
            } else if (s.pending() > 0
                    && (s.lastSuccessAgeMillis() < 0 || s.lastSuccessAgeMillis() > sinkStaleMillis)) {
                problems.add("sink " + s.name() + " has " + s.pending() + " record(s) pending and "
                        + (s.lastSuccessAgeMillis() < 0
                                ? "has delivered nothing since start"
                                : "last delivered " + s.lastSuccessAgeMillis() / 1000 + " s ago")
                        + lastError(s));
            }
        }
        if (status.spool() != null) {
            for (DeadLetterStatus d : status.spool().deadLetters()) {
                if (d.full()) {
                    problems.add("dead-letter file " + d.path() + " of sink " + d.sink() + " is full (" + d.fileBytes()
                            + " of " + d.maxBytes() + " bytes): refused records stay in the spool; look at the file, "
                            + "then move it away or raise [spool] dead_letter_max_bytes");
                }
            }
        }
        return new Result(problems.isEmpty(), problems);
    }

    private static String lastError(SinkStatus s) {
        return s.errors().isEmpty() ? "" : "; errors so far: " + s.errors();
    }
}

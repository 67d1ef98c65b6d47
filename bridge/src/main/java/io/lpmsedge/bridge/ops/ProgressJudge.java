package io.lpmsedge.bridge.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides from successive snapshots whether the pipeline makes progress — the one condition under which the
 * watchdog is fed. It does, at a given check, when all of these hold:
 * <ul>
 *   <li>the dispatcher thread is alive, and while readings wait in the hand-off its written count moved within
 *       {@link QuietLimits#dispatcher()};</li>
 *   <li>every sensor session's activity (a reading, or the end of a connect, configure or stream step) moved within
 *       {@link QuietLimits#sensor()}: a sensor that is switched off or out of range is in an explained reconnect
 *       back-off and counts as progress, because restarting the service would not bring it back;</li>
 *   <li>every sink with records waiting in the spool sent a request or had records confirmed within
 *       {@link QuietLimits#sink()}: a cluster that is down is an explained retry back-off, a sender that stopped
 *       is not.</li>
 * </ul>
 * A part is first seen "now", so start-up gets the full limit. Not thread-safe: one watchdog thread calls it.
 */
public final class ProgressJudge {
    private final QuietLimits limits;
    private final Map<String, Seen> seen = new HashMap<>();

    public ProgressJudge(QuietLimits limits) {
        this.limits = limits;
    }

    /** The outcome of one check: {@code reasons} names every stuck part (empty when progressing). */
    public record Verdict(boolean progressing, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    public Verdict assess(ProgressSnapshot s, long nowNanos) {
        List<String> stuck = new ArrayList<>();
        if (!s.dispatcherAlive()) {
            stuck.add("the dispatcher thread has ended");
        } else {
            quiet("dispatcher", s.dispatched(), s.queued() == 0, limits.dispatcher(), nowNanos)
                    .ifPresent(q -> stuck.add(
                            "the dispatcher wrote nothing for " + q + " s with " + s.queued() + " readings queued"));
        }
        // A sensor a reload removed is forgotten: added back later, it starts a new quiet spell.
        seen.keySet()
                .removeIf(k ->
                        k.startsWith("sensor/") && s.sensors().stream().noneMatch(x -> k.equals("sensor/" + x.name())));
        for (ProgressSnapshot.Sensor sensor : s.sensors()) {
            quiet("sensor/" + sensor.name(), sensor.activity(), false, limits.sensor(), nowNanos)
                    .ifPresent(q -> stuck.add(
                            "sensor " + sensor.name() + " did nothing for " + q + " s (" + sensor.state() + ")"));
        }
        for (ProgressSnapshot.Sink sink : s.sinks()) {
            quiet("sink/" + sink.name(), sink.activity(), sink.pending() == 0, limits.sink(), nowNanos)
                    .ifPresent(q -> stuck.add("sink " + sink.name() + " sent nothing for " + q + " s with "
                            + sink.pending() + " records pending"));
        }
        return new Verdict(stuck.isEmpty(), stuck);
    }

    /**
     * Records the part's activity; returns the seconds it has been quiet if that exceeds {@code limit}.
     * An idle part (nothing waiting for it) is never stuck and its clock restarts.
     */
    private Optional<String> quiet(String key, long activity, boolean idle, Duration limit, long now) {
        Seen last = seen.get(key);
        if (last == null || last.activity != activity || idle) {
            seen.put(key, new Seen(activity, now));
            return Optional.empty();
        }
        long quietNanos = now - last.sinceNanos;
        return quietNanos > limit.toNanos()
                ? Optional.of(String.format(Locale.ROOT, "%.1f", quietNanos / 1e9))
                : Optional.empty();
    }

    private record Seen(long activity, long sinceNanos) {}
}

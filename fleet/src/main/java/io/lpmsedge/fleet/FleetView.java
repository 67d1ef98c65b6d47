package io.lpmsedge.fleet;

import io.lpmsedge.record.status.StatusEvent;
import java.util.List;
import java.util.Map;

/**
 * The whole fleet at one moment, as the page, {@code /api/fleet} and {@code /metrics} show it (immutable; one
 * view per request, so the three cannot disagree).
 *
 * @param caughtUp whether the topics have been read to where they ended at start (before that the page says
 *                 it is still rebuilding)
 */
public record FleetView(long timeMillis, boolean caughtUp, List<Bridge> bridges, Problems problems) {
    public FleetView {
        bridges = List.copyOf(bridges);
    }

    /**
     * One bridge (a Pi).
     *
     * @param lastSeenAgeMillis -1 when no status event has arrived
     * @param clashBootIds      two or more boot ids publishing under this name at once (empty when none)
     * @param clockAheadMillis  how far the bridge's clock was ahead of its event's arrival (0 when not)
     * @param spool             null when unknown or the bridge has none
     */
    public record Bridge(
            String name,
            Liveness liveness,
            String bootId,
            String version,
            long uptimeMillis,
            long lastSeenAgeMillis,
            long intervalMillis,
            long restarts,
            List<String> clashBootIds,
            long clockAheadMillis,
            StatusEvent.Spool spool,
            List<StatusEvent.Sink> sinks,
            List<Machine> machines) {
        public Bridge {
            clashBootIds = List.copyOf(clashBootIds);
            sinks = List.copyOf(sinks);
            machines = List.copyOf(machines);
        }
    }

    /**
     * One machine (a sensor).
     *
     * @param display       OK, FAILURE or NO DATA: what the tile says large
     * @param why           for NO DATA, the reason (bridge offline, link down, warming up, not scored)
     * @param link          the link state from the last status event, null when none
     * @param dataAgeMillis age of its last reading now, -1 when unknown
     * @param edgeVerdict   the bridge's own verdict (OK, FAILURE, UNKNOWN), null when the bridge does not score it
     * @param clusterVerdict the score-service's last verdict, null when none
     * @param lastChange    the last verdict change heard of, null when none
     */
    public record Machine(
            String name,
            String display,
            String why,
            String link,
            double rate,
            long dataAgeMillis,
            long badFrames,
            String edgeVerdict,
            String model,
            String clusterVerdict,
            Change lastChange) {}

    /** A verdict change: to {@code verdict} from {@code previous} at {@code atMillis}, told by {@code source}. */
    public record Change(String verdict, String previous, long atMillis, String source) {}

    /**
     * What could not be used: counts by topic and kind, and the latest few, with where and why.
     */
    public record Problems(long total, Map<String, Long> byKind, List<Problem> recent) {
        public Problems {
            byKind = Map.copyOf(byKind);
            recent = List.copyOf(recent);
        }
    }

    /** @param where topic, partition and offset of the record (or the bridge it concerns) */
    public record Problem(long atMillis, String kind, String where, String message) {}
}

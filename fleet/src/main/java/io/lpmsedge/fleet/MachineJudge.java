package io.lpmsedge.fleet;

import io.lpmsedge.record.status.StatusEvent;

/**
 * What a machine's tile says large: OK or FAILURE only when its bridge is heard from, its sensor streams and a
 * verdict exists (the bridge's own, else the score-service's); NO DATA otherwise, with the reason. A last
 * FAILURE behind a NO DATA stays visible as the last change.
 */
final class MachineJudge {
    private MachineJudge() {}

    /**
     * @param s           the sensor in its bridge's last status event, null when there is none
     * @param sinceStatus how long ago that event arrived, to age its {@code lastReadingAgeMs}
     * @param statusTime  that event's time on the bridge's clock, to compare with verdict events' times
     */
    static FleetView.Machine judge(
            MachineRecord m, StatusEvent.Sensor s, Liveness live, long sinceStatus, long statusTime) {
        String edge = s == null ? m.eventVerdict : s.verdict();
        if (s != null && s.verdict() != null && m.eventVerdict != null && m.eventVerdictAt > statusTime) {
            edge = m.eventVerdict; // a verdict event newer than the last status event
        }
        String display;
        String why = null;
        if (live.state() == Liveness.State.OFFLINE) {
            display = "NO DATA";
            why = "bridge offline (" + live.reason() + ")";
        } else if (s != null && !s.state().equals("STREAMING")) {
            display = "NO DATA";
            why = "sensor link " + s.state();
        } else if ("OK".equals(edge) || "FAILURE".equals(edge)) {
            display = edge;
        } else if (m.clusterVerdict != null) {
            display = m.clusterVerdict;
            why = edge == null ? "scored by the cluster" : "edge warming up; cluster verdict";
        } else {
            display = "NO DATA";
            why = edge == null ? "not scored" : "warming up";
        }
        long age = s == null || s.lastReadingAgeMillis() < 0 ? -1 : s.lastReadingAgeMillis() + sinceStatus;
        return new FleetView.Machine(
                m.name,
                display,
                why,
                s == null ? null : s.state(),
                s == null ? 0 : s.rate(),
                age,
                s == null ? 0 : s.badFrames(),
                edge,
                m.model,
                m.clusterVerdict,
                m.lastChange);
    }
}

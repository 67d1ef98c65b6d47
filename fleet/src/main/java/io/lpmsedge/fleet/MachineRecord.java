package io.lpmsedge.fleet;

/** What the fleet knows of one machine beyond its bridge's last status event. Guarded by the {@link FleetState} lock. */
final class MachineRecord {
    final String name;
    /** The edge verdict from the bridge's verdict events, with its time on the bridge's clock. */
    String eventVerdict;

    long eventVerdictAt = Long.MIN_VALUE;
    String model;
    String clusterVerdict;
    /** The verdict the previous status event showed, to notice a change before its verdict event arrives. */
    String statusVerdict;
    /** The time (bridge clock) of the status event that showed {@link #statusVerdict}. */
    long statusVerdictAt = Long.MIN_VALUE;

    FleetView.Change lastChange;
    /** Whether {@link #lastChange} came from a verdict event (exact time) rather than from two status events. */
    boolean lastChangeExact;

    MachineRecord(String name) {
        this.name = name;
    }

    /**
     * Notes a change unless a later one is known. A verdict event's change (exact) replaces a change inferred from
     * status events for the same verdict shortly after it: the event says precisely when.
     */
    void noteChange(String verdict, String previous, long atMillis, String source, boolean exact, long slackMillis) {
        FleetView.Change known = lastChange;
        boolean refines = exact
                && known != null
                && !lastChangeExact
                && known.verdict().equals(verdict)
                && known.atMillis() - atMillis <= slackMillis;
        if (known == null || atMillis >= known.atMillis() || refines) {
            lastChange = new FleetView.Change(verdict, previous, atMillis, source);
            lastChangeExact = exact;
        }
    }
}

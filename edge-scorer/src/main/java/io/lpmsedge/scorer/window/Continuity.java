package io.lpmsedge.scorer.window;

/** How a reading relates to the one before it from the same sensor. */
public enum Continuity {
    /** The first reading (or the first after {@link WindowScorer#breakWindow()}). */
    FIRST("first"),
    CONTINUES("continues"),
    /** Sensor time jumped by more than 1.5 expected steps, stood still or went back. */
    TICK_GAP("tick_gap"),
    /** Lineage sequence number skipped (readings lost between sensor and scorer). */
    SEQ_GAP("seq_gap"),
    /** The input's own sample counter (an LpmsControl export's FrameNumber) skipped: samples were lost. */
    FRAME_GAP("frame_gap"),
    /** Lineage link epoch or boot changed: the link was re-established. */
    RECONNECT("reconnect");

    private final String label;

    Continuity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package io.lpmsedge.bridge.status;

import java.util.List;

/**
 * The edge scorer's view of one sensor.
 *
 * @param verdict        OK, FAILURE, or UNKNOWN before the first full window
 * @param lastRms        the last window's RMS score, NaN before the first window
 * @param recentRms      the last window scores, oldest first (the status page's sparkline)
 * @param model          name of the model judging the sensor now (null while it has none)
 * @param modelLoadedAtMillis when that model was loaded, Unix epoch ms (0 while it has none)
 * @param reloads        model reloads of the bridge, installed and refused, and the last one's message
 */
public record ScoringStatus(
        String verdict,
        double lastRms,
        double threshold,
        long windows,
        long verdictChanges,
        long droppedHandoff,
        List<Double> recentRms,
        String model,
        long modelLoadedAtMillis,
        Reloads reloads) {
    /** The bridge's model reloads (the same for every sensor). */
    public record Reloads(long installed, long refused, String last, boolean lastInstalled) {
        public static final Reloads NONE = new Reloads(0, 0, null, true);
    }

    public ScoringStatus {
        recentRms = List.copyOf(recentRms);
        reloads = reloads == null ? Reloads.NONE : reloads;
    }

    /** Without model naming (the shape before one model per machine). */
    public ScoringStatus(
            String verdict,
            double lastRms,
            double threshold,
            long windows,
            long verdictChanges,
            long droppedHandoff,
            List<Double> recentRms) {
        this(verdict, lastRms, threshold, windows, verdictChanges, droppedHandoff, recentRms, null, 0, Reloads.NONE);
    }
}

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
        long modelLoadedAtMillis) {
    public ScoringStatus {
        recentRms = List.copyOf(recentRms);
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
        this(verdict, lastRms, threshold, windows, verdictChanges, droppedHandoff, recentRms, null, 0);
    }
}

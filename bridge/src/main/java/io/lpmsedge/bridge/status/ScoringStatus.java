package io.lpmsedge.bridge.status;

import java.util.List;

/**
 * The edge scorer's view of one sensor.
 *
 * @param verdict     OK, FAILURE, or UNKNOWN before the first full window
 * @param lastRms     the last window's RMS score, NaN before the first window
 * @param recentRms   the last window scores, oldest first (the status page's sparkline)
 */
public record ScoringStatus(String verdict, double lastRms, double threshold, long windows, long verdictChanges,
                            long droppedHandoff, List<Double> recentRms) {
    public ScoringStatus {
        recentRms = List.copyOf(recentRms);
    }
}

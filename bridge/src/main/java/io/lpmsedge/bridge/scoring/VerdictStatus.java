package io.lpmsedge.bridge.scoring;

import java.util.List;

import io.lpmsedge.scorer.window.Verdict;

/**
 * One scored sensor's state at a moment, immutable, for a status page or metrics (read from any thread).
 *
 * @param lastRms          the last window's value; NaN before the first window
 * @param windowsScored    windows judged since start
 * @param verdictChanges   how often the verdict changed
 * @param readingsScored   readings the scorer took
 * @param gaps             windows closed early by a gap (reconnect, lost readings, tick gap): not judged
 * @param droppedInHandoff readings the scorer never saw because its hand-off was full (never slows ingest)
 * @param scoreErrors      readings the model failed on (logged once per sensor)
 */
public record VerdictStatus(String sensor, Verdict verdict, double lastRms, double threshold, long windowsScored,
                            long verdictChanges, long readingsScored, long gaps, long droppedInHandoff,
                            long scoreErrors, List<Double> recentRms) {
    /** How many recent window scores a status carries (the status page's sparkline). */
    public static final int RECENT = 60;

    public VerdictStatus {
        recentRms = List.copyOf(recentRms);
    }
}

package io.lpmsedge.bridge.scoring;

import io.lpmsedge.scorer.window.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * One scored sensor's state at a moment, immutable, for a status page or metrics (read from any thread).
 *
 * @param lastRms          the last window's value; NaN before the first window
 * @param threshold        the current model's threshold; NaN while the sensor has no model
 * @param windowsScored    windows judged since start (all models)
 * @param verdictChanges   how often the verdict changed
 * @param readingsScored   readings the scorer took
 * @param gaps             windows closed early by a gap (reconnect, lost readings, tick gap): not judged
 * @param droppedInHandoff readings the scorer never saw because its hand-off was full (never slows ingest)
 * @param scoreErrors      readings the model failed on (logged once per sensor)
 * @param model            name of the model judging the sensor's windows now; null while it has none
 * @param modelLoadedAt    when that model was loaded (start or reload); null while it has none
 * @param swaps            how often the sensor moved to another model at a window boundary
 */
public record VerdictStatus(
        String sensor,
        Verdict verdict,
        double lastRms,
        double threshold,
        long windowsScored,
        long verdictChanges,
        long readingsScored,
        long gaps,
        long droppedInHandoff,
        long scoreErrors,
        List<Double> recentRms,
        String model,
        Instant modelLoadedAt,
        long swaps) {
    /** How many recent window scores a status carries (the status page's sparkline). */
    public static final int RECENT = 60;

    public VerdictStatus {
        recentRms = List.copyOf(recentRms);
    }
}

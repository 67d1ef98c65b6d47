package io.lpmsedge.scorer.calibrate;

import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.VerdictTracker;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;

import java.util.Arrays;

/**
 * Collects row and window scores from {@link io.lpmsedge.scorer.window.WindowScorer}s run over normal data
 * (with any threshold: only the values matter) and derives a {@link Calibration}. Shared by
 * {@code calibrate} and {@code train}, so both give the same threshold for the same data.
 */
public final class Calibrator implements WindowListener {
    private final boolean windowScoresAreRows;
    private final RunningStats rows = new RunningStats();
    private final RunningStats windowStats = new RunningStats();
    private double[] windows = new double[1024];
    private int windowCount;

    /** @param windowScoresAreRows true for window-vector models, whose only scores are per window */
    public Calibrator(boolean windowScoresAreRows) {
        this.windowScoresAreRows = windowScoresAreRows;
    }

    @Override
    public void onRowScore(long row, double score) {
        rows.add(score);
    }

    @Override
    public void onWindow(WindowResult w) {
        if (windowCount == windows.length) {
            windows = Arrays.copyOf(windows, windowCount * 2);
        }
        windows[windowCount++] = w.rms();
        windowStats.add(w.rms());
        if (windowScoresAreRows) {
            rows.add(w.rms());
        }
    }

    public long rowCount() {
        return rows.count();
    }

    /** @throws IllegalStateException with fewer than two scores (no sample sd) */
    public Calibration result(double k) {
        if (rows.count() < 2) {
            throw new IllegalStateException("calibration needs at least 2 " + (windowScoresAreRows ? "windows" : "rows")
                    + " of normal data, got " + rows.count());
        }
        double threshold = rows.mean() + k * rows.sampleSd();
        double[] sorted = Arrays.copyOf(windows, windowCount);
        Arrays.sort(sorted);
        long above = 0;
        for (double v : sorted) {
            if (v > threshold) {
                above++;
            }
        }
        String method = "mean + k*sd (sample sd) of " + (windowScoresAreRows ? "window" : "per-row") + " scores";
        return new Calibration(method, k, rows.count(), rows.mean(), rows.sampleSd(), threshold, windowCount,
                windowStats.mean(), windowStats.sampleSd(), percentile(sorted, 0.50), percentile(sorted, 0.95),
                percentile(sorted, 0.99), windowCount == 0 ? Double.NaN : sorted[windowCount - 1], above);
    }

    /**
     * How many of the collected windows would be FAILURE under {@code rule} with {@code threshold}, replaying
     * them in the order they closed (per sensor order is kept when one sensor was calibrated).
     */
    public long failureWindows(VerdictRule rule, double threshold) {
        VerdictTracker t = rule.newTracker();
        long failures = 0;
        for (int i = 0; i < windowCount; i++) {
            if (t.update(windows[i] > threshold) == Verdict.FAILURE) {
                failures++;
            }
        }
        return failures;
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

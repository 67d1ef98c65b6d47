package io.lpmsedge.scorer.calibrate;

import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.VerdictTracker;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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
    /**
     * Indices into {@link #windows} per sensor, in closing order: the verdict rule is per sensor, so replaying
     * two sensors' interleaved windows through one tracker would count false alarms neither sensor raised.
     */
    private final Map<String, IntList> bySensor = new LinkedHashMap<>();
    private static final String SINGLE = "";

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
        add(SINGLE, w);
    }

    /** A listener for one sensor's scorer: row and window statistics are pooled, verdict replay is per sensor. */
    public WindowListener forSensor(String sensor) {
        return new WindowListener() {
            @Override
            public void onRowScore(long row, double score) {
                Calibrator.this.onRowScore(row, score);
            }

            @Override
            public void onWindow(WindowResult w) {
                add(sensor, w);
            }
        };
    }

    private void add(String sensor, WindowResult w) {
        bySensor.computeIfAbsent(sensor, s -> new IntList()).add(windowCount);
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
     * each sensor's windows in the order they closed through a tracker of its own.
     */
    public long failureWindows(VerdictRule rule, double threshold) {
        long failures = 0;
        for (IntList indices : bySensor.values()) {
            VerdictTracker t = rule.newTracker();
            for (int k = 0; k < indices.size; k++) {
                if (t.update(windows[indices.values[k]] > threshold) == Verdict.FAILURE) {
                    failures++;
                }
            }
        }
        return failures;
    }

    /** Growable int array: window indices without boxing. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
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

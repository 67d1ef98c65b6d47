package io.lpmsedge.scorer.calibrate;

import io.lpmsedge.scorer.manifest.ManifestFile;

/**
 * A threshold from normal data: {@code mean + k·sd} (sample sd) of the per-row scores, the 2017 rule; for a
 * window-vector model the window scores are the rows. The window distribution says what that threshold means
 * for the window values it is compared with (RMS of row scores sits above the row mean), and the false-alarm
 * rate is the fraction of these normal windows above it.
 */
public record Calibration(String method, double k, long rows, double rowMean, double rowSd, double threshold,
                          long windows, double windowMean, double windowSd, double p50, double p95, double p99,
                          double max, long windowsAbove) {
    public double falseAlarmRate() {
        return windows == 0 ? Double.NaN : (double) windowsAbove / windows;
    }

    public ManifestFile.Calibration toManifest(String input) {
        return new ManifestFile.Calibration(method, k, input, rows, rowMean, rowSd, windows, orNull(windowMean),
                orNull(windowSd), orNull(p50), orNull(p95), orNull(p99), orNull(max), windowsAbove,
                orNull(falseAlarmRate()));
    }

    /** JSON has no NaN: an undefined statistic (e.g. no complete window) is left out of the manifest. */
    private static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

package io.lpmsedge.scorer.calibrate;

import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.window.VerdictRule;
import java.util.List;

/**
 * A threshold and verdict rule from normal data, and the evidence for them.
 *
 * @param options             how it was derived
 * @param threshold           a window whose value is above it exceeds
 * @param rule                the verdict rule the threshold was chosen for
 * @param validated           whether the held-out part confirmed it: 0 FAILURE windows there with the margin
 * @param rows                row scores before the split (the 2017 rule's statistics are over these)
 * @param rowMean             their mean
 * @param rowSd               their sample sd (n − 1)
 * @param windows             all windows, fit and held out
 * @param windowsAbove        of those, windows above the threshold
 * @param fitWindows          windows before the split
 * @param heldOutWindows      windows after it
 * @param fitStatistic        the rule's statistic (see {@link RuleStatistic}) before the split
 * @param heldOutStatistic    and after it; FAILURE happens there iff this is above the threshold
 * @param heldOutMax          the highest held-out window value
 * @param heldOutExceeding    held-out windows above the threshold
 * @param heldOutFailureWindows held-out windows whose verdict would be FAILURE (the rule replayed per stream)
 * @param failureWindows      FAILURE windows over all the data
 * @param warnings            what the user must know (too little data, not validated), each a sentence
 */
public record Calibration(
        CalibrationOptions options,
        double threshold,
        VerdictRule rule,
        boolean validated,
        long rows,
        double rowMean,
        double rowSd,
        long windows,
        double windowMean,
        double windowSd,
        double p50,
        double p95,
        double p99,
        double max,
        long windowsAbove,
        long fitWindows,
        long heldOutWindows,
        double fitStatistic,
        double heldOutStatistic,
        double heldOutMax,
        long heldOutExceeding,
        long heldOutFailureWindows,
        long failureWindows,
        List<String> warnings) {
    public Calibration {
        warnings = List.copyOf(warnings);
    }

    public double falseAlarmRate() {
        return windows == 0 ? Double.NaN : (double) windowsAbove / windows;
    }

    /** The margin the issue asks for: held-out max window value / threshold (below 1: no held-out window exceeds). */
    public double heldOutMaxRatio() {
        return heldOutWindows == 0 ? Double.NaN : heldOutMax / threshold;
    }

    /** Held-out rule statistic / threshold: below 1 means no held-out FAILURE, however many windows exceed. */
    public double heldOutRuleRatio() {
        return heldOutWindows == 0 ? Double.NaN : heldOutStatistic / threshold;
    }

    public String method() {
        return options.method() == CalibrationOptions.Method.HOLDOUT
                ? "holdout: threshold = headroom x the rule's statistic on the first part, checked on the held-out part"
                : "mean-sd: threshold = mean + k*sd (sample sd) of the first part's per-row scores (the 2017 rule)";
    }

    public ManifestFile.VerdictSpec ruleSpec() {
        if (rule instanceof VerdictRule.KOfM k) {
            return new ManifestFile.VerdictSpec("k-of-m", null, null, k.k(), k.m());
        }
        VerdictRule.Hysteresis h = (VerdictRule.Hysteresis) rule;
        return new ManifestFile.VerdictSpec("hysteresis", h.enter(), h.exit(), null, null);
    }

    public ManifestFile.Calibration toManifest(String input) {
        boolean holdout = options.method() == CalibrationOptions.Method.HOLDOUT;
        return new ManifestFile.Calibration(
                method(),
                holdout ? null : options.k(),
                input,
                rows,
                orNull(rowMean),
                orNull(rowSd),
                windows,
                orNull(windowMean),
                orNull(windowSd),
                orNull(p50),
                orNull(p95),
                orNull(p99),
                orNull(max),
                windowsAbove,
                orNull(falseAlarmRate()),
                options.holdout(),
                holdout ? options.headroom() : null,
                options.margin(),
                fitWindows,
                heldOutWindows,
                orNull(heldOutMax),
                orNull(heldOutMaxRatio()),
                orNull(heldOutRuleRatio()),
                heldOutExceeding,
                heldOutFailureWindows,
                failureWindows,
                validated,
                warnings.isEmpty() ? null : String.join(" ", warnings));
    }

    /** JSON has no NaN: an undefined statistic (e.g. no held-out window) is left out of the manifest. */
    private static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

package io.lpmsedge.scorer.command;

import io.lpmsedge.scorer.calibrate.CalibrationOptions;
import io.lpmsedge.scorer.window.VerdictRule;
import picocli.CommandLine.Option;

/** The calibration options of {@code calibrate} and {@code train}: one set of names, defaults and help. */
public final class CalibrationOptionsMixin {
    @Option(
            names = "--method",
            defaultValue = "holdout",
            paramLabel = "holdout|mean-sd",
            description = "holdout (default): threshold and rule checked on the held-out end of the data; mean-sd: "
                    + "the 2017 rule, threshold = mean + K * sd of the row scores.")
    String method;

    @Option(
            names = "--k",
            defaultValue = "1.0",
            paramLabel = "K",
            description = "mean-sd only: threshold = mean + K * sd of the per-row scores (default 1.0, as in 2017).")
    double k;

    @Option(
            names = "--holdout",
            defaultValue = "0.25",
            paramLabel = "F",
            description = "Share of each sensor's data, at its end, held out to check the threshold (default 0.25; "
                    + "0 = no check).")
    double holdout;

    @Option(
            names = "--headroom",
            defaultValue = "1.25",
            paramLabel = "H",
            description = "holdout only: threshold = H x the rule's highest run in the first part (default 1.25).")
    double headroom;

    @Option(
            names = "--margin",
            defaultValue = "0.10",
            paramLabel = "M",
            description = "Held-out data must stay this share below the threshold (default 0.10).")
    double margin;

    @Option(
            names = "--rule",
            paramLabel = "auto|hysteresis:N[:M]|k-of-m:K:M",
            description = "Verdict rule (default auto: the quickest rule the held-out data shows safe; mean-sd keeps "
                    + "the manifest's rule, or hysteresis 1:1).")
    String rule;

    /**
     * @param fallbackRule the rule when none is given and the method does not choose one
     * @throws IllegalArgumentException for a bad value, naming the option
     */
    public CalibrationOptions options(VerdictRule fallbackRule) {
        return options(rule == null ? null : CalibrationOptions.parseRule(rule), fallbackRule);
    }

    /** As above, with the rule given some other way ({@code train --hysteresis}); {@code null}: none. */
    public CalibrationOptions options(VerdictRule given, VerdictRule fallbackRule) {
        CalibrationOptions.Method m = CalibrationOptions.Method.byKey(method);
        VerdictRule r = given;
        if (r == null && m == CalibrationOptions.Method.MEAN_SD) {
            r = fallbackRule;
        }
        return new CalibrationOptions(m, k, holdout, headroom, margin, r);
    }

    public boolean hasRule() {
        return rule != null;
    }

    public double holdout() {
        return holdout;
    }
}

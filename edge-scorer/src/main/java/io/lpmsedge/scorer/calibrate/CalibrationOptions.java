package io.lpmsedge.scorer.calibrate;

import io.lpmsedge.scorer.window.VerdictRule;
import java.util.List;

/**
 * How {@code train} and {@code calibrate} turn normal data into a threshold and a verdict rule.
 *
 * @param method   {@link Method#HOLDOUT} (default) or {@link Method#MEAN_SD} (the 2017 rule)
 * @param k        {@code MEAN_SD}: threshold = mean + k·sd of the fit part's row scores
 * @param holdout  fraction of each stream's readings, at its end, held out of fitting (0 = none, no check)
 * @param headroom {@code HOLDOUT}: threshold = headroom × the fit part's rule statistic
 * @param margin   the held-out statistic must stay this fraction below the threshold (0.1: at most 1/1.1 of it)
 * @param rule     the verdict rule; {@code null}: {@code HOLDOUT} picks one of {@link #CANDIDATES},
 *                 {@code MEAN_SD} uses hysteresis 1:1 as in 2017
 */
public record CalibrationOptions(
        Method method, double k, double holdout, double headroom, double margin, VerdictRule rule) {
    public enum Method {
        /** Threshold from the first part of the data, rule and margin checked on its last part (default). */
        HOLDOUT("holdout"),
        /** The 2017 system's rule: mean + k·sd of the per-row scores; still checked on the held-out part. */
        MEAN_SD("mean-sd");

        private final String key;

        Method(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Method byKey(String key) {
            for (Method m : values()) {
                if (m.key.equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown calibration method '" + key + "'; use holdout or mean-sd");
        }
    }

    public static final double DEFAULT_HOLDOUT = 0.25;
    public static final double DEFAULT_HEADROOM = 1.25;
    public static final double DEFAULT_MARGIN = 0.10;

    /**
     * Rules {@code HOLDOUT} tries, quickest first: each enters FAILURE after at least as many windows as the one
     * before, so the first that the held-out data shows safe is the quickest safe one. At each delay the plain
     * run (hysteresis) comes before k of m, which also catches a fault that flickers but tolerates less.
     *
     * <p>A single-window rule (hysteresis 1:1) is not among them: with it, the false alarms of a long run are
     * set by its single most extreme window, and a longer run has more extreme windows than the held-out part
     * can show (an hour of varied running reached 1.54x a threshold its held-out part stayed 0.71x below).
     * Needing two windows costs one window of delay; {@code --rule hysteresis:1} still asks for 1:1.
     */
    public static final List<VerdictRule> CANDIDATES = List.of(
            new VerdictRule.Hysteresis(2, 2),
            new VerdictRule.KOfM(2, 3),
            new VerdictRule.Hysteresis(3, 3),
            new VerdictRule.KOfM(3, 5),
            new VerdictRule.Hysteresis(4, 4),
            new VerdictRule.KOfM(4, 7),
            new VerdictRule.Hysteresis(5, 5),
            new VerdictRule.KOfM(5, 9));

    public CalibrationOptions {
        if (!(holdout >= 0 && holdout <= 0.5)) {
            throw new IllegalArgumentException("--holdout must be between 0 and 0.5 (the share of normal data held "
                    + "out at its end), got " + holdout);
        }
        if (!(headroom >= 1) || Double.isInfinite(headroom)) {
            throw new IllegalArgumentException("--headroom must be a number >= 1, got " + headroom);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("--margin must be between 0 and 1, got " + margin);
        }
        if (!(k >= 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("--k must be a number >= 0, got " + k);
        }
    }

    public static CalibrationOptions defaults() {
        return new CalibrationOptions(Method.HOLDOUT, 1.0, DEFAULT_HOLDOUT, DEFAULT_HEADROOM, DEFAULT_MARGIN, null);
    }

    /** The 2017 rule as it was: mean + k·sd over all the data, hysteresis 1:1 unless {@code rule} says else. */
    public static CalibrationOptions meanSd(double k, VerdictRule rule) {
        return new CalibrationOptions(Method.MEAN_SD, k, DEFAULT_HOLDOUT, DEFAULT_HEADROOM, DEFAULT_MARGIN, rule);
    }

    /**
     * {@code auto} (null: let {@code holdout} pick), {@code hysteresis:N[:M]} or {@code k-of-m:K:M}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static VerdictRule parseRule(String text) {
        String t = text.strip();
        if (t.equals("auto")) {
            return null;
        }
        String[] p = t.split(":", -1);
        try {
            if (p[0].equals("hysteresis") && (p.length == 2 || p.length == 3)) {
                int enter = Integer.parseInt(p[1].strip());
                return new VerdictRule.Hysteresis(enter, p.length == 3 ? Integer.parseInt(p[2].strip()) : enter);
            }
            if (p[0].equals("k-of-m") && p.length == 3) {
                return new VerdictRule.KOfM(Integer.parseInt(p[1].strip()), Integer.parseInt(p[2].strip()));
            }
        } catch (NumberFormatException e) {
            // falls through to the message naming the forms
        }
        throw new IllegalArgumentException("--rule '" + text + "' is not auto, hysteresis:N[:M] or k-of-m:K:M; "
                + "e.g. --rule hysteresis:2:3 (2 windows to enter FAILURE, 3 to leave) or --rule k-of-m:3:5");
    }

    public CalibrationOptions withHoldout(double h) {
        return new CalibrationOptions(method, k, h, headroom, margin, rule);
    }
}

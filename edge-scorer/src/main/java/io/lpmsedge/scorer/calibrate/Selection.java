package io.lpmsedge.scorer.calibrate;

import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.VerdictTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Picks threshold and rule from windows split by time (docs/calibration.md has the why):
 *
 * <ol>
 *   <li>{@code holdout}: for each candidate rule, quickest first, threshold = headroom × the rule's statistic
 *       on the first part; the first rule whose held-out part then has 0 FAILURE windows and a statistic at
 *       least {@code margin} below the threshold wins. If none does, the recording is too short or its end
 *       differs from its start: the best candidate is written with a threshold over all of it, unvalidated,
 *       with a warning giving the numbers.</li>
 *   <li>{@code mean-sd}: the 2017 rule over the first part's rows, checked on the held-out part the same way.</li>
 * </ol>
 */
final class Selection {
    /** Fewer windows than this before or after the split cannot say whether a threshold holds. */
    static final int MIN_FIT_WINDOWS = 20;

    static final int MIN_HELD_OUT_WINDOWS = 10;

    /** One stream's windows in closing order; {@code heldFrom} is the first held-out one. */
    record Part(double[] values, int heldFrom) {}

    private record Check(
            VerdictRule rule, double threshold, double fitStat, double heldStat, long heldFailures, boolean ok) {
        double ratio() {
            return heldStat / threshold;
        }
    }

    private final CalibrationOptions o;
    private final List<Part> parts;
    private final double[] fitRows;
    private final int fitRowCount;
    private final boolean windowScoresAreRows;
    /** No candidate held on the held-out part: the threshold written covers all the data, unvalidated. */
    private boolean fellBack;

    Selection(CalibrationOptions o, List<Part> parts, double[] fitRows, int fitRowCount, boolean windowScoresAreRows) {
        this.o = o;
        this.parts = parts;
        this.fitRows = fitRows;
        this.fitRowCount = fitRowCount;
        this.windowScoresAreRows = windowScoresAreRows;
    }

    Calibration run() {
        long fit = 0;
        long held = 0;
        for (Part p : parts) {
            fit += p.heldFrom();
            held += p.values().length - p.heldFrom();
        }
        if (fit + held < 2) {
            throw new IllegalStateException(
                    "calibration needs at least 2 complete windows of normal data, got " + (fit + held));
        }
        RunningStats rows = new RunningStats();
        for (int i = 0; i < fitRowCount; i++) {
            rows.add(fitRows[i]);
        }
        List<String> warnings = new ArrayList<>();
        boolean enough = fit >= MIN_FIT_WINDOWS && held >= MIN_HELD_OUT_WINDOWS;
        if (o.holdout() == 0) {
            warnings.add("Not validated: --holdout 0 holds no normal data out, so nothing checks the threshold on "
                    + "data it was not derived from.");
        } else if (!enough) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "WARNING: too little normal data to validate the threshold: %d "
                            + "windows before the split and %d held out (at least %d and %d needed). Record more "
                            + "normal running (about %d windows' worth) and calibrate again.",
                    fit,
                    held,
                    MIN_FIT_WINDOWS,
                    MIN_HELD_OUT_WINDOWS,
                    (long) Math.ceil(
                            Math.max(MIN_FIT_WINDOWS / (1 - o.holdout()), MIN_HELD_OUT_WINDOWS / o.holdout()))));
        }
        Check chosen;
        if (o.method() == CalibrationOptions.Method.MEAN_SD) {
            if (rows.count() < 2) {
                throw new IllegalStateException(
                        "calibration needs at least 2 " + (windowScoresAreRows ? "windows" : "rows")
                                + " of normal data before the split, got " + rows.count());
            }
            VerdictRule rule = o.rule() != null ? o.rule() : new VerdictRule.Hysteresis(1, 1);
            chosen = check(rule, rows.mean() + o.k() * rows.sampleSd());
            if (held > 0 && !chosen.ok()) {
                warnings.add(heldOutWarning(chosen, held) + " The 2017 rule (mean + k*sd) ignores how window values "
                        + "spread; the default method (--method holdout) picks threshold and rule so that this "
                        + "part stays OK.");
            }
        } else if (o.holdout() == 0 || !enough) {
            VerdictRule rule = o.rule() != null ? o.rule() : CalibrationOptions.CANDIDATES.get(0);
            chosen = check(rule, o.headroom() * Math.max(stat(rule, true), stat(rule, false)));
        } else {
            chosen = pick(held, warnings);
        }
        if (!(chosen.threshold() > 0) || !Double.isFinite(chosen.threshold())) {
            throw new IllegalStateException("the normal data gives threshold " + chosen.threshold() + " for "
                    + chosen.rule().describe() + " (every window value is 0 or the data is too short for the rule); "
                    + "calibrate on a longer recording of normal running");
        }
        long failures = 0;
        for (Part p : parts) {
            failures += failures(p, chosen.rule(), chosen.threshold(), 0);
        }
        if (o.method() == CalibrationOptions.Method.MEAN_SD && failures > 0) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "WARNING: mean + %s*sd calls %d of the %d windows of this normal " + "data FAILURE under %s.",
                    o.k(),
                    failures,
                    fit + held,
                    chosen.rule().describe()));
        }
        return describe(
                chosen, rows, fit, held, failures, o.holdout() > 0 && enough && chosen.ok() && !fellBack, warnings);
    }

    private Check pick(long held, List<String> warnings) {
        List<VerdictRule> candidates = o.rule() != null ? List.of(o.rule()) : CalibrationOptions.CANDIDATES;
        Check best = null;
        for (VerdictRule r : candidates) {
            double fitStat = stat(r, true);
            if (fitStat == Double.NEGATIVE_INFINITY) {
                continue;
            }
            Check c = check(r, o.headroom() * fitStat);
            if (c.ok()) {
                return c;
            }
            if (best == null || c.ratio() < best.ratio()) {
                best = c;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no verdict rule fits in so few windows; calibrate on a longer recording");
        }
        warnings.add(heldOutWarning(best, held)
                + String.format(
                        Locale.ROOT,
                        " No %s keeps it OK: the recording may "
                                + "be non-stationary (its end differs from its start: warm-up, another cycle, load or speed) "
                                + "or too short. Wrote %s with threshold %.6g = %.3g x the highest over ALL the data: "
                                + "unvalidated. Record longer normal running that covers every operating condition.",
                        o.rule() != null ? "threshold for rule " + o.rule().describe() : "candidate rule",
                        best.rule().describe(),
                        o.headroom() * Math.max(best.fitStat(), best.heldStat()),
                        o.headroom()));
        fellBack = true;
        return check(best.rule(), o.headroom() * Math.max(best.fitStat(), best.heldStat()));
    }

    private String heldOutWarning(Check c, long held) {
        return String.format(
                Locale.ROOT,
                "WARNING: on the held-out last %.0f %% of the normal data, %s with threshold "
                        + "%.6g gives %d FAILURE windows of %d (held-out statistic %.3g x the threshold; a margin of "
                        + "%.0f %% is required).",
                100 * o.holdout(),
                c.rule().describe(),
                c.threshold(),
                c.heldFailures(),
                held,
                c.ratio(),
                100 * o.margin());
    }

    /** The rule's statistic over every stream's fit (or held-out) windows: the highest of any stream. */
    private double stat(VerdictRule rule, boolean fitPart) {
        double s = Double.NEGATIVE_INFINITY;
        for (Part p : parts) {
            s = Math.max(
                    s,
                    fitPart
                            ? RuleStatistic.of(rule, p.values(), 0, p.heldFrom())
                            : RuleStatistic.of(rule, p.values(), p.heldFrom(), p.values().length));
        }
        return s;
    }

    private Check check(VerdictRule rule, double threshold) {
        double heldStat = stat(rule, false);
        long heldFailures = 0;
        for (Part p : parts) {
            heldFailures += failures(p, rule, threshold, p.heldFrom());
        }
        boolean ok = heldFailures == 0 && heldStat * (1 + o.margin()) <= threshold;
        return new Check(rule, threshold, stat(rule, true), heldStat, heldFailures, ok);
    }

    /** FAILURE windows from index {@code from} on, the rule replayed over the whole stream as live. */
    private static long failures(Part p, VerdictRule rule, double threshold, int from) {
        VerdictTracker t = rule.newTracker();
        long n = 0;
        for (int i = 0; i < p.values().length; i++) {
            if (t.update(p.values()[i] > threshold) == Verdict.FAILURE && i >= from) {
                n++;
            }
        }
        return n;
    }

    private Calibration describe(
            Check c, RunningStats rows, long fit, long held, long failures, boolean validated, List<String> warnings) {
        RunningStats all = new RunningStats();
        double[] sorted = new double[(int) (fit + held)];
        int n = 0;
        long above = 0;
        double heldMax = Double.NEGATIVE_INFINITY;
        long heldAbove = 0;
        for (Part p : parts) {
            for (int i = 0; i < p.values().length; i++) {
                double v = p.values()[i];
                all.add(v);
                sorted[n++] = v;
                above += v > c.threshold() ? 1 : 0;
                if (i >= p.heldFrom()) {
                    heldMax = Math.max(heldMax, v);
                    heldAbove += v > c.threshold() ? 1 : 0;
                }
            }
        }
        Arrays.sort(sorted);
        return new Calibration(
                o,
                c.threshold(),
                c.rule(),
                validated,
                rows.count(),
                rows.mean(),
                rows.sampleSd(),
                n,
                all.mean(),
                all.sampleSd(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                percentile(sorted, 0.99),
                sorted[n - 1],
                above,
                fit,
                held,
                c.fitStat(),
                c.heldStat(),
                heldMax,
                heldAbove,
                c.heldFailures(),
                failures,
                warnings);
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

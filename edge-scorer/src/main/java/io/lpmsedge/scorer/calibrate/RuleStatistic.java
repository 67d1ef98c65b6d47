package io.lpmsedge.scorer.calibrate;

import io.lpmsedge.scorer.window.VerdictRule;
import java.util.Arrays;

/**
 * A verdict rule reduced to one number over a sequence of window values: the highest threshold at which the
 * rule would still enter FAILURE somewhere in it. Any threshold at or above the statistic keeps the sequence
 * free of FAILURE, any below it does not, so "held-out statistic / threshold" is the margin a rule has on data
 * it was not calibrated on.
 *
 * <ul>
 *   <li>hysteresis {@code enter n}: FAILURE needs n consecutive exceeding windows, so the statistic is the
 *       largest minimum over n consecutive values;</li>
 *   <li>k of m: FAILURE while k of the last m exceed (fewer at the start, as {@code KOfMTracker} counts), so
 *       it is the largest k-th highest value over any m consecutive.</li>
 * </ul>
 * {@code -inf} when the sequence is too short for the rule ever to fire.
 */
final class RuleStatistic {
    private RuleStatistic() {}

    static double of(VerdictRule rule, double[] v, int from, int to) {
        if (rule instanceof VerdictRule.Hysteresis h) {
            return consecutive(v, from, to, h.enter());
        }
        if (rule instanceof VerdictRule.KOfM k) {
            return kOfM(v, from, to, k.k(), k.m());
        }
        throw new IllegalArgumentException("no statistic for rule " + rule.describe());
    }

    private static double consecutive(double[] v, int from, int to, int n) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = from; i + n <= to; i++) {
            double min = Double.POSITIVE_INFINITY;
            for (int j = i; j < i + n; j++) {
                min = Math.min(min, v[j]);
            }
            best = Math.max(best, min);
        }
        return best;
    }

    private static double kOfM(double[] v, int from, int to, int k, int m) {
        double best = Double.NEGATIVE_INFINITY;
        double[] span = new double[m];
        for (int end = from; end < to; end++) {
            int start = Math.max(from, end - m + 1);
            int n = end - start + 1;
            if (n < k) {
                continue;
            }
            System.arraycopy(v, start, span, 0, n);
            Arrays.sort(span, 0, n);
            best = Math.max(best, span[n - k]);
        }
        return best;
    }
}

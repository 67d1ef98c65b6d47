package io.lpmsedge.scorer.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.VerdictTracker;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibratorTest {
    private static final CalibrationOptions HOLDOUT = CalibrationOptions.defaults();

    /** One stream of windows of 10 readings each; row scores equal to the window value. */
    private static Calibrator stream(double... windows) {
        Calibrator c = new Calibrator(false);
        WindowListener l = c.forStream("s");
        for (int i = 0; i < windows.length; i++) {
            for (int r = 0; r < 10; r++) {
                l.onRowScore(i * 10L + r, windows[i]);
            }
            l.onWindow(new WindowResult(i, i * 10L, 10, Double.NaN, Double.NaN, windows[i], false, Verdict.OK, false));
        }
        c.readings("s", windows.length * 10L);
        return c;
    }

    private static double[] noise(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1 + 0.1 * r.nextGaussian();
        }
        return v;
    }

    private static double max(double[] v, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }

    @Test
    void ruleStatisticIsTheThresholdAtWhichTheRuleStopsFiring() {
        double[] v = {5, 4, 1, 6, 2, 3, 3, 1};
        assertEquals(6, RuleStatistic.of(new VerdictRule.Hysteresis(1, 1), v, 0, v.length));
        assertEquals(4, RuleStatistic.of(new VerdictRule.Hysteresis(2, 2), v, 0, v.length), "min(5,4)");
        assertEquals(2, RuleStatistic.of(new VerdictRule.Hysteresis(3, 1), v, 0, v.length), "min(6,2,3), min(2,3,3)");
        assertEquals(5, RuleStatistic.of(new VerdictRule.KOfM(2, 4), v, 0, v.length), "2nd highest of 5,4,1,6");
        assertEquals(Double.NEGATIVE_INFINITY, RuleStatistic.of(new VerdictRule.Hysteresis(9, 9), v, 0, v.length));
        // The definition, checked against the trackers the scorer runs: just above it no FAILURE, just below one.
        double[] r = noise(300, 3);
        for (VerdictRule rule : CalibrationOptions.CANDIDATES) {
            double s = RuleStatistic.of(rule, r, 0, r.length);
            assertEquals(0, failures(rule, r, s), rule.describe());
            assertTrue(failures(rule, r, Math.nextDown(s)) > 0, rule.describe());
        }
    }

    private static int failures(VerdictRule rule, double[] v, double threshold) {
        VerdictTracker t = rule.newTracker();
        int n = 0;
        for (double x : v) {
            n += t.update(x > threshold) == Verdict.FAILURE ? 1 : 0;
        }
        return n;
    }

    @Test
    void stationaryDataGetsTheQuickestRuleWithHeadroomOverTheFitPartAndAStatedMargin() {
        double[] v = noise(400, 1);
        Calibration c = stream(v).result(HOLDOUT);
        assertEquals(new VerdictRule.Hysteresis(2, 2), c.rule(), "the quickest candidate: two windows");
        assertEquals(300, c.fitWindows());
        assertEquals(100, c.heldOutWindows());
        double fitStat = RuleStatistic.of(c.rule(), v, 0, 300);
        assertEquals(1.25 * fitStat, c.threshold(), 1e-12);
        assertEquals(max(v, 300, 400) / c.threshold(), c.heldOutMaxRatio(), 1e-12);
        assertTrue(c.heldOutRuleRatio() <= 1 / 1.1);
        assertEquals(0, c.heldOutFailureWindows());
        assertEquals(0, c.failureWindows());
        assertTrue(c.validated());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        // 1:1 only when asked for: then the threshold is 1.25 x the highest single window.
        Calibration one = stream(v)
                .result(new CalibrationOptions(
                        CalibrationOptions.Method.HOLDOUT, 1, 0.25, 1.25, 0.1, new VerdictRule.Hysteresis(1, 1)));
        assertEquals(1.25 * max(v, 0, 300), one.threshold(), 1e-12);
    }

    @Test
    void aShortBurstInTheHeldOutPartMovesToARuleThatNeedsMoreWindows() {
        double[] v = noise(400, 2);
        v[350] = 3;
        v[351] = 3;
        Calibration c = stream(v).result(HOLDOUT);
        assertEquals(new VerdictRule.Hysteresis(3, 3), c.rule(), "2:2 and 2 of 3 would call the burst FAILURE");
        assertEquals(2, c.heldOutExceeding(), "the burst still exceeds, but too briefly");
        assertEquals(0, c.heldOutFailureWindows());
        assertTrue(c.validated());
        assertEquals(3 / c.threshold(), c.heldOutMaxRatio(), 1e-12);
    }

    @Test
    void aRecordingWhoseEndDiffersIsNotValidatedAndSaysSoWithTheNumbers() {
        double[] v = noise(400, 4);
        for (int i = 300; i < 400; i++) {
            v[i] += 1.0;
        }
        Calibration c = stream(v).result(HOLDOUT);
        assertFalse(c.validated());
        String w = String.join(" ", c.warnings());
        assertTrue(w.startsWith("WARNING: on the held-out last 25 % of the normal data, "), w);
        assertTrue(w.contains("non-stationary"), w);
        assertTrue(w.contains("unvalidated"), w);
        assertEquals(0, c.failureWindows(), "the written threshold covers all the normal data");
    }

    @Test
    void tooLittleDataIsAWarningNotASilentThreshold() {
        Calibration c = stream(noise(12, 5)).result(HOLDOUT);
        assertFalse(c.validated());
        assertTrue(
                c.warnings()
                        .get(0)
                        .startsWith("WARNING: too little normal data to validate the threshold: 9 "
                                + "windows before the split and 3 held out (at least 20 and 10 needed)"),
                c.warnings().toString());
    }

    @Test
    void theOld2017RuleIsStillThereAndItsFalseAlarmsAreCalledOut() {
        double[] v = noise(400, 6);
        Calibration c = stream(v).result(CalibrationOptions.meanSd(1.0, null));
        RunningStats fit = new RunningStats();
        for (int i = 0; i < 3000; i++) {
            fit.add(v[i / 10]);
        }
        assertEquals(fit.mean() + fit.sampleSd(), c.threshold(), 1e-9);
        assertEquals(new VerdictRule.Hysteresis(1, 1), c.rule());
        assertTrue(c.heldOutFailureWindows() > 5, "about 16 % of windows exceed mean + 1 sd");
        assertFalse(c.validated());
        assertTrue(
                String.join(" ", c.warnings()).contains("WARNING: mean + 1.0*sd calls "),
                c.warnings().toString());
    }

    @Test
    void withoutAnyWindowThereIsNoThreshold() {
        Calibrator c = new Calibrator(false);
        c.forStream("s").onRowScore(0, 1);
        c.readings("s", 1);
        assertEquals(
                "calibration needs at least 2 complete windows of normal data, got 0",
                assertThrows(IllegalStateException.class, () -> c.result(HOLDOUT))
                        .getMessage());
    }
}

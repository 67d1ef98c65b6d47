package io.lpmsedge.scorer.calibrate;

import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.WindowResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CalibratorTest {
    private static WindowResult window(double rms) {
        return new WindowResult(0, 0, 1, Double.NaN, Double.NaN, rms, false, Verdict.OK, false);
    }

    @Test
    void thresholdIsMeanPlusKSampleSdOfRowsAndWindowsAreCountedAgainstIt() {
        Calibrator c = new Calibrator(false);
        for (double s : new double[] {1, 2, 3, 4}) {
            c.onRowScore(0, s);
        }
        for (double w : new double[] {2.0, 5.0, 3.0, 4.0, 1.0}) {
            c.onWindow(window(w));
        }
        Calibration r = c.result(1);
        double sd = Math.sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3);
        assertEquals(2.5, r.rowMean(), 1e-15);
        assertEquals(sd, r.rowSd(), 1e-15);
        assertEquals(2.5 + sd, r.threshold(), 1e-15);
        assertEquals(2, r.windowsAbove(), "4.0 and 5.0 exceed 3.79");
        assertEquals(0.4, r.falseAlarmRate(), 1e-15);
        assertEquals(2.5 + 2 * sd, c.result(2).threshold(), 1e-15);
        assertEquals(0, c.result(2).windowsAbove(), "nothing exceeds 5.08");
        assertEquals(3.0, r.p50());
        assertEquals(5.0, r.p95());
        assertEquals(5.0, r.max());
        assertEquals(3.0, r.windowMean(), 1e-15);
    }

    @Test
    void windowVectorModelsCalibrateOnWindowScores() {
        Calibrator c = new Calibrator(true);
        c.onWindow(window(1));
        c.onWindow(window(3));
        Calibration r = c.result(1);
        assertEquals(2, r.rows());
        assertEquals(2 + Math.sqrt(2), r.threshold(), 1e-15);
    }

    @Test
    void failureWindowsReplayTheRuleInOrder() {
        Calibrator c = new Calibrator(false);
        for (double w : new double[] {5, 5, 1, 5, 1, 1}) {
            c.onWindow(window(w));
        }
        assertEquals(4, c.failureWindows(new VerdictRule.Hysteresis(2, 2), 3), "F from the 2nd to the 5th window");
        assertEquals(3, c.failureWindows(new VerdictRule.KOfM(2, 3), 3));
    }

    @Test
    void oneRowIsNotEnough() {
        Calibrator c = new Calibrator(false);
        c.onRowScore(0, 1);
        assertEquals("calibration needs at least 2 rows of normal data, got 1",
                assertThrows(IllegalStateException.class, () -> c.result(1)).getMessage());
    }
}

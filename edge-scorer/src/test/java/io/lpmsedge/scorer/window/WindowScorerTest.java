package io.lpmsedge.scorer.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.model.ScoreKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windowing, RMS, gaps and verdicts on crafted sequences, with a model whose score is its first input. */
class WindowScorerTest {
    /** score = row[0]; remembers every row it saw. */
    static final class EchoScorer implements RowScorer {
        final int width;
        final List<double[]> seen = new ArrayList<>();

        EchoScorer(int width) {
            this.width = width;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public ScoreKind kind() {
            return ScoreKind.REGRESSION;
        }

        @Override
        public double score(double[] row) {
            seen.add(Arrays.copyOf(row, width));
            return row[0];
        }
    }

    static final class Recorder implements WindowListener {
        final List<WindowResult> windows = new ArrayList<>();
        final List<String> gaps = new ArrayList<>();
        final List<Double> rowScores = new ArrayList<>();

        @Override
        public void onRowScore(long row, double score) {
            rowScores.add(score);
        }

        @Override
        public void onWindow(WindowResult w) {
            windows.add(w);
        }

        @Override
        public void onGap(long row, Continuity reason, int droppedRows) {
            gaps.add(row + ":" + reason.label() + ":" + droppedRows);
        }
    }

    private final Recorder rec = new Recorder();

    private WindowScorer perReading(int size, int stride, double threshold, VerdictRule rule, double rateHz) {
        return new WindowScorer(
                new EchoScorer(1),
                null,
                Layout.PER_READING,
                new WindowConfig(size, stride),
                threshold,
                rule,
                rateHz,
                rec);
    }

    private static void feed(WindowScorer s, double... scores) {
        long row = 0;
        for (double v : scores) {
            s.acceptRow(new double[] {v}, Double.NaN, null, row++);
        }
    }

    @Test
    void tumblingWindowsTakeTheRmsOfTheirRows() {
        WindowScorer s = perReading(3, 3, 10, new VerdictRule.Hysteresis(1, 1), 0);
        feed(s, 1, 2, 2, 3, 4, 20, 5);
        assertEquals(2, rec.windows.size());
        assertEquals(Math.sqrt((1 + 4 + 4) / 3.0), rec.windows.get(0).rms(), 1e-15);
        assertEquals(Math.sqrt((9 + 16 + 400) / 3.0), rec.windows.get(1).rms(), 1e-15);
        assertEquals(0, rec.windows.get(0).firstRow());
        assertEquals(3, rec.windows.get(1).firstRow());
        assertEquals(3, rec.windows.get(1).rows());
        assertEquals(7, rec.rowScores.size());
        assertFalse(rec.windows.get(0).exceeds());
        assertTrue(rec.windows.get(1).exceeds());
        assertEquals(Verdict.FAILURE, rec.windows.get(1).verdict());
        assertTrue(rec.windows.get(1).changed());
        assertEquals(Verdict.FAILURE, s.verdict());
    }

    @Test
    void slidingWindowsCloseEveryStrideOverTheLastSizeRows() {
        WindowScorer s = perReading(4, 2, 100, new VerdictRule.Hysteresis(1, 1), 0);
        feed(s, 1, 1, 1, 1, 3, 3, 5);
        // Windows over rows 0-3, then 2-5; row 6 is half a stride.
        assertEquals(2, rec.windows.size());
        assertEquals(1.0, rec.windows.get(0).rms(), 1e-15);
        assertEquals(2, rec.windows.get(1).firstRow());
        assertEquals(Math.sqrt((1 + 1 + 9 + 9) / 4.0), rec.windows.get(1).rms(), 1e-15);
    }

    @Test
    void aTickGapDropsTheOpenWindowInsteadOfSpanningIt() {
        WindowScorer s = perReading(3, 3, 100, new VerdictRule.Hysteresis(1, 1), 100);
        double[] t = {0.00, 0.01, 0.02, 0.03, 0.04, /* 3 samples lost */ 0.08, 0.09, 0.10, 0.11};
        for (int i = 0; i < t.length; i++) {
            s.acceptRow(new double[] {i}, t[i], null, i);
        }
        assertEquals(List.of("5:tick_gap:2"), rec.gaps);
        assertEquals(2, rec.windows.size());
        assertEquals(0, rec.windows.get(0).firstRow());
        assertEquals(5, rec.windows.get(1).firstRow(), "the window after the gap starts at the gap");
        assertEquals(0.08, rec.windows.get(1).startTime());
        assertEquals(0.10, rec.windows.get(1).endTime());
    }

    @Test
    void timeSteppingOnWithinJitterIsNotAGap() {
        WindowScorer s = perReading(3, 3, 100, new VerdictRule.Hysteresis(1, 1), 100);
        double[] t = {0.0, 0.0125, 0.02, 0.0325, 0.04, 0.05};
        for (int i = 0; i < t.length; i++) {
            s.acceptRow(new double[] {1}, t[i], null, i);
        }
        assertEquals(List.of(), rec.gaps);
        assertEquals(2, rec.windows.size());
    }

    @Test
    void timeGoingBackwardsIsAGap() {
        WindowScorer s = perReading(2, 2, 100, new VerdictRule.Hysteresis(1, 1), 100);
        s.acceptRow(new double[] {1}, 5.00, null, 0);
        s.acceptRow(new double[] {1}, 0.01, null, 1);
        assertEquals(List.of("1:tick_gap:1"), rec.gaps);
    }

    @Test
    void lineageSeqGapsAndReconnectsCloseWindowsWithoutTime() {
        WindowScorer s = perReading(2, 2, 100, new VerdictRule.Hysteresis(1, 1), 0);
        long[][] seqEpoch = {{10, 0}, {11, 0}, {12, 0}, /* seq 13 lost */ {14, 0}, {15, 0}, {16, 1}, {17, 1}};
        for (long[] se : seqEpoch) {
            s.acceptRow(new double[] {1}, Double.NaN, new Lineage("b", "spindle", "boot1", se[0], se[1]), se[0]);
        }
        // rows 10-11 window; 12 dropped by the seq gap; 14-15 window; 16-17 window after the reconnect (no loss).
        assertEquals(List.of("14:seq_gap:1", "16:reconnect:0"), rec.gaps);
        assertEquals(
                List.of(10L, 14L, 16L),
                rec.windows.stream().map(WindowResult::firstRow).toList());
    }

    @Test
    void aNewBootIsAReconnect() {
        WindowScorer s = perReading(5, 5, 100, new VerdictRule.Hysteresis(1, 1), 0);
        s.acceptRow(new double[] {1}, Double.NaN, new Lineage("b", "s", "boot1", 7, 0), 7);
        s.acceptRow(new double[] {1}, Double.NaN, new Lineage("b", "s", "boot2", 0, 0), 0);
        assertEquals(List.of("0:reconnect:1"), rec.gaps);
    }

    @Test
    void breakWindowDropsTheOpenWindowAndKeepsTheVerdict() {
        WindowScorer s = perReading(2, 2, 1, new VerdictRule.Hysteresis(1, 2), 0);
        feed(s, 5, 5, 5);
        assertEquals(Verdict.FAILURE, s.verdict());
        s.breakWindow();
        feed(s, 0, 0);
        assertEquals(2, rec.windows.size());
        assertEquals(0, rec.windows.get(1).firstRow(), "row 2 was dropped with the open window");
        assertEquals(Verdict.FAILURE, s.verdict(), "one OK window is not enough to leave FAILURE with exit 2");
    }

    @Test
    void windowVectorsAreFlattenedReadingMajorOldestFirst() {
        EchoScorer model = new EchoScorer(6);
        WindowScorer s = new WindowScorer(
                model,
                null,
                Layout.WINDOW_VECTOR,
                new WindowConfig(3, 2),
                100,
                new VerdictRule.Hysteresis(1, 1),
                0,
                rec);
        for (int i = 0; i < 7; i++) {
            s.acceptRow(new double[] {10 * i, 10 * i + 1}, Double.NaN, null, i);
        }
        // Windows close after readings 2, 4 and 6 (stride 2) over the last 3 readings.
        assertEquals(3, model.seen.size());
        assertArrayEquals(new double[] {0, 1, 10, 11, 20, 21}, model.seen.get(0));
        assertArrayEquals(new double[] {20, 21, 30, 31, 40, 41}, model.seen.get(1));
        assertArrayEquals(new double[] {40, 41, 50, 51, 60, 61}, model.seen.get(2));
        assertEquals(
                List.of(0L, 2L, 4L),
                rec.windows.stream().map(WindowResult::firstRow).toList());
        assertEquals(40.0, rec.windows.get(2).rms());
        assertTrue(rec.rowScores.isEmpty(), "window-vector models have no per-row scores");
    }
}

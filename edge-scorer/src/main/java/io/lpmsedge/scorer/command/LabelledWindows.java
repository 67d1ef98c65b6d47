package io.lpmsedge.scorer.command;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.input.InputFiles;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.offline.FileScoring;
import io.lpmsedge.scorer.offline.GapLog;
import io.lpmsedge.scorer.offline.InputScoring;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Windows kept per sensor for {@link Evaluation}, on the axis the labels use: sensor seconds as scored, or
 * input rows (a window then spans its first reading's row to its last one's, the row being read when it closed).
 */
final class LabelledWindows {
    private final boolean byRow;
    private final LongSupplier currentRow;
    /** As scored (sensor seconds). */
    final Map<String, List<WindowResult>> bySensor = new LinkedHashMap<>();
    /** On the labels' axis: the same windows, or with rows in place of times. */
    final Map<String, List<WindowResult>> onAxis = new LinkedHashMap<>();

    LabelledWindows(boolean byRow, LongSupplier currentRow) {
        this.byRow = byRow;
        this.currentRow = currentRow;
    }

    void add(String sensor, WindowResult w) {
        WindowResult axis = byRow
                ? new WindowResult(
                        w.window(),
                        w.firstRow(),
                        w.rows(),
                        w.firstRow(),
                        currentRow.getAsLong(),
                        w.rms(),
                        w.exceeds(),
                        w.verdict(),
                        w.changed())
                : w;
        bySensor.computeIfAbsent(sensor, s -> new ArrayList<>()).add(w);
        onAxis.computeIfAbsent(sensor, s -> new ArrayList<>()).add(axis);
    }

    /** Scores {@code input} through the live path (gaps printed on {@code err}) and keeps its windows. */
    static LabelledWindows score(ScorerConfig config, ScorerSetup setup, Path input, boolean byRow, PrintWriter err)
            throws BadInputException {
        InputScoring[] scoring = new InputScoring[1];
        LabelledWindows kept = new LabelledWindows(byRow, () -> scoring[0].currentRow());
        GapLog gaps = new GapLog(err);
        try {
            FileScoring.check(config, input, setup.model.file().getFileName().toString());
            scoring[0] =
                    new InputScoring(config, input, sensor -> (WindowListener) w -> kept.add(sensor, w), false, gaps);
            InputFiles.read(input, config.columnNames(), scoring[0]);
        } catch (InputException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        gaps.printTotals("'" + input.getFileName() + "'", scoring[0].timeJumpsBridged());
        return kept;
    }

    /** Labels must fit the input: times need an input with time, named sensors must be in it. */
    static void requireUsable(LabelFile labels, Map<String, List<WindowResult>> windows, Path labelPath, Path input)
            throws BadInputException {
        if (!labels.byRow()) {
            boolean timeless =
                    windows.values().stream().flatMap(List::stream).anyMatch(w -> Double.isNaN(w.startTime()));
            if (timeless) {
                throw new BadInputException("label file '" + labelPath + "' gives times, but '" + input.getFileName()
                        + "' has no time column; give its intervals in rows (header startRow,endRow,label)");
            }
        }
        for (String s : labels.sensors()) {
            if (!windows.containsKey(s)) {
                throw new BadInputException("label file '" + labelPath + "' names sensor " + s + " but '"
                        + input.getFileName() + "' has no windows of it (sensors there: " + windows.keySet() + ")");
            }
        }
    }

    /** The evaluation in one sentence for stderr. */
    static String sentence(Map<String, Object> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) m.get("firstFailure");
        String firstText = first == null
                ? "no FAILURE"
                : "first FAILURE: sensor " + first.get("sensor") + " window "
                        + first.get("window")
                        + (first.get("time") == null
                                ? ""
                                : String.format(Locale.ROOT, " (t %.2f s)", (Double) first.get("time")));
        return String.format(
                Locale.ROOT,
                "%s%% of windows over the threshold, %s%% of the time in FAILURE, %s; %s "
                        + "false FAILURE windows outside %s; ROC AUC %s",
                pct(m.get("overThresholdPercent")),
                pct(m.get("failureTimePercent")),
                firstText,
                m.get("falseFailureWindows"),
                m.get("labels") == null ? "labelled faults (no labels: all counted as normal)" : "labelled faults",
                m.get("rocAuc") == null
                        ? "n/a (needs labels with faults and normal windows)"
                        : String.format(Locale.ROOT, "%.3f", (Double) m.get("rocAuc")));
    }

    private static String pct(Object v) {
        return v == null ? "n/a " : String.format(Locale.ROOT, "%.2f ", (Double) v);
    }
}

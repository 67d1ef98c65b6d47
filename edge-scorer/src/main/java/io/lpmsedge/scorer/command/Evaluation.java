package io.lpmsedge.scorer.command;

import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.WindowResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model did on one input, with or without knowing where its faults were: the figures {@code score} and
 * {@code replay} both print. Without labels the whole input counts as normal (scoring a normal recording is how
 * false alarms are measured), so every FAILURE window is a false one; with labels, windows inside a labelled
 * fault are the faults', and ROC AUC of the window values against the labels says how well the model
 * separates the two whatever the threshold.
 */
final class Evaluation {
    private final List<DetectionReport> reports;
    private final Map<String, List<WindowResult>> windows;
    private final String labels;

    /**
     * @param kept   per sensor, in closing order, as scored and on the labels' axis (seconds or rows)
     * @param labels what the phases came from ({@code null}: none, all normal)
     */
    Evaluation(LabelledWindows kept, Map<String, List<DetectionReport.Phase>> phases, String labels) {
        this.windows = kept.bySensor;
        this.labels = labels;
        this.reports = new ArrayList<>();
        List<DetectionReport.Phase> allNormal =
                List.of(new DetectionReport.Phase(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, false, "ok", 0));
        for (Map.Entry<String, List<WindowResult>> e : kept.onAxis.entrySet()) {
            reports.add(DetectionReport.judge(e.getKey(), phases.getOrDefault(e.getKey(), allNormal), e.getValue()));
        }
    }

    List<DetectionReport> reports() {
        return reports;
    }

    long missed() {
        return reports.stream().mapToLong(DetectionReport::missed).sum();
    }

    long falseFailureWindows() {
        return reports.stream().mapToLong(r -> r.falseFailureWindows).sum();
    }

    /** The summary keys, added to {@code score}'s and {@code replay}'s own. */
    Map<String, Object> toMap() {
        long total = 0;
        long exceeding = 0;
        long failure = 0;
        Map<String, Object> first = null;
        double firstAt = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, List<WindowResult>> e : windows.entrySet()) {
            for (WindowResult w : e.getValue()) {
                total++;
                exceeding += w.exceeds() ? 1 : 0;
                if (w.verdict() == Verdict.FAILURE) {
                    failure++;
                    double at = Double.isNaN(w.endTime()) ? w.window() : w.endTime();
                    if (first == null || at < firstAt) {
                        firstAt = at;
                        first = new LinkedHashMap<>();
                        first.put("sensor", e.getKey());
                        first.put("window", w.window());
                        first.put("firstRow", w.firstRow());
                        first.put("time", Double.isNaN(w.endTime()) ? null : w.endTime());
                    }
                }
            }
        }
        long ok = reports.stream().mapToLong(r -> r.okWindows).sum();
        long faults = reports.stream().mapToLong(r -> r.faults.size()).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", labels);
        m.put("overThresholdPercent", total == 0 ? null : 100.0 * exceeding / total);
        // Every window stands for one stride of readings, so the share of windows is the share of judged time.
        m.put("failureTimePercent", total == 0 ? null : 100.0 * failure / total);
        m.put("firstFailure", first);
        m.put("falseFailureWindows", falseFailureWindows());
        m.put("falseFailureRate", ok == 0 ? null : (double) falseFailureWindows() / ok);
        m.put("labelledFaults", faults);
        m.put("detected", faults - missed());
        m.put("missed", missed());
        m.put("rocAuc", labels == null ? null : rocAuc());
        return m;
    }

    /**
     * Mann–Whitney estimate of the ROC AUC: the chance that a window inside a labelled fault has a higher value
     * than a normal one (ties count half). Null without windows of both kinds.
     */
    Double rocAuc() {
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (DetectionReport r : reports) {
            pos.addAll(r.faultRms);
            neg.addAll(r.okRms);
        }
        if (pos.isEmpty() || neg.isEmpty()) {
            return null;
        }
        int n = pos.size() + neg.size();
        double[][] all = new double[n][];
        int i = 0;
        for (double v : pos) {
            all[i++] = new double[] {v, 1};
        }
        for (double v : neg) {
            all[i++] = new double[] {v, 0};
        }
        Arrays.sort(all, (a, b) -> Double.compare(a[0], b[0]));
        double rankSum = 0;
        for (int lo = 0; lo < n; ) {
            int hi = lo;
            while (hi + 1 < n && all[hi + 1][0] == all[lo][0]) {
                hi++;
            }
            double rank = (lo + hi) / 2.0 + 1;
            for (int k = lo; k <= hi; k++) {
                rankSum += all[k][1] * rank;
            }
            lo = hi + 1;
        }
        double p = pos.size();
        return (rankSum - p * (p + 1) / 2) / (p * neg.size());
    }
}

package io.lpmsedge.scorer.offline;

import io.lpmsedge.scorer.calibrate.Calibration;
import io.lpmsedge.scorer.calibrate.CalibrationOptions;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How {@code calibrate} and {@code train} tell the user what the calibration found: JSON and sentences. */
public final class CalibrationReport {
    private CalibrationReport() {}

    public static Map<String, Object> toMap(Calibration c, ScorerConfig config, GapLog gaps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", c.options().method().key());
        m.put("threshold", c.threshold());
        m.put("rule", c.rule().describe());
        m.put("validated", c.validated());
        if (c.options().method() == CalibrationOptions.Method.MEAN_SD) {
            m.put("k", c.options().k());
        } else {
            m.put("headroom", c.options().headroom());
        }
        m.put("holdout", c.options().holdout());
        m.put("margin", c.options().margin());
        m.put("sampleRateHz", config.sampleRateHz() > 0 ? config.sampleRateHz() : null);
        m.put("window", config.window().size());
        m.put("stride", config.window().stride());
        m.put("rows", c.rows());
        m.put("rowMean", finite(c.rowMean()));
        m.put("rowSd", finite(c.rowSd()));
        m.put("windows", c.windows());
        m.put("fitWindows", c.fitWindows());
        m.put("heldOutWindows", c.heldOutWindows());
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("mean", finite(c.windowMean()));
        w.put("sd", finite(c.windowSd()));
        w.put("p50", finite(c.p50()));
        w.put("p95", finite(c.p95()));
        w.put("p99", finite(c.p99()));
        w.put("max", finite(c.max()));
        m.put("windowRms", w);
        m.put("windowsAbove", c.windowsAbove());
        m.put("falseAlarmRate", finite(c.falseAlarmRate()));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("max", finite(c.heldOutMax()));
        h.put("maxRatio", finite(c.heldOutMaxRatio()));
        h.put("ruleRatio", finite(c.heldOutRuleRatio()));
        h.put("exceedingWindows", c.heldOutExceeding());
        h.put("failureWindows", c.heldOutFailureWindows());
        m.put("heldOut", h);
        m.put("failureWindows", c.failureWindows());
        m.put("gaps", gaps.byKind());
        m.put("droppedWindows", gaps.droppedWindows());
        m.put("warnings", c.warnings());
        return m;
    }

    /** The result in sentences, warnings last (each on its own line, so they stand out). */
    public static void print(Calibration c, PrintWriter err) {
        String how = c.options().method() == CalibrationOptions.Method.HOLDOUT
                ? String.format(
                        Locale.ROOT,
                        "%.3g x the rule's highest run in the first %.0f %%",
                        c.options().headroom(),
                        100 * (1 - c.options().holdout()))
                : String.format(
                        Locale.ROOT,
                        "mean %.6g + %s x sd %.6g of %d row scores (the 2017 rule)",
                        c.rowMean(),
                        c.options().k(),
                        c.rowSd(),
                        c.rows());
        err.println(String.format(
                Locale.ROOT,
                "threshold %.6g with %s (%s); %d windows, %d above the threshold, %d " + "FAILURE",
                c.threshold(),
                c.rule().describe(),
                how,
                c.windows(),
                c.windowsAbove(),
                c.failureWindows()));
        if (c.heldOutWindows() > 0) {
            err.println(String.format(
                    Locale.ROOT,
                    "held out (last %.0f %%, %d windows): max window %.6g = %.2f x "
                            + "threshold, %d windows above it, %d FAILURE; margin %.0f %% (rule statistic %.2f x "
                            + "threshold, at most %.2f required): %s",
                    100 * c.options().holdout(),
                    c.heldOutWindows(),
                    c.heldOutMax(),
                    c.heldOutMaxRatio(),
                    c.heldOutExceeding(),
                    c.heldOutFailureWindows(),
                    100 * (1 - c.heldOutRuleRatio()),
                    c.heldOutRuleRatio(),
                    1 / (1 + c.options().margin()),
                    c.validated() ? "validated" : "NOT validated"));
        }
        c.warnings().forEach(err::println);
        err.flush();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

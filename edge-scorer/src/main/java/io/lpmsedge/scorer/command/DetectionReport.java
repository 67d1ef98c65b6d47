package io.lpmsedge.scorer.command;

import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.WindowResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sensor's windows judged against its ground truth: false FAILURE windows during OK phases, and for each
 * fault phase the delay from onset to the first FAILURE verdict (or that it was missed).
 *
 * <p>A window belongs to a phase when it lies wholly inside it; windows spanning a change are "transition"
 * windows and count for neither side. A FAILURE window in an OK phase right after a fault, before the verdict
 * has once returned to OK, is the exit hysteresis at work ("lingering"), reported apart from false alarms.
 */
final class DetectionReport {
    /**
     * @param onset        truth time of the fault's start ({@code t}: sensor seconds since the simulation started)
     * @param end          truth time of its end, +inf if it lasts to the end of the capture
     * @param delaySeconds from onset to the end time of the first FAILURE window; NaN when missed
     */
    record Fault(
            String mode,
            double severity,
            double onset,
            double end,
            boolean detected,
            double delaySeconds,
            int windowsToDetect,
            double rmsP50) {}

    /**
     * A stretch of one machine state, from {@code clock} (on the windows' axis: sensor seconds, or rows for
     * row labels) to the next phase's start.
     *
     * @param t shown in reports (the simulator's seconds since start, or the label's own start)
     */
    record Phase(double clock, double t, boolean failure, String mode, double severity) {}

    final String sensor;
    final List<Fault> faults = new ArrayList<>();
    long windows;
    long okWindows;
    long falseFailureWindows;
    long lingeringFailureWindows;
    long transitionWindows;
    /** Window values in OK phases, to show how far a fault's windows stand out (the separation). */
    final List<Double> okRms = new ArrayList<>();
    /** Window values wholly inside fault phases: with {@link #okRms}, the two classes of the ROC AUC. */
    final List<Double> faultRms = new ArrayList<>();

    private DetectionReport(String sensor) {
        this.sensor = sensor;
    }

    static DetectionReport judge(String sensor, List<Phase> truth, List<WindowResult> windows) {
        DetectionReport r = new DetectionReport(sensor);
        r.windows = windows.size();
        double[] starts = new double[truth.size()];
        for (int i = 0; i < truth.size(); i++) {
            starts[i] = truth.get(i).clock();
        }
        boolean[] recovered = new boolean[truth.size()];
        for (WindowResult w : windows) {
            int phase = phaseOf(starts, w.startTime());
            if (phase < 0 || phaseOf(starts, w.endTime()) != phase) {
                r.transitionWindows++;
                continue;
            }
            if (truth.get(phase).failure()) {
                r.faultRms.add(w.rms());
                continue;
            }
            r.okWindows++;
            r.okRms.add(w.rms());
            if (w.verdict() == Verdict.OK) {
                recovered[phase] = true;
            } else if (phase > 0 && truth.get(phase - 1).failure() && !recovered[phase]) {
                r.lingeringFailureWindows++;
            } else {
                r.falseFailureWindows++;
            }
        }
        for (int i = 0; i < truth.size(); i++) {
            Phase c = truth.get(i);
            if (c.failure()) {
                boolean last = i + 1 == starts.length;
                r.faults.add(detection(
                        c,
                        starts[i],
                        last ? Double.POSITIVE_INFINITY : starts[i + 1],
                        last ? Double.POSITIVE_INFINITY : truth.get(i + 1).t(),
                        windows));
            }
        }
        return r;
    }

    /**
     * The first FAILURE among the windows that start at or after the onset and end before the fault does (a
     * window straddling the onset is not credited with it). {@code onset}/{@code end} on the windows' clock,
     * {@code truthEnd} on the truth's.
     */
    private static Fault detection(Phase c, double onset, double end, double truthEnd, List<WindowResult> windows) {
        int seen = 0;
        int detectedAt = -1;
        double delay = Double.NaN;
        List<Double> rms = new ArrayList<>();
        for (WindowResult w : windows) {
            if (w.startTime() < onset) {
                continue;
            }
            if (w.endTime() >= end) {
                break;
            }
            seen++;
            rms.add(w.rms());
            if (detectedAt < 0 && w.verdict() == Verdict.FAILURE) {
                detectedAt = seen;
                delay = w.endTime() - onset;
            }
        }
        return new Fault(
                c.mode(),
                c.severity(),
                c.t(),
                truthEnd,
                detectedAt > 0,
                delay,
                detectedAt > 0 ? detectedAt : seen,
                median(rms));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }

    double okRmsP50() {
        return median(okRms);
    }

    double okRmsMax() {
        return okRms.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Index of the phase containing {@code t}, -1 before the first. */
    private static int phaseOf(double[] starts, double t) {
        if (Double.isNaN(t)) {
            // No time (a column CSV): only a single phase, "all normal", can hold it.
            return starts.length == 1 ? 0 : -1;
        }
        int phase = -1;
        for (int i = 0; i < starts.length && starts[i] <= t; i++) {
            phase = i;
        }
        return phase;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    long missed() {
        return faults.stream().filter(f -> !f.detected()).count();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sensor", sensor);
        m.put("windows", windows);
        m.put("okWindows", okWindows);
        m.put("falseFailureWindows", falseFailureWindows);
        m.put("lingeringFailureWindows", lingeringFailureWindows);
        m.put("transitionWindows", transitionWindows);
        m.put("okRmsP50", finite(okRmsP50()));
        m.put("okRmsMax", finite(okRmsMax()));
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Fault f : faults) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("mode", f.mode());
            fm.put("severity", f.severity());
            fm.put("onset", f.onset());
            fm.put("end", Double.isFinite(f.end()) ? f.end() : null);
            fm.put("detected", f.detected());
            fm.put("delaySeconds", f.detected() ? f.delaySeconds() : null);
            fm.put("windowsToDetect", f.detected() ? f.windowsToDetect() : null);
            fm.put("windowsDuringFault", f.detected() ? null : f.windowsToDetect());
            fm.put("rmsP50", finite(f.rmsP50()));
            fs.add(fm);
        }
        m.put("faults", fs);
        return m;
    }
}

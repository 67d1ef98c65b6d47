package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.window.WindowResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lpms-edge replay}: a simulator capture through the live scoring path (the same {@code WindowScorer}s as
 * {@code score} and the bridge), judged against the simulator's ground truth.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a recording through the live scorer and report detection quality against its",
            "simulator ground truth (--truth), a label file of fault intervals (--labels, CSV start,end,label), or",
            "nothing (then all of it counts as normal): false FAILURE windows, delay from each fault onset to",
            "FAILURE, missed faults, first FAILURE, time in FAILURE, ROC AUC. JSON on stdout, sentences on stderr."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every fault detected and no false FAILURE window",
            "3:replayed, but a fault was missed or a window was FAILURE during OK",
            "2:unreadable or mismatched model, manifest, capture, truth or labels, or a bad option",
            "1:an unexpected failure"
        })
public final class ReplayCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    /** Replayed, but detection was not perfect: scripts and CI can tell this from a bad input. */
    public static final int EXIT_IMPERFECT = 3;

    @Option(
            names = "--capture",
            required = true,
            paramLabel = "FILE",
            description = "The recording: a simulator capture (lpms-edge sim --out) or any input score reads (an "
                    + "LpmsControl export, JSON Lines, a CSV).")
    private Path capture;

    @Option(
            names = "--truth",
            paramLabel = "FILE",
            description = "The simulator's ground truth JSON Lines (lpms-edge sim --truth); its sensorIds are the "
                    + "capture's sensor keys.")
    private Path truth;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "Fault intervals of a real recording: CSV 'start,end,label[,sensor]' in seconds on the "
                    + "input's clock, or 'startRow,endRow,label[,sensor]' in rows. Without --truth and --labels "
                    + "the whole recording counts as normal.")
    private Path labels;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "H2O model (as for score).")
    private Path model;

    @Option(
            names = "--manifest",
            paramLabel = "FILE",
            description = "Model manifest (default: <model name>.manifest.json beside the model); needs a threshold.")
    private Path manifest;

    @Option(names = "--window", paramLabel = "N", description = "Readings per window (overrides the manifest).")
    private Integer window;

    @Option(names = "--stride", paramLabel = "N", description = "Readings between windows (default: window size).")
    private Integer stride;

    @Option(names = "--threshold", paramLabel = "X", description = "Overrides the manifest's threshold.")
    private Double threshold;

    @Option(names = "--hysteresis", paramLabel = "N[:M]", description = "Overrides the manifest's verdict rule.")
    private String hysteresis;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        return run(spec.commandLine().getErr());
    }

    private int run(PrintWriter err) throws BadInputException {
        if (truth != null && labels != null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "give --truth (simulator) or --labels (a " + "recording's fault intervals), not both");
        }
        GroundTruth groundTruth = truth == null ? null : GroundTruth.read(truth);
        LabelFile labelFile = labels == null ? null : LabelFile.read(labels);
        ModelOptions o = new ModelOptions();
        o.model = model;
        o.manifest = manifest;
        o.input = capture;
        o.window = window;
        o.stride = stride;
        ScorerSetup setup = new ScorerSetup(o, false);
        ScorerConfig config = setup.judgingConfig(o, threshold, hysteresis);
        LabelledWindows kept =
                LabelledWindows.score(config, setup, capture, labelFile != null && labelFile.byRow(), err);
        Map<String, List<WindowResult>> windows = kept.onAxis;
        Map<String, List<DetectionReport.Phase>> phases = new LinkedHashMap<>();
        if (groundTruth != null) {
            phases.putAll(groundTruth.phasesFor(windows, capture));
            // Only the sensors the simulator reported on are judged.
            windows.keySet().retainAll(phases.keySet());
            kept.bySensor.keySet().retainAll(phases.keySet());
        } else if (labelFile != null) {
            LabelledWindows.requireUsable(labelFile, windows, labels, capture);
            for (String sensor : windows.keySet()) {
                phases.put(sensor, labelFile.phases(sensor));
            }
        }
        Evaluation evaluation = new Evaluation(
                kept,
                phases,
                truth != null
                        ? truth.getFileName().toString()
                        : labels != null ? labels.getFileName().toString() : null);
        List<DetectionReport> reports = evaluation.reports();
        Map<String, Object> summary = summary(setup, config, reports);
        summary.putAll(evaluation.toMap());
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(new ObjectMapper().writeValueAsString(Map.of("replay", summary)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings always serializes", e);
        }
        out.flush();
        text(reports, err);
        err.println(LabelledWindows.sentence(summary));
        err.flush();
        boolean perfect = reports.stream().allMatch(r -> r.missed() == 0 && r.falseFailureWindows == 0);
        return perfect ? 0 : EXIT_IMPERFECT;
    }

    private Map<String, Object> summary(ScorerSetup setup, ScorerConfig c, List<DetectionReport> reports) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", setup.model.file().getFileName().toString());
        m.put("capture", capture.getFileName().toString());
        m.put("window", c.window().size());
        m.put("stride", c.window().stride());
        m.put("threshold", c.threshold());
        m.put("rule", c.rule().describe());
        long faults = reports.stream().mapToLong(r -> r.faults.size()).sum();
        long missed = reports.stream().mapToLong(DetectionReport::missed).sum();
        long okWindows = reports.stream().mapToLong(r -> r.okWindows).sum();
        long falseWindows =
                reports.stream().mapToLong(r -> r.falseFailureWindows).sum();
        m.put("faults", faults);
        m.put("detected", faults - missed);
        m.put("missed", missed);
        m.put("okWindows", okWindows);
        m.put("falseFailureWindows", falseWindows);
        m.put("falseFailureRate", okWindows == 0 ? null : (double) falseWindows / okWindows);
        m.put("sensors", reports.stream().map(DetectionReport::toMap).toList());
        return m;
    }

    private static void text(List<DetectionReport> reports, PrintWriter err) {
        for (DetectionReport r : reports) {
            err.println(String.format(
                    Locale.ROOT,
                    "sensor %s: %d windows, %d false FAILURE of %d OK windows "
                            + "(%d lingering after a fault), %d transition",
                    r.sensor,
                    r.windows,
                    r.falseFailureWindows,
                    r.okWindows,
                    r.lingeringFailureWindows,
                    r.transitionWindows));
            for (DetectionReport.Fault f : r.faults) {
                err.println(
                        f.detected()
                                ? String.format(
                                        Locale.ROOT,
                                        "  %s @%.2f from %.1f s: FAILURE after %.1f s (%d windows)",
                                        f.mode(),
                                        f.severity(),
                                        f.onset(),
                                        f.delaySeconds(),
                                        f.windowsToDetect())
                                : String.format(
                                        Locale.ROOT,
                                        "  %s @%.2f from %.1f s: MISSED (%d windows, none FAILURE)",
                                        f.mode(),
                                        f.severity(),
                                        f.onset(),
                                        f.windowsToDetect()));
            }
        }
        err.flush();
    }
}

package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.offline.FileScoring;
import io.lpmsedge.scorer.offline.GapLog;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lpms-edge replay}: a simulator capture through the live scoring path (the same {@code WindowScorer}s as
 * {@code score} and the bridge), judged against the simulator's ground truth.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a simulator capture through the live scorer and report detection quality against",
                "its ground truth (lpms-edge sim --out CAPTURE --truth TRUTH): false FAILURE windows during OK,",
                "delay from each fault onset to FAILURE, missed faults. JSON on stdout, a summary on stderr."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every fault detected and no false FAILURE window",
                "3:replayed, but a fault was missed or a window was FAILURE during OK",
                "2:unreadable or mismatched model, manifest, capture or truth, or a bad option",
                "1:an unexpected failure"})
public final class ReplayCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    /** Replayed, but detection was not perfect: scripts and CI can tell this from a bad input. */
    public static final int EXIT_IMPERFECT = 3;

    @Option(names = "--capture", required = true, paramLabel = "FILE",
            description = "Simulator capture (lpms-edge sim --out); any input score reads works if its sensor "
                    + "keys are the truth's sensorIds.")
    private Path capture;

    @Option(names = "--truth", required = true, paramLabel = "FILE",
            description = "The simulator's ground truth JSON Lines (lpms-edge sim --truth).")
    private Path truth;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "H2O model (as for score).")
    private Path model;

    @Option(names = "--manifest", paramLabel = "FILE",
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
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(err);
        } catch (BadInputException e) {
            err.println("lpms-edge replay: " + e.getMessage());
            return LpmsEdge.EXIT_BAD_INPUT;
        }
    }

    private int run(PrintWriter err) throws BadInputException {
        GroundTruth groundTruth = GroundTruth.read(truth);
        ModelOptions o = new ModelOptions();
        o.model = model;
        o.manifest = manifest;
        o.input = capture;
        o.window = window;
        o.stride = stride;
        ScorerSetup setup = new ScorerSetup(o, false);
        ScorerConfig config = setup.judgingConfig(o, threshold, hysteresis);
        Map<String, List<WindowResult>> windows = new LinkedHashMap<>();
        GapLog gaps = new GapLog(err);
        try {
            FileScoring.Result r = FileScoring.run(config, capture, setup.model.file().getFileName().toString(),
                    sensor -> collector(windows, sensor), false, gaps);
            gaps.printTotals("'" + capture.getFileName() + "'", r.scoring().timeJumpsBridged());
        } catch (InputException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        List<DetectionReport> reports = new ArrayList<>();
        for (Map.Entry<Integer, List<GroundTruth.Change>> e : groundTruth.bySensor().entrySet()) {
            String sensor = Integer.toString(e.getKey());
            List<WindowResult> ws = windows.get(sensor);
            if (ws == null) {
                throw new BadInputException("the truth names sensor " + sensor + " but '" + capture.getFileName()
                        + "' has no readings of it (sensors in the capture: " + windows.keySet() + ")");
            }
            reports.add(DetectionReport.judge(sensor, e.getValue(), ws));
        }
        Map<String, Object> summary = summary(setup, config, reports);
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(new ObjectMapper().writeValueAsString(Map.of("replay", summary)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings always serializes", e);
        }
        out.flush();
        text(reports, err);
        boolean perfect = reports.stream().allMatch(r -> r.missed() == 0 && r.falseFailureWindows == 0);
        return perfect ? 0 : EXIT_IMPERFECT;
    }

    private static WindowListener collector(Map<String, List<WindowResult>> windows, String sensor) {
        List<WindowResult> list = windows.computeIfAbsent(sensor, s -> new ArrayList<>());
        return list::add;
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
        long falseWindows = reports.stream().mapToLong(r -> r.falseFailureWindows).sum();
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
            err.println(String.format(Locale.ROOT, "sensor %s: %d windows, %d false FAILURE of %d OK windows "
                            + "(%d lingering after a fault), %d transition", r.sensor, r.windows,
                    r.falseFailureWindows, r.okWindows, r.lingeringFailureWindows, r.transitionWindows));
            for (DetectionReport.Fault f : r.faults) {
                err.println(f.detected()
                        ? String.format(Locale.ROOT, "  %s @%.2f from %.1f s: FAILURE after %.1f s (%d windows)",
                                f.mode(), f.severity(), f.onset(), f.delaySeconds(), f.windowsToDetect())
                        : String.format(Locale.ROOT, "  %s @%.2f from %.1f s: MISSED (%d windows, none FAILURE)",
                                f.mode(), f.severity(), f.onset(), f.windowsToDetect()));
            }
        }
        err.flush();
    }
}

package io.lpmsedge.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.manifest.ManifestFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Detection quality on simulator data (issue 6): an autoencoder trained on 5 minutes of a healthy simulated arm
 * (acc + gyro at 100 Hz, seed 7), then captures of the same arm that run healthy for 6 minutes, fail for 2 and
 * run healthy again, replayed through {@code lpms-edge replay} (the live scoring path). The same seed keeps the
 * arm's unit errors (biases, misalignment): a model is trained per sensor, as in the plant. The first 5 minutes
 * of every test capture are the training data; the faults and minutes 5–20 of the long OK run are unseen.
 *
 * <p>Recipe (tuned here, measured in README "Detection quality"): 12-4-12 with 10 epochs and k = 1 (the 2017 rule)
 * raised FAILURE on 7 % of healthy windows of this arm, whose pick-and-place motion makes per-row errors bursty;
 * 16-6-16, 20 epochs, threshold mean + 3 sd and hysteresis 3:3 raise none in 20 minutes. With acc+gyro per
 * reading, that model sees strong backlash only: bearing (30–120 Hz vibration during base turns), a loose mount
 * and gyro drift change single readings too little against the arm's own motion. Those three are pinned below
 * as missed, so a better recipe or feature set (e.g. vibration-band features) shows up as a failing test that
 * says to move the mode into the detected list.
 */
class DetectionQualityTest {
    static final String SEED = "7";
    static final ObjectMapper JSON = new ObjectMapper();
    static Path dir;
    static Path model;
    static final List<String> table = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        dir = Files.createTempDirectory("detection");
        Path ok = dir.resolve("train.bin");
        sim("--out", ok.toString(), "--mode", "ok", "--duration", "5m", "--rate", "100", "--seed", SEED);
        TrainPipeline.Result r = new TrainPipeline().run(
                TrainingData.read(ok, List.of(), List.of("acc", "gyro")),
                new TrainSpec("sim_ae", new int[] {16, 6, 16}, 20, 42),
                new TrainPipeline.Options(Layout.PER_READING, 200, 200, 3.0,
                        new ManifestFile.VerdictSpec("hysteresis", 3, 3, null, null)), dir);
        model = r.model().mojo();
        table.add(String.format(Locale.ROOT, "model: threshold %.4g (row mean %.4g, sd %.4g), training window RMS "
                        + "p50 %.4g, p99 %.4g, max %.4g", r.calibration().threshold(), r.calibration().rowMean(),
                r.calibration().rowSd(), r.calibration().p50(), r.calibration().p99(), r.calibration().max()));
    }

    @AfterAll
    static void report() throws Exception {
        Path out = Path.of("target", "detection-quality.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, table);
        table.forEach(System.out::println);
    }

    static void sim(String... args) {
        List<String> a = new ArrayList<>(List.of("sim"));
        a.addAll(List.of(args));
        StringWriter err = new StringWriter();
        CommandLine cl = LpmsEdge.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(a.toArray(String[]::new)), err.toString());
    }

    /** Runs replay; returns its JSON summary (exit 0 or 3 both mean "replayed"). */
    static JsonNode replay(String scenario, String name) throws Exception {
        Path capture = dir.resolve(name + ".bin");
        Path truth = dir.resolve(name + ".truth.jsonl");
        sim("--out", capture.toString(), "--truth", truth.toString(), "--rate", "100", "--seed", SEED,
                "--scenario", scenario);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LpmsEdge.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("replay", "--capture", capture.toString(), "--truth", truth.toString(), "--model",
                model.toString());
        assertTrue(exit == 0 || exit == 3, "replay exit " + exit + ": " + err);
        JsonNode s = JSON.readTree(out.toString()).get("replay");
        assertEquals(exit == 0, s.get("missed").asInt() == 0 && s.get("falseFailureWindows").asInt() == 0);
        return s;
    }

    static String row(String scenario, JsonNode s) {
        JsonNode sensor = s.get("sensors").get(0);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %d/%d OK windows false FAILURE "
                        + "(OK rms p50 %.3g, max %.3g)", scenario, s.get("falseFailureWindows").asInt(),
                s.get("okWindows").asInt(), sensor.get("okRmsP50").asDouble(), sensor.get("okRmsMax").asDouble()));
        for (JsonNode f : sensor.get("faults")) {
            b.append(f.get("detected").asBoolean()
                    ? String.format(Locale.ROOT, " | %s @%.2f detected after %.1f s (%d windows), fault rms p50 %.3g",
                            f.get("mode").asText(), f.get("severity").asDouble(), f.get("delaySeconds").asDouble(),
                            f.get("windowsToDetect").asInt(), f.get("rmsP50").asDouble())
                    : String.format(Locale.ROOT, " | %s @%.2f MISSED over %d windows, fault rms p50 %.3g",
                            f.get("mode").asText(), f.get("severity").asDouble(), f.get("windowsDuringFault").asInt(),
                            f.get("rmsP50").asDouble()));
        }
        return b.append(" |").toString();
    }

    /** Windows of 2 s; with hysteresis 3 the earliest possible FAILURE is the 3rd window after the onset. */
    @ParameterizedTest
    @ValueSource(strings = {"backlash"})
    void strongFaultsAreFlaggedWithinAFewWindows(String mode) throws Exception {
        String scenario = "ok:6m," + mode + ":2m@1.0,ok:1m";
        JsonNode s = replay(scenario, mode + "-strong");
        table.add(row(scenario, s));
        JsonNode fault = s.get("sensors").get(0).get("faults").get(0);
        assertTrue(fault.get("detected").asBoolean(), mode + " at severity 1.0 missed: " + row(scenario, s));
        assertTrue(fault.get("windowsToDetect").asInt() <= 6, mode + " detected late: " + row(scenario, s));
        assertEquals(0, s.get("falseFailureWindows").asInt(), row(scenario, s));
    }

    /**
     * NOT detected by this model (see the class comment): pinned so the README table stays true. If one starts
     * being detected, move it to {@link #strongFaultsAreFlaggedWithinAFewWindows} and update README.
     */
    @ParameterizedTest
    @ValueSource(strings = {"bearing", "loose-mount", "gyro-drift"})
    void strongFaultsThisModelDoesNotSeeAreReportedAsMissed(String mode) throws Exception {
        String scenario = "ok:6m," + mode + ":2m@1.0,ok:1m";
        JsonNode s = replay(scenario, mode + "-strong");
        table.add(row(scenario, s) + " (known miss)");
        assertEquals(1, s.get("missed").asInt(), mode + " is detected now: move it to the detected list. "
                + row(scenario, s));
        assertEquals(0, s.get("falseFailureWindows").asInt(), row(scenario, s));
    }

    /** Mild faults are recorded, not required: the table goes to target/detection-quality.txt and README. */
    @ParameterizedTest
    @ValueSource(strings = {"bearing", "backlash", "loose-mount", "gyro-drift"})
    void mildFaultsAreRecorded(String mode) throws Exception {
        String scenario = "ok:6m," + mode + ":2m@0.15,ok:1m";
        JsonNode s = replay(scenario, mode + "-mild");
        table.add(row(scenario, s));
        assertEquals(1, s.get("faults").asInt());
    }

    @Test
    void twentyMinutesOfHealthyRunningRaiseNoFailure() throws Exception {
        String scenario = "ok:20m";
        JsonNode s = replay(scenario, "long-ok");
        table.add(row(scenario, s));
        assertEquals(600, s.get("okWindows").asInt(), "20 min at 100 Hz in windows of 200");
        assertEquals(0, s.get("falseFailureWindows").asInt(), row(scenario, s));
    }
}

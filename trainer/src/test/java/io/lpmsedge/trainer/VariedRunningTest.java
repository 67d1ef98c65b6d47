package io.lpmsedge.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ManifestIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: detection on data the detector was not designed on. Simulated arms run healthy but varied
 * ({@code lpms-edge sim --varied}: cycle speed and a slow-mode override, payload, hall temperature, a gyro
 * recalibration); a model trained and calibrated by the DEFAULT path ({@code lpms-edge train} with no
 * calibration options: hold-out method, rule chosen) must raise no FAILURE in an hour of such running on an arm
 * it never saw, and still catch each strong fault. Long (several minutes): run with {@code -Dlpmsedge.long=true};
 * results go to {@code target/varied-running.txt}, captures and model stay in {@code target/varied-running/}.
 *
 * <p>Training covers the variation: 45 minutes per arm, so the training fleet meets every speed including the
 * 0.5x override, most of a temperature swing and recalibrations. Trained on 15 minutes per arm (no slow mode in
 * any of them) the same hour raised 100 FAILURE windows when its arm first went into slow mode (measured with the
 * earlier, range-only rest test): a detector flags an operating condition it has never seen, and no held-out check
 * can know about a condition absent from the whole recording (docs/calibration.md).
 */
@EnabledIfSystemProperty(named = "lpmsedge.long", matches = "true")
class VariedRunningTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Kept after the run (captures, model), so a surprising result can be looked into with score/replay. */
    static final Path dir = Path.of("target", "varied-running");

    static Path model;
    static final List<String> lines = new ArrayList<>();

    @BeforeAll
    static void trainByTheDefaultPath() throws Exception {
        Files.createDirectories(dir);
        SimArm.sim(
                "--out",
                dir.resolve("train-{id}.bin").toString(),
                "--sensors",
                "3",
                "--varied",
                "--mode",
                "ok",
                "--duration",
                "45m",
                "--rate",
                "100",
                "--seed",
                "21",
                "--outputs",
                "acc,gyro");
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--out",
                dir.resolve("m").toString(),
                "--name",
                "varied_ae",
                "--fields",
                String.join(",", SimArm.FEATURES),
                "--window",
                "100"));
        for (int id = 1; id <= 3; id++) {
            args.addAll(List.of("--input", dir.resolve("train-" + id + ".bin").toString()));
        }
        long start = System.nanoTime();
        TrainCommandTest.Run r = TrainCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        model = dir.resolve("m").resolve("varied_ae.zip");
        ManifestFile m = new ManifestIO().read(dir.resolve("m").resolve("varied_ae.manifest.json"));
        lines.add(String.format(
                Locale.ROOT,
                "trained in %.0f s: threshold %.4g, rule %s, validated %s, held-out max " + "%.2f x threshold",
                (System.nanoTime() - start) / 1e9,
                m.threshold(),
                m.verdict(),
                m.calibration().validated(),
                m.calibration().heldOutMaxRatio()));
        lines.add(r.out().strip());
    }

    @AfterAll
    static void report() throws Exception {
        Path out = Path.of("target", "varied-running.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    @Test
    void anHourOfHealthyVariedRunningOnAnUnseenArmRaisesNoFailure() throws Exception {
        Path capture = dir.resolve("hour.bin");
        SimArm.sim(
                "--out",
                capture.toString(),
                "--varied",
                "--mode",
                "ok",
                "--duration",
                "60m",
                "--rate",
                "100",
                "--seed",
                "22",
                "--outputs",
                "acc,gyro");
        TrainCommandTest.Run r =
                TrainCommandTest.run("replay", "--capture", capture.toString(), "--model", model.toString());
        JsonNode s = JSON.readTree(r.out()).get("replay");
        JsonNode sensor = s.get("sensors").get(0);
        double threshold = s.get("threshold").asDouble();
        lines.add(String.format(
                Locale.ROOT,
                "60 min varied, unseen arm: %d windows, %d false FAILURE, %d above the "
                        + "threshold, max window %.4g = %.2f x threshold (p50 %.4g)",
                sensor.get("windows").asInt(),
                s.get("falseFailureWindows").asInt(),
                Math.round(s.get("overThresholdPercent").asDouble()
                        * sensor.get("windows").asInt()
                        / 100),
                sensor.get("okRmsMax").asDouble(),
                sensor.get("okRmsMax").asDouble() / threshold,
                sensor.get("okRmsP50").asDouble()));
        lines.add("  " + r.err().strip().lines().reduce((a, b) -> b).orElse(""));
        assertEquals(3600, sensor.get("windows").asInt());
        assertEquals(0, s.get("falseFailureWindows").asInt(), String.join("\n", lines));
        assertEquals(0, r.exit(), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearing", "backlash", "loose-mount", "gyro-drift"})
    void strongFaultsAreStillDetectedOnAVariedArm(String mode) throws Exception {
        Path capture = dir.resolve(mode + ".bin");
        Path truth = dir.resolve(mode + ".jsonl");
        SimArm.sim(
                "--out",
                capture.toString(),
                "--truth",
                truth.toString(),
                "--varied",
                "--rate",
                "100",
                "--seed",
                "22",
                "--scenario",
                "ok:4m," + mode + ":2m@1.0,ok:1m",
                "--outputs",
                "acc,gyro");
        TrainCommandTest.Run r = TrainCommandTest.run(
                "replay", "--capture", capture.toString(), "--truth", truth.toString(), "--model", model.toString());
        JsonNode s = JSON.readTree(r.out()).get("replay");
        JsonNode f = s.get("sensors").get(0).get("faults").get(0);
        lines.add(String.format(
                Locale.ROOT,
                "%s @1.0 on a varied arm: %s, %d false FAILURE",
                mode,
                f.get("detected").asBoolean()
                        ? String.format(
                                Locale.ROOT,
                                "detected after %.1f s (%d windows)",
                                f.get("delaySeconds").asDouble(),
                                f.get("windowsToDetect").asInt())
                        : "MISSED",
                s.get("falseFailureWindows").asInt()));
        assertTrue(f.get("detected").asBoolean(), lines.get(lines.size() - 1));
    }
}

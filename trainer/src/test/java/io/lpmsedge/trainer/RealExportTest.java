package io.lpmsedge.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ManifestIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 2 on LpmsControl-style exports made from the simulator ({@link LpmsControlExport}): 50 Hz, 79
 * delivery stalls while FrameNumber stays contiguous. Train, calibrate and score must cut the same windows
 * from it, drop none for jitter, count and print real gaps, and refuse a model of another rate.
 */
class RealExportTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path export50;
    static Path model;
    static TrainCommandTest.Run train;

    @BeforeAll
    static void trainOnAJitteryExport() throws Exception {
        Path capture = dir.resolve("arm50.bin");
        SimArm.sim(
                "--out",
                capture.toString(),
                "--rate",
                "50",
                "--seed",
                "11",
                "--mode",
                "ok",
                "--duration",
                "4m",
                "--outputs",
                "acc,gyro");
        export50 = LpmsControlExport.write(capture, dir.resolve("arm50.csv"), 79, 5, List.of(), true);
        train = TrainCommandTest.run(
                "train",
                "--input",
                export50.toString(),
                "--out",
                dir.resolve("m").toString(),
                "--name",
                "arm50",
                "--fields",
                "vib(acc),vib(gyro)",
                "--hidden",
                "6,3,6",
                "--epochs",
                "2",
                "--window",
                "100");
        assertEquals(0, train.exit(), train.err());
        model = dir.resolve("m").resolve("arm50.zip");
    }

    @Test
    void trainAndCalibrateCutTheSameWindowsAndNoneIsLostToJitter() throws Exception {
        ManifestFile trained = new ManifestIO().read(dir.resolve("m").resolve("arm50.manifest.json"));
        assertEquals(50.0, trained.sampleRateHz(), "measured from the jittery timestamps (median step)");
        assertEquals(12000 / 100, trained.calibration().windows(), "4 min at 50 Hz in windows of 100: none dropped");
        assertTrue(train.err().contains("79 timestamp jumps between contiguous frames were not gaps"), train.err());
        Path copy = Files.copy(model, dir.resolve("arm50_copy.zip"));
        Files.copy(dir.resolve("m").resolve("arm50.manifest.json"), dir.resolve("arm50_copy.manifest.json"));
        TrainCommandTest.Run cal =
                TrainCommandTest.run("calibrate", "--model", copy.toString(), "--input", export50.toString());
        assertEquals(0, cal.exit(), cal.err());
        JsonNode report = JSON.readTree(cal.out());
        assertEquals(trained.calibration().windows(), report.get("windows").asLong());
        assertEquals(trained.threshold(), report.get("threshold").asDouble(), 0.0, "same windows, same threshold");
        assertEquals(
                trained.verdict(),
                new ManifestIO().read(dir.resolve("arm50_copy.manifest.json")).verdict());
        assertEquals(0, report.get("droppedWindows").asLong());
    }

    @Test
    void realGapsAreCountedAndPrintedEveryOne() throws Exception {
        Path lossy = LpmsControlExport.write(
                dir.resolve("arm50.bin"), dir.resolve("lossy.csv"), 79, 5, List.of(1050, 5020, 5021, 9077), true);
        TrainCommandTest.Run r =
                TrainCommandTest.run("score", "--model", model.toString(), "--input", lossy.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("gap: 'lossy.csv' sensor 1 before row 1050 (t 21.0"), r.err());
        assertTrue(r.err().contains("frame_gap; an open window of 50 readings dropped"), r.err());
        assertTrue(r.err().contains("'lossy.csv': 3 gaps {frame_gap=3}, 3 partial windows dropped"), r.err());
        JsonNode summary =
                JSON.readTree(r.out().lines().reduce((a, b) -> b).orElseThrow()).get("summary");
        assertEquals(3, summary.get("gaps").get("frame_gap").asInt());
    }

    /** Without FrameNumber, time alone decides: the stalls are gaps, and that is said, not done silently. */
    @Test
    void withoutAFrameCounterJitterIsTakenForGapsButNeverSilently() throws Exception {
        Path noFrames =
                LpmsControlExport.write(dir.resolve("arm50.bin"), dir.resolve("noframes.csv"), 79, 5, List.of(), false);
        TrainCommandTest.Run r =
                TrainCommandTest.run("score", "--model", model.toString(), "--input", noFrames.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("tick_gap"), r.err());
        assertTrue(r.err().contains("gap: further gaps are only counted"), r.err());
    }

    @Test
    void aModelOfAnotherRateIsRefusedWithBothRatesAndTheFix() throws Exception {
        // A 100 Hz manifest on the 50 Hz export.
        Path m100 = Files.copy(model, dir.resolve("m100.zip"));
        ManifestIO io = new ManifestIO();
        io.write(
                io.read(dir.resolve("m").resolve("arm50.manifest.json")).withSampleRate(100.0),
                dir.resolve("m100.manifest.json"));
        TrainCommandTest.Run r =
                TrainCommandTest.run("score", "--model", m100.toString(), "--input", export50.toString());
        assertEquals(2, r.exit());
        assertTrue(
                r.err()
                        .startsWith(
                                "lpms-edge score: 'arm50.csv' sensor 1 runs at 50 Hz (median step 20.00 ms over 12000 readings)"),
                r.err());
        assertTrue(
                r.err()
                        .contains("but model m100.zip expects 100 Hz (sampleRateHz in its manifest): its windows of "
                                + "100 readings would last 2.00 s instead of 1.00 s. Score data recorded at 100 Hz, or train a model on "
                                + "this 50 Hz data"),
                r.err());
        assertFalse(r.out().contains("\"window\""), "refused before scoring");
        // The 50 Hz model on a 100 Hz export.
        Path capture100 = dir.resolve("arm100.bin");
        SimArm.sim(
                "--out",
                capture100.toString(),
                "--rate",
                "100",
                "--seed",
                "12",
                "--mode",
                "ok",
                "--duration",
                "30s",
                "--outputs",
                "acc,gyro");
        Path export100 = LpmsControlExport.write(capture100, dir.resolve("arm100.csv"), 10, 6, List.of(), true);
        r = TrainCommandTest.run("replay", "--capture", export100.toString(), "--model", model.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("'arm100.csv' sensor 1 runs at 100 Hz (median step 10.00 ms"), r.err());
        assertTrue(r.err().contains("expects 50 Hz"), r.err());
    }

    @Test
    void aConstantColumnIsReportedBeforeTrainingWithTheFix() throws Exception {
        Path capture = dir.resolve("rocking.bin");
        // A loose mount rocks all the time: the gyro never rests, so rest-drift stays 0.
        SimArm.sim(
                "--out",
                capture.toString(),
                "--rate",
                "50",
                "--seed",
                "13",
                "--mode",
                "failure",
                "--failure",
                "loose-mount",
                "--duration",
                "1m",
                "--outputs",
                "acc,gyro");
        Path out = dir.resolve("const");
        TrainCommandTest.Run r = TrainCommandTest.run(
                "train",
                "--input",
                capture.toString(),
                "--out",
                out.toString(),
                "--fields",
                "vib(acc),rest-drift(gyro)",
                "--epochs",
                "1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(
                r.err()
                        .startsWith("lpms-edge train: training data: [rest_drift_gyro_x = 0.0, rest_drift_gyro_y = "
                                + "0.0, rest_drift_gyro_z = 0.0] never change in the "),
                r.err());
        assertTrue(r.err().contains("rest-drift(...) stays 0 on data that never rests"), r.err());
        assertTrue(r.err().contains("Train without them (--fields / --columns)"), r.err());
        assertFalse(Files.exists(out.resolve("lpms_autoencoder.zip")), "nothing trained");
    }
}

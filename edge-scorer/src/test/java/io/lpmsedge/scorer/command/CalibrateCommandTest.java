package io.lpmsedge.scorer.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.scorer.TestModels;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.model.RowScorers;
import io.lpmsedge.scorer.model.ScoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {
    @TempDir
    Path dir;

    Path model;
    double[][] normal;

    @BeforeEach
    void setUp() throws Exception {
        model = Files.copy(TestModels.file("ae.zip"), dir.resolve("ae.zip"));
        normal = Arrays.copyOf(TestModels.normalRows(), 1200);
    }

    /** mean + k·sd (sample sd, two-pass) of the per-row scores, computed here independently of the command. */
    private double expectedThreshold(double[][] rows, double k) {
        RowScorer s = RowScorers.create(TestModels.load("ae.zip"), ScoreKind.RECONSTRUCTION_MSE, null);
        double[] e = Arrays.stream(rows).mapToDouble(s::score).toArray();
        double mean = Arrays.stream(e).average().orElseThrow();
        double ss = Arrays.stream(e).map(x -> (x - mean) * (x - mean)).sum();
        return mean + k * Math.sqrt(ss / (e.length - 1));
    }

    @Test
    void writesANewManifestBesideTheModelWithMeanPlusKSd() throws Exception {
        Path csv = Inputs.columnCsv(dir.resolve("normal.csv"), normal);
        CliRun r = CliRun.run(
                "calibrate",
                "--model",
                model.toString(),
                "--input",
                csv.toString(),
                "--method",
                "mean-sd",
                "--holdout",
                "0",
                "--k",
                "2",
                "--window",
                "100");
        assertEquals(0, r.exit(), r.err());
        double expected = expectedThreshold(normal, 2);
        JsonNode report = new ObjectMapper().readTree(r.out().get(0));
        assertEquals(expected, report.get("threshold").asDouble(), 1e-12 * expected);
        assertEquals(1200, report.get("rows").asLong());
        assertEquals(12, report.get("windows").asLong());
        assertTrue(report.get("windowRms").get("p95").asDouble()
                > report.get("rowMean").asDouble());
        assertEquals(
                report.get("windowsAbove").asDouble() / 12,
                report.get("falseAlarmRate").asDouble(),
                0.0);
        assertTrue(
                r.err()
                        .contains("(mean "
                                + String.format(
                                        java.util.Locale.ROOT,
                                        "%.6g",
                                        report.get("rowMean").asDouble()) + " + 2.0 x sd"),
                r.err());
        assertTrue(r.err().contains("Not validated: --holdout 0"), r.err());

        ManifestFile m = new ManifestIO().read(dir.resolve("ae.manifest.json"));
        assertEquals(expected, m.threshold(), 1e-12 * expected);
        assertEquals(2.0, m.calibration().k());
        assertEquals("normal.csv", m.calibration().input());
        assertEquals(100, m.window().size());
        assertEquals("ae.zip", m.model());
        assertEquals("acc[0]", m.features().get(0).field(), "trainer-style columns are mapped to reading fields");
        // The manifest just written scores readings at once.
        CliRun score = CliRun.run(
                "score",
                "--model",
                model.toString(),
                "--input",
                Inputs.capture(dir.resolve("n.bin"), normal).toString());
        assertEquals(0, score.exit(), score.err());
    }

    @Test
    void updatesAnExistingManifestKeepingItsOtherSettings() throws Exception {
        Files.copy(TestModels.file("ae.manifest.json"), dir.resolve("ae.manifest.json"));
        CliRun r = CliRun.run(
                "calibrate",
                "--model",
                model.toString(),
                "--method",
                "mean-sd",
                "--holdout",
                "0",
                "--input",
                Inputs.capture(dir.resolve("n.bin"), normal).toString());
        assertEquals(0, r.exit(), r.err());
        ManifestFile m = new ManifestIO().read(dir.resolve("ae.manifest.json"));
        double expected = expectedThreshold(Inputs.asFloats(normal), 1);
        assertEquals(expected, m.threshold(), 1e-12 * expected);
        assertEquals(
                new ManifestFile.VerdictSpec("hysteresis", 2, 2, null, null),
                m.verdict(),
                "mean-sd keeps the manifest's rule");
        assertEquals(100, m.window().size());
        assertEquals("n.bin", m.calibration().input());
        assertEquals(100.0, m.sampleRateHz(), "the rate measured from the capture is recorded");
    }

    /**
     * Two sensors in one file: sensor 2 is faulty throughout, sensor 1 normal. Their windows close alternately;
     * the verdict rule (hysteresis 2:2) must run per sensor, so sensor 2 is FAILURE from its second window on and
     * sensor 1 never. One tracker over the interleaved windows would see no two exceeding windows in a row.
     */
    @Test
    void falseAlarmsAreCountedPerSensorInAMultiSensorFile() throws Exception {
        Files.copy(TestModels.file("ae.manifest.json"), dir.resolve("ae.manifest.json"));
        Path export = Inputs.lpmsControlCsv(dir.resolve("two.csv"), normal, Inputs.faulty(normal));
        CliRun r = CliRun.run(
                "calibrate",
                "--model",
                model.toString(),
                "--input",
                export.toString(),
                "--method",
                "mean-sd",
                "--holdout",
                "0",
                "--k",
                "0");
        assertEquals(0, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out().get(0));
        assertEquals(24, report.get("windows").asLong(), "12 windows of 100 rows per sensor");
        assertEquals(12, report.get("windowsAbove").asLong(), "exactly the faulty sensor's windows exceed");
        assertEquals(11, report.get("failureWindows").asLong(), "sensor 2 enters FAILURE on its 2nd window");
    }

    /**
     * The default: windows of the first 75 % give the threshold (1.25 x their highest), the held-out last 25 % must
     * stay OK with a 10 % margin; the report states the margin. Computed here from the windows' RMS independently.
     */
    @Test
    void byDefaultTheThresholdComesFromTheFirstPartAndIsCheckedOnTheHeldOutEnd() throws Exception {
        double[][] rows = TestModels.normalRows();
        Path csv = Inputs.columnCsv(dir.resolve("normal.csv"), rows);
        CliRun r = CliRun.run(
                "calibrate",
                "--model",
                model.toString(),
                "--input",
                csv.toString(),
                "--window",
                "50",
                "--rule",
                "hysteresis:1");
        assertEquals(0, r.exit(), r.err());
        RowScorer s = RowScorers.create(TestModels.load("ae.zip"), ScoreKind.RECONSTRUCTION_MSE, null);
        double[] windows = new double[rows.length / 50];
        for (int w = 0; w < windows.length; w++) {
            double sum = 0;
            for (int i = w * 50; i < w * 50 + 50; i++) {
                double e = s.score(rows[i]);
                sum += e * e;
            }
            windows[w] = Math.sqrt(sum / 50);
        }
        int split = (int) (windows.length * 0.75); // 3,000 rows: readings from 2,250 on are held out
        double fitMax = Arrays.stream(windows, 0, split).max().orElseThrow();
        double heldMax = Arrays.stream(windows, split, windows.length).max().orElseThrow();
        JsonNode report = new ObjectMapper().readTree(r.out().get(0));
        assertEquals(1.25 * fitMax, report.get("threshold").asDouble(), 1e-12 * fitMax);
        assertEquals(
                heldMax / (1.25 * fitMax), report.get("heldOut").get("maxRatio").asDouble(), 1e-9);
        assertEquals(windows.length - split, report.get("heldOutWindows").asInt());
        assertEquals(
                report.get("heldOut").get("maxRatio").asDouble() <= 1 / 1.1,
                report.get("validated").asBoolean());
        assertTrue(
                r.err().contains("held out (last 25 %, " + (windows.length - split) + " windows): max window"),
                r.err());
        ManifestFile m = new ManifestIO().read(dir.resolve("ae.manifest.json"));
        assertEquals(new ManifestFile.VerdictSpec("hysteresis", 1, 1, null, null), m.verdict());
        assertEquals(0.25, m.calibration().holdout());
        assertEquals(
                report.get("heldOut").get("maxRatio").asDouble(),
                m.calibration().heldOutMaxRatio());
    }

    @Test
    void tooLittleDataIsABadInput() throws Exception {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z\n1,1,1,1,1,1\n");
        CliRun r = CliRun.run("calibrate", "--model", model.toString(), "--input", csv.toString());
        assertEquals(2, r.exit());
        assertTrue(
                r.err()
                        .startsWith("lpms-edge calibrate: calibration needs at least 2 complete windows of normal "
                                + "data, got 0 in '" + csv + "'"),
                r.err());
        assertTrue(Files.notExists(dir.resolve("ae.manifest.json")));
    }
}

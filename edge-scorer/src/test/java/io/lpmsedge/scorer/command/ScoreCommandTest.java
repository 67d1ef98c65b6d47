package io.lpmsedge.scorer.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.scorer.TestModels;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.model.RowScorers;
import io.lpmsedge.scorer.model.ScoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lpms-edge score} in-process on every input format, against the committed trained model. */
class ScoreCommandTest {
    static double[][] normal;
    static RowScorer reference;
    static double threshold;

    @TempDir
    Path dir;

    Path model;

    @BeforeAll
    static void loadReference() throws Exception {
        normal = Arrays.copyOf(TestModels.normalRows(), 1000);
        reference = RowScorers.create(TestModels.load("ae.zip"), ScoreKind.RECONSTRUCTION_MSE, null);
        threshold = new ManifestIO().read(TestModels.file("ae.manifest.json")).threshold();
    }

    @BeforeEach
    void copyModel() throws IOException {
        model = Files.copy(TestModels.file("ae.zip"), dir.resolve("ae.zip"));
        Files.copy(TestModels.file("ae.manifest.json"), dir.resolve("ae.manifest.json"));
    }

    /** The committed manifest with a sample rate, so tick gaps are detected. */
    private void withSampleRate(double hz) throws Exception {
        ManifestIO io = new ManifestIO();
        ManifestFile f = io.read(dir.resolve("ae.manifest.json"));
        io.write(
                new ManifestFile(
                        f.formatVersion(),
                        f.model(),
                        f.layout(),
                        f.features(),
                        hz,
                        f.window(),
                        f.score(),
                        f.threshold(),
                        f.verdict(),
                        f.calibration()),
                dir.resolve("ae.manifest.json"));
    }

    @Test
    void scoresACsvRowByRowWithWindowsAfterTheirLastRowAndASummary() throws IOException {
        Path csv = Inputs.columnCsv(dir.resolve("normal.csv"), normal);
        CliRun r = CliRun.run("score", "--model", model.toString(), "--input", csv.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> rows = r.rows();
        assertEquals(1000, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).get("row").asLong());
            assertEquals(reference.score(normal[i]), rows.get(i).get("score").asDouble(), 0.0);
        }
        assertTrue(r.out().get(0).startsWith("{\"row\":0,\"score\":"), r.out().get(0));
        assertTrue(
                r.out().get(0).endsWith(",\"label\":\"run, 1\"}"),
                "label passed through: " + r.out().get(0));
        // Window k closes right after its last row: line 100 is window 0 (rows 0-99 are lines 0-99).
        assertEquals(
                "{\"window\":0,\"firstRow\":0,\"rows\":100,\"rms\":" + rms(0, 100) + ",\"verdict\":\"OK\"}",
                r.out().get(100));
        assertEquals(10, r.windows().size());
        JsonNode s = r.summary();
        assertEquals(1000, s.get("rows").asLong());
        assertEquals(10, s.get("windows").asLong());
        assertEquals(0, s.get("failureWindows").asLong());
        assertEquals(threshold, s.get("threshold").asDouble(), 0.0);
        assertEquals("hysteresis 2:2", s.get("rule").asText());
        assertEquals("COLUMN_CSV", s.get("input").asText());
    }

    private static String rms(int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            double v = reference.score(normal[i]);
            sum += v * v;
        }
        return Double.toString(Math.sqrt(sum / n));
    }

    @Test
    void aCaptureScoresLikeItsFloat32Values() throws IOException {
        Path cap = Inputs.capture(dir.resolve("normal.bin"), normal);
        CliRun r = CliRun.run("score", "--model", model.toString(), "--input", cap.toString());
        assertEquals(0, r.exit(), r.err());
        double[][] wire = Inputs.asFloats(normal);
        List<JsonNode> rows = r.rows();
        assertEquals(1000, rows.size());
        for (int i = 0; i < rows.size(); i += 13) {
            assertEquals(reference.score(wire[i]), rows.get(i).get("score").asDouble(), 0.0, "row " + i);
            assertEquals("1", rows.get(i).get("sensor").asText());
        }
        assertEquals("CAPTURE", r.summary().get("input").asText());
    }

    @Test
    void aFaultyMachineGoesToFailureAfterTwoExceedingWindows() throws IOException {
        double[][] run = new double[1000][];
        System.arraycopy(normal, 0, run, 0, 500);
        System.arraycopy(Inputs.faulty(normal), 500, run, 500, 500);
        CliRun r = CliRun.run(
                "score",
                "--model",
                model.toString(),
                "--input",
                Inputs.capture(dir.resolve("fault.bin"), run).toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> w = r.windows();
        assertEquals(
                List.of("OK", "OK", "OK", "OK", "OK", "OK", "FAILURE", "FAILURE", "FAILURE", "FAILURE"),
                w.stream().map(n -> n.get("verdict").asText()).toList());
        assertTrue(w.get(6).get("changed").asBoolean());
        assertTrue(w.get(5).get("rms").asDouble() > threshold, "window 5 exceeds but hysteresis 2:2 waits");
        assertEquals("FAILURE", r.summary().get("finalVerdicts").get("1").asText());
        assertEquals(1, r.summary().get("verdictChanges").asLong());
    }

    @Test
    void aTickGapInACaptureDropsTheOpenWindow() throws Exception {
        withSampleRate(100);
        CliRun r = CliRun.run(
                "score",
                "--model",
                model.toString(),
                "--input",
                Inputs.capture(dir.resolve("gap.bin"), normal, 250, 251).toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.summary();
        assertEquals(1, s.get("gaps").get("tick_gap").asLong());
        assertEquals(50, s.get("rowsInDroppedWindows").asLong());
        // Rows are numbered in file order: 998 readings, windows restart at the reading after the gap (row 250).
        assertEquals(
                List.of(0L, 100L, 250L, 350L, 450L, 550L, 650L, 750L, 850L),
                r.windows().stream().map(n -> n.get("firstRow").asLong()).toList());
    }

    @Test
    void bridgeJsonlUsesLineageToFindLostReadings() throws IOException {
        CliRun r = CliRun.run(
                "score",
                "--model",
                model.toString(),
                "--input",
                Inputs.bridgeJsonl(dir.resolve("bridge.jsonl"), normal, 120).toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.summary();
        assertEquals(1, s.get("gaps").get("seq_gap").asLong());
        assertEquals(20, s.get("rowsInDroppedWindows").asLong());
        assertEquals(999, s.get("rows").asLong());
        assertEquals("spindle", r.rows().get(0).get("sensor").asText());
        assertEquals(reference.score(normal[0]), r.rows().get(0).get("score").asDouble(), 0.0);
        // 100 rows, 20 lost to the gap, then 879 rows: 1 + 8 windows.
        assertEquals(9, s.get("windows").asLong());
    }

    @Test
    void lpmsControlCsvIsConvertedFromDegreesToRadians() throws IOException {
        CliRun r = CliRun.run(
                "score",
                "--model",
                model.toString(),
                "--input",
                Inputs.lpmsControlCsv(dir.resolve("export.csv"), normal).toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> rows = r.rows();
        assertEquals(1000, rows.size());
        for (int i = 0; i < rows.size(); i += 11) {
            double expected = reference.score(normal[i]);
            assertEquals(expected, rows.get(i).get("score").asDouble(), 1e-9 * expected, "row " + i);
        }
        assertEquals("LPMSCONTROL_CSV", r.summary().get("input").asText());
    }

    @Test
    void eachSensorInAFileHasItsOwnWindowsAndVerdict() throws Exception {
        withSampleRate(100);
        CliRun r = CliRun.run(
                "score",
                "--model",
                model.toString(),
                "--input",
                Inputs.lpmsControlCsv(dir.resolve("two.csv"), normal, Inputs.faulty(normal))
                        .toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.summary();
        assertEquals("OK", s.get("finalVerdicts").get("1").asText());
        assertEquals("FAILURE", s.get("finalVerdicts").get("2").asText());
        assertEquals(20, s.get("windows").asLong());
        assertEquals(0, s.get("gaps").size(), "interleaved sensors do not look like gaps to each other");
        List<JsonNode> sensor2 = r.windows().stream()
                .filter(n -> n.get("sensor").asText().equals("2"))
                .toList();
        assertEquals(10, sensor2.size());
        assertEquals(1, sensor2.get(0).get("firstRow").asLong(), "rows are numbered in file order");
    }

    @Test
    void theWindowVectorModelScoresACaptureThroughItsManifest() throws IOException {
        Path aew = Files.copy(TestModels.file("aew.zip"), dir.resolve("aew.zip"));
        Files.copy(TestModels.file("aew.manifest.json"), dir.resolve("aew.manifest.json"));
        CliRun ok = CliRun.run(
                "score",
                "--model",
                aew.toString(),
                "--input",
                Inputs.capture(dir.resolve("n.bin"), Arrays.copyOf(normal, 400)).toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(79, ok.windows().size());
        // Calibrated at mean + 1 sd of window scores, ~16 % of normal windows exceed; 2 of 3 keeps most OK.
        long normalFailures = ok.summary().get("failureWindows").asLong();
        assertTrue(normalFailures < 79 / 5, "normal FAILURE windows: " + normalFailures);
        CliRun bad = CliRun.run(
                "score",
                "--model",
                aew.toString(),
                "--input",
                Inputs.capture(dir.resolve("f.bin"), Arrays.copyOf(Inputs.faulty(normal), 400))
                        .toString());
        assertEquals(0, bad.exit(), bad.err());
        long faultyFailures = bad.summary().get("failureWindows").asLong();
        assertTrue(faultyFailures > 79 * 4 / 5, "faulty FAILURE windows: " + faultyFailures);
        assertEquals("2 of last 3", bad.summary().get("rule").asText());
    }

    @Test
    void commandLineOverridesWinOverTheManifest() throws IOException {
        Path csv = Inputs.columnCsv(dir.resolve("normal.csv"), normal);
        CliRun r = CliRun.run(
                "score",
                "--model",
                model.toString(),
                "--input",
                csv.toString(),
                "--window",
                "50",
                "--stride",
                "25",
                "--threshold",
                "0.0001",
                "--hysteresis",
                "3:4");
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.summary();
        assertEquals(50, s.get("window").asInt());
        assertEquals(25, s.get("stride").asInt());
        assertEquals("hysteresis 3:4", s.get("rule").asText());
        assertEquals(39, s.get("windows").asLong());
        // Everything exceeds the tiny threshold: FAILURE from the third window on.
        List<String> v =
                r.windows().stream().map(n -> n.get("verdict").asText()).toList();
        assertEquals(List.of("OK", "OK", "FAILURE"), v.subList(0, 3));
        assertEquals(37, s.get("failureWindows").asLong());
    }

    @Test
    void csvFormatIsOneTableWithTheSummaryOnStderr() throws IOException {
        Path csv = Inputs.columnCsv(dir.resolve("normal.csv"), Arrays.copyOf(normal, 200));
        CliRun r = CliRun.run("score", "--model", model.toString(), "--input", csv.toString(), "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        assertEquals(
                "record,sensor,row,score,window,firstRow,rows,rms,verdict,label",
                r.out().get(0));
        assertEquals(
                "row,csv,0," + reference.score(normal[0]) + ",,,,,,\"run, 1\"",
                r.out().get(1));
        assertTrue(r.out().get(101).startsWith("window,csv,,,0,0,100,"), r.out().get(101));
        assertEquals(1 + 200 + 2, r.out().size());
        assertTrue(r.err().startsWith("{\"summary\":{"), r.err());
    }

    @Test
    void theWindowVectorModelScoresOncePerStride() throws IOException {
        Path aew = Files.copy(TestModels.file("aew.zip"), dir.resolve("aew.zip"));
        Files.copy(TestModels.file("aew.manifest.json"), dir.resolve("aew.manifest.json"));
        CliRun r = CliRun.run(
                "score",
                "--model",
                aew.toString(),
                "--input",
                Inputs.columnCsv(dir.resolve("normal.csv"), Arrays.copyOf(normal, 100))
                        .toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.rows().isEmpty());
        assertEquals(19, r.windows().size(), "windows of 10 every 5 readings over 100 readings");
        assertEquals(5, r.windows().get(1).get("firstRow").asLong());
        assertEquals("window-vector", r.summary().get("layout").asText());
        assertEquals("2 of last 3", r.summary().get("rule").asText());
    }

    @Test
    void aSensorWithoutTheNeededOutputsIsANamedError() throws IOException {
        Path cap = Inputs.capture(dir.resolve("acc-only.bin"), normal, ConfigWord.of(100, false, Output.ACC));
        CliRun r = CliRun.run("score", "--model", model.toString(), "--input", cap.toString());
        assertEquals(2, r.exit());
        assertEquals(
                "lpms-edge score: the manifest maps [gyro_x <- gyro[0], gyro_y <- gyro[1], gyro_z <- gyro[2]] "
                        + "but 'acc-only.bin' sensor 1 sends only [acc]; enable those outputs on the sensor or fix the "
                        + "manifest's features",
                r.err().strip());
    }

    @Test
    void aSensorAtAnotherRateThanTheModelExpectsIsANamedError() throws Exception {
        withSampleRate(100);
        Path cap = Inputs.capture(dir.resolve("fast.bin"), normal, ConfigWord.of(400, false, Output.ACC, Output.GYRO));
        CliRun r = CliRun.run("score", "--model", model.toString(), "--input", cap.toString());
        assertEquals(2, r.exit());
        assertEquals(
                "lpms-edge score: the manifest expects 100 Hz (sampleRateHz) but 'fast.bin' sensor 1 is "
                        + "configured for 400 Hz; set the sensor to 100 Hz or use a model trained at 400 Hz",
                r.err().strip());
    }

    @Test
    void withoutAThresholdScoreSaysHowToGetOne() throws IOException {
        Files.delete(dir.resolve("ae.manifest.json"));
        CliRun r = CliRun.run(
                "score",
                "--model",
                model.toString(),
                "--input",
                Inputs.columnCsv(dir.resolve("n.csv"), normal).toString());
        assertEquals(2, r.exit());
        assertTrue(
                r.err()
                        .startsWith("lpms-edge score: no threshold: the manifest is missing; run 'lpms-edge "
                                + "calibrate --model"),
                r.err());
        assertTrue(r.out().isEmpty());
    }

    @Test
    void badOptionsAndFilesAreOneLineErrorsWithExitTwo() throws IOException {
        Path csv = Inputs.columnCsv(dir.resolve("n.csv"), normal);
        CliRun h = CliRun.run("score", "--model", model.toString(), "--input", csv.toString(), "--hysteresis", "2:x");
        assertEquals(2, h.exit());
        assertTrue(h.err().startsWith("lpms-edge score: --hysteresis '2:x' is not N or N:M"), h.err());
        CliRun missing = CliRun.run(
                "score",
                "--model",
                model.toString(),
                "--input",
                dir.resolve("no.csv").toString());
        assertEquals(2, missing.exit());
        assertEquals(
                "lpms-edge score: cannot read '" + dir.resolve("no.csv") + "': no such file",
                missing.err().strip());
        CliRun noModel = CliRun.run("score", "--model", dir.resolve("x.zip").toString(), "--input", csv.toString());
        assertEquals(2, noModel.exit());
        assertTrue(noModel.err().contains("does not exist; pass a MOJO .zip"), noModel.err());
        CliRun fmt = CliRun.run("score", "--model", model.toString(), "--input", csv.toString(), "--format", "xml");
        assertEquals(2, fmt.exit());
        assertTrue(fmt.err().contains("--format must be jsonl or csv, got 'xml'"), fmt.err());
        Path noCol = Files.writeString(dir.resolve("nocol.csv"), "acc_x,acc_y\n1,2\n");
        CliRun col = CliRun.run("score", "--model", model.toString(), "--input", noCol.toString());
        assertEquals(2, col.exit());
        assertTrue(col.err().contains("has no column [acc_z, gyro_x, gyro_y, gyro_z]; the model needs"), col.err());
        Path badManifest = Files.writeString(dir.resolve("bad.json"), "{\"features\":[]}");
        CliRun man = CliRun.run(
                "score", "--model", model.toString(), "--manifest", badManifest.toString(), "--input", csv.toString());
        assertEquals(2, man.exit());
        assertTrue(man.err().contains("features is missing or empty"), man.err());
        assertFalse(man.err().contains("Exception"), man.err());
    }
}

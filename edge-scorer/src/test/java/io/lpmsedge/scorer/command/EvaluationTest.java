package io.lpmsedge.scorer.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.scorer.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 3: {@code score} and {@code replay} judge a real recording from a label file of fault intervals
 * (or none), and say clearly what is missing when a model has no manifest or its layout is wrong.
 * 1,000 normal rows, 600 faulty (rows 1000-1599), 1,000 normal; windows of 100, hysteresis 2:2.
 */
class EvaluationTest {
    @TempDir
    Path dir;

    Path model;
    double[][] rows;

    @BeforeEach
    void setUp() throws Exception {
        model = Files.copy(TestModels.file("ae.zip"), dir.resolve("ae.zip"));
        Files.copy(TestModels.file("ae.manifest.json"), dir.resolve("ae.manifest.json"));
        rows = Inputs.faultInTheMiddle();
    }

    @Test
    void scoreWithRowLabelsCountsFalseFailureOutsideThemAndGivesRocAuc() throws Exception {
        Path csv = Inputs.columnCsv(dir.resolve("run.csv"), rows);
        Path labels = Files.writeString(dir.resolve("labels.csv"), "startRow,endRow,label\n1000,1600,bearing\n");
        CliRun r = CliRun.run(
                "score", "--model", model.toString(), "--input", csv.toString(), "--labels", labels.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.summary();
        assertEquals(26, s.get("windows").asInt());
        assertEquals("labels.csv", s.get("labels").asText());
        assertEquals(
                100.0 * s.get("exceedingWindows").asInt() / 26,
                s.get("overThresholdPercent").asDouble(),
                1e-9);
        assertEquals(
                100.0 * s.get("failureWindows").asInt() / 26,
                s.get("failureTimePercent").asDouble(),
                1e-9);
        assertEquals(11, s.get("firstFailure").get("window").asInt(), "windows 10 and 11 exceed: FAILURE on 11");
        assertEquals(1100, s.get("firstFailure").get("firstRow").asInt());
        assertTrue(s.get("firstFailure").get("time").isNull(), "a column CSV has no time");
        assertEquals(0, s.get("falseFailureWindows").asInt(), "the lingering window after the fault is not false");
        assertEquals(1, s.get("labelledFaults").asInt());
        assertEquals(1, s.get("detected").asInt());
        assertEquals(1.0, s.get("rocAuc").asDouble(), 0.0, "every fault window is above every normal one");
    }

    @Test
    void withoutLabelsTheWholeInputIsNormalAndEveryFailureIsFalse() throws Exception {
        Path csv = Inputs.columnCsv(dir.resolve("run.csv"), rows);
        CliRun r = CliRun.run("score", "--model", model.toString(), "--input", csv.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.summary();
        assertTrue(s.get("labels").isNull());
        assertEquals(
                s.get("failureWindows").asInt(), s.get("falseFailureWindows").asInt());
        assertTrue(s.get("falseFailureWindows").asInt() > 0);
        assertTrue(s.get("rocAuc").isNull());
    }

    /** The capture's readings are at 2.5 s + 0.01 s per row (ticks 1000 + 4 per row). */
    @Test
    void replayJudgesARecordingAgainstTimeLabelsAsItDoesAgainstSimulatorTruth() throws Exception {
        Path capture = Inputs.capture(dir.resolve("c.bin"), rows);
        Path labels = Files.writeString(
                dir.resolve("faults.csv"),
                "# from the maintenance log\n" + "start,end,label,sensor\n12.5,18.5,bearing,1\n");
        CliRun r = CliRun.run(
                "replay", "--capture", capture.toString(), "--model", model.toString(), "--labels", labels.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.json().get(0).get("replay");
        JsonNode fault = s.get("sensors").get(0).get("faults").get(0);
        assertEquals("bearing", fault.get("mode").asText());
        assertEquals(1.99, fault.get("delaySeconds").asDouble(), 1e-9, "as with the simulator's truth");
        assertEquals(14.49, s.get("firstFailure").get("time").asDouble(), 1e-9);
        assertEquals(1.0, s.get("rocAuc").asDouble(), 0.0);
        assertTrue(r.err().contains("first FAILURE: sensor 1 window 11 (t 14.49 s)"), r.err());
        // Nothing to compare with: all normal, so the fault's FAILURE windows are false and the exit says so.
        CliRun none = CliRun.run("replay", "--capture", capture.toString(), "--model", model.toString());
        assertEquals(ReplayCommand.EXIT_IMPERFECT, none.exit(), none.err());
        assertTrue(
                none.err()
                        .contains("false FAILURE windows outside labelled faults (no labels: all counted as "
                                + "normal)"),
                none.err());
    }

    @Test
    void badLabelFilesAreOneLineErrorsNamingTheLine() throws Exception {
        Path csv = Inputs.columnCsv(dir.resolve("run.csv"), rows);
        String[][] cases = {
            {"start;end;label\n1;2;x\n", "line 1: header 'start;end;label' is neither 'start,end,label[,sensor]'"},
            {"startRow,endRow,label\n10,5,x\n", "line 2: start 10 must be before end 5"},
            {"startRow,endRow,label\n0,500,a\n400,900,b\n", "line 3: interval 400-900 overlaps line 2's 0-500; merge"},
            {"start,end,label\n1,2,x\n", "gives times, but 'run.csv' has no time column; give its intervals in rows"},
            {"startRow,endRow,label,sensor\n1,2,x,7\n", "names sensor 7 but 'run.csv' has no windows of it"},
            {"", "is empty; write a header 'start,end,label'"},
        };
        for (String[] c : cases) {
            Path labels = Files.writeString(dir.resolve("l.csv"), c[0]);
            CliRun r = CliRun.run(
                    "score", "--model", model.toString(), "--input", csv.toString(), "--labels", labels.toString());
            assertEquals(2, r.exit(), c[0]);
            assertTrue(r.err().startsWith("lpms-edge score: "), r.err());
            assertTrue(r.err().contains(c[1]), "expected '" + c[1] + "' in: " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        CliRun both = CliRun.run(
                "replay",
                "--capture",
                csv.toString(),
                "--model",
                model.toString(),
                "--labels",
                dir.resolve("l.csv").toString(),
                "--truth",
                dir.resolve("t.jsonl").toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("give --truth (simulator) or --labels"), both.err());
    }

    /** The window-vector model counts the readings it read, not 0 (it scores no single row). */
    @Test
    void aWindowVectorModelsSummaryCountsItsRows() throws Exception {
        Path aew = Files.copy(TestModels.file("aew.zip"), dir.resolve("aew.zip"));
        Files.copy(TestModels.file("aew.manifest.json"), dir.resolve("aew.manifest.json"));
        CliRun r = CliRun.run(
                "score",
                "--model",
                aew.toString(),
                "--input",
                Inputs.capture(dir.resolve("c.bin"), rows).toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(2600, r.summary().get("rows").asInt());
    }

    /**
     * No manifest, and columns not named like reading fields: the error says so in a few lines, and the fix it
     * names works (write the manifest's features, then calibrate, then score).
     */
    @Test
    void aMissingManifestSaysWhatToWriteAndThatFixWorks() throws Exception {
        Path aew = Files.copy(TestModels.file("aew.zip"), dir.resolve("aew.zip"));
        Path capture = Inputs.capture(dir.resolve("c.bin"), TestModels.normalRows());
        CliRun r = CliRun.run("calibrate", "--model", aew.toString(), "--input", capture.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("lpms-edge calibrate: no manifest next to model aew.zip (looked for "), r.err());
        assertTrue(
                r.err()
                        .contains("its columns [acc_x_0, acc_y_0, acc_z_0, gyro_x_0, gyro_y_0, ..., gyro_y_9, "
                                + "gyro_z_9] (60 in all) are not named like reading fields"),
                r.err());
        assertTrue(r.err().contains("window-vector model"), r.err());
        assertTrue(r.err().length() < 1200, "short: " + r.err().length() + " chars");
        CliRun score = CliRun.run("score", "--model", aew.toString(), "--input", capture.toString());
        assertEquals(2, score.exit());
        assertTrue(score.err().startsWith("lpms-edge score: no manifest next to model aew.zip"), score.err());
        // The fix, as the message gives it: features with fields (and, for this model, its layout), then calibrate.
        Files.writeString(
                dir.resolve("aew.manifest.json"),
                "{\"layout\":\"window-vector\",\"window\":{\"size\":10},"
                        + "\"features\":[{\"column\":\"ax\",\"field\":\"acc[0]\"},{\"column\":\"ay\",\"field\":\"acc[1]\"},"
                        + "{\"column\":\"az\",\"field\":\"acc[2]\"},{\"column\":\"gx\",\"field\":\"gyro[0]\"},"
                        + "{\"column\":\"gy\",\"field\":\"gyro[1]\"},{\"column\":\"gz\",\"field\":\"gyro[2]\"}]}");
        CliRun cal = CliRun.run("calibrate", "--model", aew.toString(), "--input", capture.toString());
        assertEquals(0, cal.exit(), cal.err());
        CliRun ok = CliRun.run("score", "--model", aew.toString(), "--input", capture.toString());
        assertEquals(0, ok.exit(), ok.err());
    }

    @Test
    void aWindowVectorModelWithoutItsLayoutGetsAShortHintNotItsSixHundredColumns() throws Exception {
        Path aew = Files.copy(TestModels.file("aew.zip"), dir.resolve("aew.zip"));
        Files.writeString(
                dir.resolve("aew.manifest.json"),
                Files.readString(TestModels.file("aew.manifest.json")).replace("\"layout\" : \"window-vector\",", ""));
        CliRun r = CliRun.run(
                "score",
                "--model",
                aew.toString(),
                "--input",
                Inputs.capture(dir.resolve("c.bin"), rows).toString());
        assertEquals(2, r.exit());
        assertTrue(
                r.err()
                        .contains(
                                "model aew.zip has 60 inputs [acc_x_0, acc_y_0, acc_z_0, gyro_x_0, gyro_y_0, ..., "
                                        + "gyro_y_9, gyro_z_9] (60 in all), 10 x the manifest's 6 features, and none has a feature's name: "
                                        + "if it is a window-vector model (one row per window of 10 readings x 6 fields, as the 2017 models "
                                        + "were), add \"layout\": \"window-vector\" and \"window\": {\"size\": 10} to the manifest"),
                r.err());
        assertFalse(r.err().contains("acc_x_5"), "no dump of every column");
    }
}

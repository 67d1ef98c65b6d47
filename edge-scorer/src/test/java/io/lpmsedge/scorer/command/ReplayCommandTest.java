package io.lpmsedge.scorer.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.scorer.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on crafted captures with crafted truth (simulator captures are covered by the trainer's detection tests):
 * 1,000 normal rows, 600 faulty, 1,000 normal again, windows of 100 and hysteresis 2:2 (the committed manifest).
 */
class ReplayCommandTest {
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

    /** Truth lines at rows (the capture's ticks are 1000 + 4 * row). */
    private Path truth(String... rowStateMode) throws Exception {
        return truth(1000, rowStateMode);
    }

    /** Truth lines at rows of a capture whose ticks are startTick + 4 * row, wrapping at 2^32 as a sensor's do. */
    private Path truth(long startTick, String... rowStateMode) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String s : rowStateMode) {
            String[] p = s.split(":");
            long tick = (startTick + 4L * Integer.parseInt(p[0])) % (1L << 32);
            b.append(String.format(
                    Locale.ROOT,
                    "{\"sensorId\":1,\"tick\":%d,\"t\":%s,\"state\":\"%s\",\"mode\":\"%s\"," + "\"severity\":%s}%n",
                    tick,
                    Integer.parseInt(p[0]) / 100.0,
                    p[1],
                    p[2],
                    p.length > 3 ? p[3] : "0.0"));
        }
        return Files.writeString(dir.resolve("truth.jsonl"), b);
    }

    @Test
    void aDetectedFaultReportsItsDelayAndExitsZero() throws Exception {
        Path capture = Inputs.capture(dir.resolve("c.bin"), rows);
        CliRun r = CliRun.run(
                "replay",
                "--capture",
                capture.toString(),
                "--model",
                model.toString(),
                "--truth",
                truth("0:OK:ok", "1000:FAILURE:bearing:1.0", "1600:OK:ok").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.json().get(0).get("replay");
        assertEquals(1, s.get("faults").asInt());
        assertEquals(0, s.get("missed").asInt());
        assertEquals(0, s.get("falseFailureWindows").asInt());
        JsonNode fault = s.get("sensors").get(0).get("faults").get(0);
        assertEquals("bearing", fault.get("mode").asText());
        // Windows close at rows 1099, 1199, …: hysteresis 2 → FAILURE on the window ending at row 1199.
        assertEquals(2, fault.get("windowsToDetect").asInt());
        assertEquals(1.99, fault.get("delaySeconds").asDouble(), 1e-9);
        JsonNode sensor = s.get("sensors").get(0);
        assertEquals(26, sensor.get("windows").asInt());
        assertEquals(1, sensor.get("lingeringFailureWindows").asInt(), "exit 2: the 2nd normal window is OK again");
        assertEquals(10 + 10, sensor.get("okWindows").asInt());
        assertTrue(r.err().contains("bearing @1.00 from 10.0 s: FAILURE after 2.0 s (2 windows)"), r.err());
    }

    @Test
    void aMissedFaultAndFalseAlarmsExitThree() throws Exception {
        Path capture = Inputs.capture(dir.resolve("c.bin"), rows);
        // The truth puts the fault where the data is normal: the real fault's windows are false alarms.
        CliRun r = CliRun.run(
                "replay",
                "--capture",
                capture.toString(),
                "--model",
                model.toString(),
                "--truth",
                truth("0:OK:ok", "2000:FAILURE:gyro-drift:0.15").toString());
        assertEquals(ReplayCommand.EXIT_IMPERFECT, r.exit(), r.err());
        JsonNode s = r.json().get(0).get("replay");
        assertEquals(1, s.get("missed").asInt());
        assertEquals(6, s.get("falseFailureWindows").asInt(), "FAILURE on faulty windows 2-6 and the 1st normal one");
        JsonNode fault = s.get("sensors").get(0).get("faults").get(0);
        assertFalse(fault.get("detected").asBoolean());
        assertTrue(r.err().contains("gyro-drift @0.15 from 20.0 s: MISSED"), r.err());
    }

    /**
     * Every way a truth file can be wrong is exit 2 with one line: file:line (where there is a line), what is wrong
     * and the fix; no stack trace, nothing on stdout.
     */
    @Test
    void badTruthIsOneLineNamingTheFileLineProblemAndFix() throws Exception {
        Path capture = Inputs.capture(dir.resolve("c.bin"), Arrays.copyOf(rows, 300)); // sensor time 2.50-5.49 s
        String ok = "{\"sensorId\":1,\"tick\":1000,\"t\":0.0,\"state\":\"OK\",\"mode\":\"ok\",\"severity\":0.0}\n";
        String format = "; each line is one object as 'lpms-edge sim --truth' writes it, e.g. " + TruthLine.EXAMPLE;
        String sameRun = "; pass the truth written by the same run as the capture ('lpms-edge sim --out CAPTURE "
                + "--truth TRUTH …')";
        Path missing = dir.resolve("none.jsonl");
        Path t = dir.resolve("t.jsonl");
        Object[][] cases = {
            {
                missing,
                null,
                "cannot read ground truth '" + missing + "': no such file; write it with the capture: "
                        + "'lpms-edge sim --out CAPTURE --truth " + missing + " …'"
            },
            {
                dir,
                null,
                "cannot read ground truth '" + dir + "': it is a directory; pass the truth file itself "
                        + "(lpms-edge sim --truth FILE wrote it)"
            },
            {
                t,
                "",
                "ground truth '" + t + "' is empty; the simulator writes its first line as it starts; write it "
                        + "with the capture: 'lpms-edge sim --out CAPTURE --truth " + t + " …'"
            },
            {
                t,
                "\n\n",
                "ground truth '" + t + "' is empty (2 blank lines); the simulator writes its first line as "
                        + "it starts; write it with the capture: 'lpms-edge sim --out CAPTURE --truth " + t + " …'"
            },
            // wrong columns: another JSON format, and a label CSV
            {
                t,
                "{\"id\":1,\"tick\":0,\"t\":0,\"state\":\"OK\"}\n",
                "ground truth " + t + ":1: no 'sensorId', " + "'mode' (it has id, tick, t, state)" + format
            },
            {
                t,
                "start,end,label\n1,2,bearing\n",
                "ground truth " + t + ":1: not JSON (Unrecognized token 'start': "
                        + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')); it looks "
                        + "like CSV: fault intervals of a recording (start,end,label) go to --labels, not --truth"
                        + format
            },
            // a line that does not parse: in the middle, and the last one cut short
            {
                t,
                ok + "{\"sensorId\":1,\"tick\":\n" + ok,
                "ground truth " + t + ":2: the line ends inside an object" + format
            },
            {
                t,
                ok + "{\"sensorId\":1,\"tick\":8000,\"t\":20.0,\"st\n\n",
                "ground truth " + t + ":2: the line ends "
                        + "inside an object (the simulator was stopped while writing it?); delete that last line or run "
                        + "the simulation again"
            },
            {t, "[1,2]\n", "ground truth " + t + ":1: a JSON array, not an object" + format},
            {
                t,
                ok.replace("1000", "\"1000\""),
                "ground truth " + t + ":1: 'tick' is \"1000\", not the sensor's "
                        + "32-bit timestamp counter (a whole number from 0 to 4294967295)" + format
            },
            {
                t,
                ok.replace("\"t\":0.0", "\"t\":\"x\""),
                "ground truth " + t + ":1: 't' is \"x\", not seconds since "
                        + "the simulation started (a number, 0 or more)" + format
            },
            {
                t,
                ok.replace("\"sensorId\":1", "\"sensorId\":1.5"),
                "ground truth " + t + ":1: 'sensorId' is 1.5, " + "not a sensor's LP-BUS id (a whole number such as 1)"
                        + format
            },
            {
                t,
                ok.replace("\"OK\"", "\"BROKEN\""),
                "ground truth " + t + ":1: 'state' is \"BROKEN\"; write \"OK\" or " + "\"FAILURE\""
            },
            {t, ok.replace("0.0}", "4}"), "ground truth " + t + ":1: 'severity' is 4, not a number from 0 to 1" + format
            },
            // the capture passed as the truth
            {
                t,
                new String(Files.readAllBytes(capture), StandardCharsets.ISO_8859_1),
                "ground truth " + t + ":1: not UTF-8 text, so not the simulator's truth (JSON Lines); is it a "
                        + "capture? Pass a capture as --capture and its truth (lpms-edge sim --truth FILE) as "
                        + "--truth"
            },
            // another sensor, another time range, a fault past the capture's end
            {
                t,
                ok.replace("\"sensorId\":1", "\"sensorId\":7"),
                "ground truth " + t + ":1 is about sensor 7 but "
                        + "'c.bin' has no windows of it (sensors there: [1]; the truth's sensorId is the LP-BUS id, "
                        + "lpms-edge sim --id)" + sameRun
            },
            {
                t,
                ok.replace("1000", "40000"),
                "ground truth " + t + ":1 starts at sensor time 100.00 s (tick "
                        + "40000) but sensor 1's windows in 'c.bin' span 2.50–5.49 s: they do not overlap" + sameRun
            },
            {
                t,
                ok
                        + ok.replace("1000", "41000")
                                .replace(
                                        "0.0,\"state\":\"OK\",\"mode\":\"ok\"",
                                        "100.0,\"state\":\"FAILURE\",\"mode\":\"bearing\""),
                "ground truth " + t + ":2: sensor 1's "
                        + "bearing fault starts at sensor time 102.50 s (t 100.0 s), after 'c.bin' ends at 5.49 s, so it "
                        + "cannot be judged; is the capture cut short, or the truth of a longer run?" + sameRun
            },
        };
        for (Object[] c : cases) {
            Path truth = (Path) c[0];
            if (c[1] != null) {
                Files.write(truth, ((String) c[1]).getBytes(StandardCharsets.ISO_8859_1));
            }
            CliRun r = CliRun.run(
                    "replay",
                    "--capture",
                    capture.toString(),
                    "--model",
                    model.toString(),
                    "--truth",
                    truth.toString());
            assertEquals(2, r.exit(), r.err());
            assertEquals("lpms-edge replay: " + c[2], r.err().strip());
            assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
            assertTrue(r.out().isEmpty(), r.out().toString());
        }
    }

    /**
     * A run whose 32-bit timestamp wraps during the fault (sim --start-tick near 2^32): the truth's ticks after the
     * wrap are small again, and must still be placed after the ones before it, as the decoder places the readings.
     */
    @Test
    void aTruthWhoseTicksWrapIsPlacedOnTheCapturesUnwrappedTime() throws Exception {
        long start = (1L << 32) - 4 * 1200; // the counter wraps at row 1200, inside the fault
        Path capture = Inputs.capture(
                dir.resolve("wrap.bin"), rows, ConfigWord.of(100, false, Output.ACC, Output.GYRO), start);
        Path truth = truth(start, "0:OK:ok", "1000:FAILURE:bearing:1.0", "1600:OK:ok");
        CliRun r = CliRun.run(
                "replay", "--capture", capture.toString(), "--model", model.toString(), "--truth", truth.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode fault = r.json()
                .get(0)
                .get("replay")
                .get("sensors")
                .get(0)
                .get("faults")
                .get(0);
        assertTrue(fault.get("detected").asBoolean(), fault.toString());
        assertEquals(2, fault.get("windowsToDetect").asInt(), "as without the wrap (aDetectedFault…)");
        assertTrue(r.err().contains("bearing @1.00 from 10.0 s: FAILURE after 2.0 s (2 windows)"), r.err());
    }
}

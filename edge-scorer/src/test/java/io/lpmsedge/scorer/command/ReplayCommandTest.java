package io.lpmsedge.scorer.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.scorer.TestModels;
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
        StringBuilder b = new StringBuilder();
        for (String s : rowStateMode) {
            String[] p = s.split(":");
            long tick = 1000 + 4L * Integer.parseInt(p[0]);
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

    @Test
    void badTruthIsABadInputNamingTheLine() throws Exception {
        Path capture = Inputs.capture(dir.resolve("c.bin"), Arrays.copyOf(rows, 300));
        Path bad = Files.writeString(
                dir.resolve("t.jsonl"),
                "{\"sensorId\":1,\"tick\":0,\"t\":0,\"state\":\"OK\","
                        + "\"mode\":\"ok\"}\n{\"sensorId\":1,\"t\":1}\n");
        CliRun r = CliRun.run(
                "replay", "--capture", capture.toString(), "--model", model.toString(), "--truth", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("lpms-edge replay: ground truth '" + bad + "' line 2 has no 'tick'"), r.err());
        Path other = Files.writeString(
                dir.resolve("t2.jsonl"), "{\"sensorId\":7,\"tick\":0,\"t\":0,\"state\":\"OK\"," + "\"mode\":\"ok\"}\n");
        r = CliRun.run(
                "replay", "--capture", capture.toString(), "--model", model.toString(), "--truth", other.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("the truth names sensor 7 but 'c.bin' has no readings of it"), r.err());
    }
}

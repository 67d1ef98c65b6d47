package io.lpmsedge.simulator;

import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lpms-edge sim} as a user runs it, through the project's command tree. */
class SimCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sim(String... args) {
        CommandLine cl = LpmsEdge.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "sim";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void writesACaptureThatDecodesWithoutAConfigWordAndItsGroundTruth() throws Exception {
        Path capture = dir.resolve("capture.bin");
        Path truth = dir.resolve("truth.jsonl");
        int status = sim("--out", capture.toString(), "--truth", truth.toString(), "--outputs", "all", "--rate", "200",
                "--scenario", "ok:2s,loose-mount:3s@0.4", "--seed", "3");
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("sim: sensor id=1 seed=3 file " + capture), out.toString());
        assertTrue(out.toString().contains("sim: summary sensor=1 sensorTime=5.0s frames=1000 sent=1000"),
                out.toString());

        Decoded d = Decoded.of(Files.readAllBytes(capture));
        assertEquals(1000, d.readings.size(), "5 s (the scenario's length) at 200 Hz");
        assertEquals(0, d.counters().badFrames());
        Reading r = d.readings.get(0);
        for (Output o : Output.values()) {
            assertEquals(o != Output.HUMIDITY, r.has(o), o.key());
        }

        List<String> lines = Files.readAllLines(truth);
        assertEquals(List.of(
                "{\"sensorId\":1,\"tick\":0,\"t\":0.0,\"state\":\"OK\",\"mode\":\"ok\",\"severity\":0.0}",
                "{\"sensorId\":1,\"tick\":800,\"t\":2.0,\"state\":\"FAILURE\",\"mode\":\"loose-mount\",\"severity\":0.4}"),
                lines);
    }

    @Test
    void aFleetHasDistinctIdsAndSignals() throws Exception {
        int status = sim("--sensors", "3", "--out", dir.resolve("c-{id}.bin").toString(), "--duration", "2s",
                "--id", "7");
        assertEquals(0, status, err.toString());
        Set<Integer> ids = new HashSet<>();
        Set<Double> firstGyro = new HashSet<>();
        for (int id = 7; id <= 9; id++) {
            Decoded d = Decoded.of(Files.readAllBytes(dir.resolve("c-" + id + ".bin")));
            assertEquals(200, d.readings.size());
            ids.add(d.readings.get(0).sensorId());
            firstGyro.add(d.readings.get(0).get(Output.GYRO, 0));
        }
        assertEquals(Set.of(7, 8, 9), ids);
        assertEquals(3, firstGyro.size(), "different seeds and cycle phases");
        assertEquals(3, out.toString().lines().filter(l -> l.startsWith("sim: sensor id=")).count());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--rate 33|--rate 33 is not an LPMS-B2 stream rate",
            "--outputs humidity|has no humidity output",
            "--outputs gyro,bogus|unknown output 'bogus'",
            "--speed fast|--speed must be a positive factor",
            "--scenario bearing:2x|--scenario: '2x' is not a duration",
            "--scenario explode:1m|--scenario: unknown machine state 'explode'",
            "--scenario ok:1m@0.3|ok takes no @severity",
            "--mode failure --scenario ok:1m|use one of them",
            "--mode broken|--mode must be ok or failure",
            "--mode failure --severity 1.5|--severity must be in (0, 1]",
            "--sensors 2 --out OUT|needs {id} in the file name",
            "--drop-every 5s --out OUT --duration 1s|--drop-every needs a connection to drop",
            "--port 70000|does not fit in 1…65535",
            "--port 1 --serial /dev/null|choose one transport",
            "--start-tick -1|--start-tick must be 0…4294967295",
            "--out OUT|--out needs an end",
            "--corrupt-rate 2 --out OUT --duration 1s|corrupt rate must be a probability",
            "--stall-every 1s --stall-for 2s --out OUT --duration 1s|a stall must last",
            "--serial a,b|--serial lists 2 tty(s) but --sensors is 1",
            "--duration 0s --out OUT|--duration: duration '0s' must be positive",
            "--start-in command --out OUT --duration 1s|--start-in command makes no sense with --out",
            "--profile gen9|--profile: unknown firmware profile 'gen9'",
            "--sensors 2 --failing 3|--failing 3 is not one of the sensor ids 1…2",
    })
    void badOptionsAreUsageErrorsThatSayWhatToDo(String args, String message) {
        List<String> list = new ArrayList<>();
        for (String a : args.split(" ")) {
            list.add(a.equals("OUT") ? dir.resolve("x.bin").toString() : a);
        }
        int status = sim(list.toArray(new String[0]));
        assertEquals(2, status, "exit status for " + args);
        assertTrue(err.toString().contains(message), "message for " + args + ": " + err);
    }

    @Test
    void onlyTheListedSensorsFail() throws Exception {
        Path truth = dir.resolve("truth.jsonl");
        int status = sim("--sensors", "3", "--out", dir.resolve("f-{id}.bin").toString(), "--duration", "1s",
                "--mode", "failure", "--failure", "gyro-drift", "--severity", "0.2", "--failing", "2",
                "--truth", truth.toString());
        assertEquals(0, status, err.toString());
        List<String> lines = Files.readAllLines(truth);
        assertEquals(3, lines.size());
        for (String line : lines) {
            boolean two = line.startsWith("{\"sensorId\":2,");
            assertEquals(two, line.contains("\"state\":\"FAILURE\",\"mode\":\"gyro-drift\",\"severity\":0.2"), line);
        }
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            int status = sim("--port", Integer.toString(taken.getLocalPort()), "--duration", "1s");
            assertEquals(2, status);
            assertTrue(err.toString().contains("choose another first port with --port"), err.toString());
        }
    }
}

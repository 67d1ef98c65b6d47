package io.lpmsedge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.simulator.cli.SimCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

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
        int status = sim(
                "--out",
                capture.toString(),
                "--truth",
                truth.toString(),
                "--outputs",
                "all",
                "--rate",
                "200",
                "--scenario",
                "ok:2s,loose-mount:3s@0.4",
                "--seed",
                "3");
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("sim: sensor id=1 seed=3 file " + capture), out.toString());
        assertTrue(
                out.toString().contains("sim: summary sensor=1 sensorTime=5.0s frames=1000 sent=1000"), out.toString());

        Decoded d = Decoded.of(Files.readAllBytes(capture));
        assertEquals(1000, d.readings.size(), "5 s (the scenario's length) at 200 Hz");
        assertEquals(0, d.counters().badFrames());
        Reading r = d.readings.get(0);
        for (Output o : Output.values()) {
            assertEquals(o != Output.HUMIDITY, r.has(o), o.key());
        }

        List<String> lines = Files.readAllLines(truth);
        assertEquals(
                List.of(
                        "{\"sensorId\":1,\"tick\":0,\"t\":0.0,\"state\":\"OK\",\"mode\":\"ok\",\"severity\":0.0}",
                        "{\"sensorId\":1,\"tick\":800,\"t\":2.0,\"state\":\"FAILURE\",\"mode\":\"loose-mount\",\"severity\":0.4}"),
                lines);
    }

    /**
     * {@code sim --out} at a real-time speed: the capture holds every frame the summary counts, from the first tick
     * and without a gap (decoded as {@code lpms-edge decode} does). It used to miss the frames due while the sensor's
     * thread was starting.
     */
    @Test
    void aPacedCaptureHoldsEveryFrameItGenerated() throws Exception {
        Path capture = dir.resolve("paced.bin");
        int status = sim("--out", capture.toString(), "--speed", "4", "--duration", "2s", "--rate", "400");
        assertEquals(0, status, err.toString());
        assertTrue(
                out.toString().contains("sim: summary sensor=1 sensorTime=2.0s frames=800 sent=800"), out.toString());
        Decoded d = Decoded.of(Files.readAllBytes(capture));
        assertEquals(800, d.readings.size(), "2 s at 400 Hz");
        assertEquals(1, d.readings.get(0).tick(), "from the first tick");
        assertEquals(0, d.missingFrames(1), "no gap");
    }

    @Test
    void aFleetHasDistinctIdsAndSignals() throws Exception {
        int status =
                sim("--sensors", "3", "--out", dir.resolve("c-{id}.bin").toString(), "--duration", "2s", "--id", "7");
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
        assertEquals(
                3,
                out.toString()
                        .lines()
                        .filter(l -> l.startsWith("sim: sensor id="))
                        .count());
    }

    /**
     * Every message of the planner is checked in SimPlannerTest; here: that one reaches the user as a usage error,
     * named by the command and followed by where to look.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--rate 33|--rate 33 is not an LPMS-B2 stream rate; use 5, 10, 25, 50, 100, 200 or 400",
                "--sensors 2 --out OUT|--out with 2 sensors needs {id} in the file name, e.g. --out capture-{id}.bin",
                "--port 1 --serial /dev/null|choose one transport: --port, --serial or --out",
                // resolved by the command, not the planner; a bad IPv6 literal fails without asking DNS
                "--bind [::1 --duration 1s|--bind '[::1' is not an address of this machine; use e.g. 127.0.0.1 or 0.0.0.0",
            })
    void badOptionsAreUsageErrorsThatSayWhatToDo(String args, String message) {
        List<String> list = new ArrayList<>();
        for (String a : args.split(" ")) {
            list.add(a.equals("OUT") ? dir.resolve("x.bin").toString() : a);
        }
        int status = sim(list.toArray(new String[0]));
        assertEquals(2, status, "exit status for " + args);
        String nl = System.lineSeparator();
        assertEquals(
                "lpms-edge sim: " + message + nl + "Try 'lpms-edge sim --help' for its options." + nl,
                err.toString(),
                "the message and where to look, not sixty lines of usage, for " + args);
        assertEquals("", out.toString(), "nothing started");
    }

    @Test
    void aPlaceThatCannotBeOpenedIsExitTwoWithoutUsage() throws Exception {
        Path missing = dir.resolve("missing");
        assertEquals(2, sim("--out", missing.resolve("x.bin").toString(), "--duration", "1s"));
        assertEquals(
                "lpms-edge sim: cannot write capture '" + missing.resolve("x.bin") + "': directory " + missing
                        + " does not exist; create it or write elsewhere" + System.lineSeparator(),
                err.toString());

        // handed to the launcher's one handler, not printed by the command
        CommandLine direct = new CommandLine(new SimCommand());
        direct.parseArgs("--out", missing.resolve("x.bin").toString(), "--duration", "1s");
        assertThrows(BadInputException.class, () -> ((SimCommand) direct.getCommand()).call());

        // the ground truth is refused the same way, and a directory where the capture should go, before any sensor
        // starts (the capture used to be opened by the sensor's thread: exit 1, "a sensor failed")
        err.getBuffer().setLength(0);
        Path truth = missing.resolve("truth.jsonl");
        assertEquals(
                2, sim("--out", dir.resolve("ok.bin").toString(), "--truth", truth.toString(), "--duration", "1s"));
        assertEquals(
                "lpms-edge sim: cannot write ground truth '" + truth + "': directory " + missing
                        + " does not exist; create it or write elsewhere" + System.lineSeparator(),
                err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, sim("--out", dir.toString(), "--duration", "1s"));
        assertEquals(
                "lpms-edge sim: cannot write capture '" + dir + "': it is a directory; name a file in it, e.g. "
                        + dir.resolve("out.bin") + System.lineSeparator(),
                err.toString());

        // a path jSerialComm cannot open, and a bare name it looks up under /dev and rejects with its own exception
        for (String tty : List.of(missing.resolve("tty").toString(), "lpms-edge-test-no-such-tty")) {
            err.getBuffer().setLength(0);
            assertEquals(
                    2,
                    sim("--serial", tty, "--duration", "1s"),
                    "a tty that does not exist is bad input, as --help says: " + err);
            assertTrue(
                    err.toString().startsWith("lpms-edge sim: cannot open serial port '" + tty + "' ("),
                    err.toString());
            assertTrue(err.toString().contains("for a virtual one run: socat"), err.toString());
        }
        assertEquals("", out.toString(), "nothing started");
    }

    @Test
    void everyOptionIsInTheDocsWithTheDefaultItHas() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "simulator.md"));
        String synopsis =
                docs.substring(docs.indexOf("lpms-edge sim ["), docs.indexOf("```", docs.indexOf("lpms-edge sim [")));
        Map<String, String> documentedDefaults = new HashMap<>();
        Set<String> rows = new HashSet<>();
        boolean optionsTable = false;
        for (String line : docs.split("\n")) {
            if (line.startsWith("## ")) {
                optionsTable = line.equals("## Options");
            }
            if (!line.startsWith("| `--")) {
                continue;
            }
            String[] cells = line.split(" \\| "); // an escaped \| inside a cell has no spaces around it
            Matcher m = Pattern.compile("(?<![\\w-])(--[a-z0-9-]+)").matcher(cells[0]);
            while (m.find()) {
                rows.add(m.group(1));
                if (optionsTable) {
                    documentedDefaults.put(m.group(1), cells[1].strip().replace("`", ""));
                }
            }
        }
        CommandLine sim = LpmsEdge.commandLine().getSubcommands().get("sim");
        for (CommandLine.Model.OptionSpec option : sim.getCommandSpec().options()) {
            String name = option.longestName();
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            assertTrue(
                    Pattern.compile("[\\[ ]" + Pattern.quote(name) + "(?![\\w-])")
                            .matcher(synopsis)
                            .find(),
                    name + " is missing from the synopsis of docs/simulator.md");
            assertTrue(rows.contains(name), name + " has no row in a table of docs/simulator.md");
            if (option.defaultValue() != null && documentedDefaults.containsKey(name)) {
                assertEquals(option.defaultValue(), documentedDefaults.get(name), "default of " + name);
            }
        }
        assertEquals("5000", documentedDefaults.get("--port"));
    }

    @Test
    void onlyTheListedSensorsFail() throws Exception {
        Path truth = dir.resolve("truth.jsonl");
        int status = sim(
                "--sensors",
                "3",
                "--out",
                dir.resolve("f-{id}.bin").toString(),
                "--duration",
                "1s",
                "--mode",
                "failure",
                "--failure",
                "gyro-drift",
                "--severity",
                "0.2",
                "--failing",
                "2",
                "--truth",
                truth.toString());
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
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int status = sim("--port", Integer.toString(taken.getLocalPort()), "--duration", "1s");
            assertEquals(2, status);
            assertTrue(err.toString().contains("choose another first port with --port"), err.toString());
        }
    }
}

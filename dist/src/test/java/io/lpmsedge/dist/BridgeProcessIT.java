package io.lpmsedge.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.testsupport.ProcessAwait;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpms-edge run} as a process against {@code lpms-edge sim} as a process, stopped with SIGTERM as systemd
 * stops it: every reading it accepted is in the file, in order, and it ends within its stop timeout.
 */
class BridgeProcessIT {
    static final Path ROOT = LauncherIT.ROOT;
    static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @TempDir
    Path tmp;

    Process start(Path log, String... args) throws IOException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = ROOT.resolve("lpms-edge").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return new ProcessBuilder(cmd)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    void runsAgainstTheSimulatorAndStopsCleanlyOnSigterm() throws Exception {
        int port = freePort();
        Process sim =
                start(tmp.resolve("sim.log"), "sim", "--port", String.valueOf(port), "--rate", "100", "--seed", "3");
        Process bridge = null;
        try {
            Path readings = tmp.resolve("readings.jsonl");
            Path config = tmp.resolve("bridge.toml");
            Files.writeString(config, """
                    [bridge]
                    name = "it-bridge"
                    [[sensor]]
                    name = "arm-1"
                    link = "tcp://127.0.0.1:%d"
                    outputs = ["acc", "gyro"]
                    rate_hz = 200
                    [link]
                    backoff_initial_ms = 50
                    backoff_max_ms = 500
                    [spool]
                    dir = "%s"
                    fsync_interval_ms = 50
                    [[sink]]
                    name = "file"
                    type = "jsonl"
                    path = "%s"
                    linger_ms = 0
                    """.formatted(port, tmp.resolve("spool"), readings));
            Path bridgeLog = tmp.resolve("bridge.log");
            bridge = start(bridgeLog, "run", "--config", config.toString(), "--stop-timeout", "5s");
            ProcessAwait.until(bridge, bridgeLog, () -> lines(readings) >= 200, Duration.ofSeconds(30), "200 readings");
            long signalled = System.nanoTime();
            bridge.destroy(); // SIGTERM
            assertTrue(bridge.waitFor(10, TimeUnit.SECONDS), "bridge did not stop within 10 s of SIGTERM");
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            assertEquals(143, bridge.exitValue(), "terminated by SIGTERM after a clean shutdown");
            assertTrue(stopMillis < 5_000, "stopped in " + stopMillis + " ms");

            String log = Files.readString(bridgeLog);
            assertTrue(log.contains("sensor arm-1: streaming [acc, gyro] at 200 Hz"), log);
            Matcher m = Pattern.compile(
                            "bridge it-bridge stopped: (\\d+) readings dispatched to the spool and scoring, 0 dropped by the queue policy; "
                                    + "spool 0 dropped; sink file: (\\d+) delivered \\{readings=(\\d+)\\}, 0 pending")
                    .matcher(log);
            assertTrue(m.find(), log);
            List<String> lines = Files.readAllLines(readings);
            assertEquals(Long.parseLong(m.group(1)), lines.size(), "every reading read is in the file");
            assertEquals(Long.parseLong(m.group(2)), lines.size());
            assertEquals(Long.parseLong(m.group(3)), lines.size(), "all of them on the readings topic");
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                assertTrue(
                        line.startsWith("{\"schema\":1,\"sensor\":\"arm-1\",\"bridge\":\"it-bridge\",")
                                && line.endsWith("}"),
                        line);
                Matcher seq = SEQ.matcher(line);
                assertTrue(seq.find());
                assertEquals(i, Long.parseLong(seq.group(1)), "seq in order without holes");
            }
        } finally {
            endBoth(bridge, sim);
        }
    }

    /** Test teardown: whatever the test left running is killed, the simulator given time to exit. */
    static void endBoth(Process bridge, Process sim) throws InterruptedException {
        if (bridge != null) {
            bridge.destroyForcibly();
        }
        sim.destroy();
        sim.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void refusesABadConfigWithEveryProblem() throws Exception {
        Path config = tmp.resolve("bad.toml");
        Files.writeString(
                config, "[bridge]\nname = \"b\"\n[[sensor]]\nname = \"a\"\nlink = \"tcp://h:1\"\nrate_hz = 60\n");
        Path log = tmp.resolve("log");
        Process check = start(log, "check-config", config.toString());
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, check.exitValue());
        assertEquals(
                "lpms-edge check-config: 1 problem in " + config + ":\n  " + config
                        + ":6: sensor[0].rate_hz: is 60 Hz, not a rate the "
                        + "LPMS-B2 streams at; use 5, 10, 25, 50, 100, 200 or 400\n",
                Files.readString(log));
        Process run = start(tmp.resolve("log2"), "run", "--config", config.toString());
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, run.exitValue());
    }
}

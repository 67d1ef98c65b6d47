package io.lpmsedge.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.lpmsedge.testsupport.ProcessAwait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpms-edge run} with {@code [scoring]} as a process against a failing simulated arm: the verdict event is
 * logged and delivered through the spool and sink, and a {@code [gpio]} output on a machine without GPIO is refused
 * with the fix.
 */
class ScoringProcessIT {
    static final Path ROOT = LauncherIT.ROOT;
    /** The bridge tests' model, trained on the simulator's healthy arm (see its regenerate.sh). */
    static final Path MODEL = ROOT.resolve("bridge/src/test/resources/models/sim_ok_ae.zip");

    @TempDir
    Path tmp;

    private final BridgeProcessIT processes = new BridgeProcessIT();

    private String config(int port, Path out, String extra) {
        return """
                [bridge]
                name = "it-bridge"
                [[sensor]]
                name = "arm-1"
                link = "tcp://127.0.0.1:%d"
                outputs = ["acc", "gyro"]
                [spool]
                dir = "%s"
                [[sink]]
                name = "file"
                type = "jsonl"
                path = "%s"
                [scoring]
                model = "%s"
                """.formatted(port, tmp.resolve("spool"), out, MODEL) + extra;
    }

    @Test
    void aFailingArmGetsAVerdictEventThroughTheSpool() throws Exception {
        int port = BridgeProcessIT.freePort();
        Process sim = processes.start(
                tmp.resolve("sim.log"),
                "sim",
                "--port",
                String.valueOf(port),
                "--speed",
                "10",
                "--scenario",
                "ok:20s,backlash:10m@1.0");
        Process bridge = null;
        try {
            Path out = tmp.resolve("out.jsonl");
            Path config = Files.writeString(tmp.resolve("bridge.toml"), config(port, out, ""));
            Path log = tmp.resolve("bridge.log");
            bridge = processes.start(log, "run", "--config", config.toString(), "--stop-timeout", "5s");
            ProcessAwait.until(bridge, log, () -> !verdicts(out).isEmpty(), Duration.ofSeconds(60), "a verdict event");
            bridge.destroy(); // SIGTERM
            assertTrue(bridge.waitFor(10, TimeUnit.SECONDS));
            String text = Files.readString(log);
            assertTrue(text.contains("WARN verdict OK -> FAILURE for sensor arm-1: window "), text);
            assertTrue(
                    text.contains("; scoring: ")
                            && text.contains("verdict changes, 0 readings dropped in its " + "hand-off, FAILURE"),
                    text);
            String event = verdicts(out).get(0);
            assertTrue(
                    event.startsWith("{\"schema\":2,\"type\":\"verdict\",\"source\":\"bridge\",\"sensor\":\"arm-1\","
                            + "\"bridge\":\"it-bridge\","),
                    event);
            assertTrue(
                    event.contains("\"verdict\":\"FAILURE\",\"previousVerdict\":\"OK\",\"model\":\"sim_ok_ae.zip\"}"),
                    event);
        } finally {
            BridgeProcessIT.endBoth(bridge, sim);
        }
    }

    @Test
    void gpioOnAMachineWithoutItIsRefusedWithTheFix() throws Exception {
        try (var dev = Files.list(Path.of("/dev"))) {
            assumeFalse(dev.anyMatch(p -> p.getFileName().toString().startsWith("gpiochip")), "this machine has GPIO");
        }
        Path config = Files.writeString(
                tmp.resolve("bridge.toml"),
                config(BridgeProcessIT.freePort(), tmp.resolve("out.jsonl"), "[gpio]\npin = 17\n"));
        Path log = tmp.resolve("run.log");
        Process run = processes.start(log, "run", "--config", config.toString());
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, run.exitValue());
        assertTrue(
                Files.readString(log)
                        .contains("lpms-edge run: [gpio] pin = 17 is configured but this machine has no "
                                + "GPIO character device (/dev/gpiochip*)"),
                Files.readString(log));
    }

    private static List<String> verdicts(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        return Files.readAllLines(out).stream()
                .filter(l -> l.contains("\"type\":\"verdict\""))
                .toList();
    }
}

package io.lpmsedge.bridge.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.reload.ConfigReloader;
import io.lpmsedge.bridge.reload.ReloadCounters;
import io.lpmsedge.cli.HangupSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIGHUP to this JVM (what {@code systemctl reload lpms-edge} sends) reloads the bridge's models the way
 * {@code run} wires it; the file watch is off, so nothing else could have. A reading after it moves the sensor.
 */
class BridgeHangupReloadTest {
    @TempDir
    Path tmp;

    private String config(String name, Path manifest) {
        return """
                [bridge]
                name = "b"
                [[sensor]]
                name = "a"
                link = "tcp://127.0.0.1:7001"
                outputs = ["acc", "gyro"]
                [spool]
                dir = "%s"
                [[sink]]
                name = "file"
                type = "jsonl"
                path = "%s"
                [scoring]
                watch_ms = 0
                [[scoring.model]]
                name = "%s"
                model = "%s"
                manifest = "%s"
                sensors = ["a"]
                """.formatted(tmp.resolve("spool"), tmp.resolve("out.jsonl"), name, TestModel.model(), manifest);
    }

    @Test
    void sighupReloadsTheModels() throws Exception {
        Path v1 = ModelFiles.manifest(tmp, "v1.manifest.json", 100, 0.001, 200);
        Path v2 = ModelFiles.manifest(tmp, "v2.manifest.json", 100, 0.002, 200);
        Path file = Files.writeString(tmp.resolve("bridge.toml"), config("v1", v1));
        BridgeConfig config = new ConfigLoader(Map.of()).load(file);
        ScoringStage stage = new ScoringStage(config.scoring(), VerdictPublisher.NONE, VerdictIndicator.NONE);
        var tap = stage.tap();
        stage.start();
        ReloadCounters reloads = new ReloadCounters();
        try (ConfigReloader reloader = new ConfigReloader(
                                ConfigReloader.Loader.file(file, Map.of()),
                                file.toString(),
                                config,
                                ConfigReloader.Applier.models(stage),
                                reloads,
                                Clock.systemUTC())
                        .watchEvery(Duration.ZERO);
                HangupSignal hup = HangupSignal.install(() -> reloader.request("SIGHUP"))) {
            assumeTrue(
                    hup.unavailable().isEmpty(),
                    () -> "skipped: " + hup.unavailable().orElseThrow());
            tap.write(ScoringStageTest.readings("a", 0, 200, 1, -1.0));
            Files.writeString(file, config("v2", v2));
            // Sent again every 10 s until it takes (a reload is idempotent). A process started with SIGHUP ignored
            // (nohup, the CI runner here) never gets it: HangupSignal says so and the test is skipped above.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int sent = 0;
            while (reloads.installed() == 0) {
                assertTrue(
                        System.nanoTime() < deadline,
                        "the SIGHUP reload within 60 s (" + sent + " sent, reloads " + reloads + ")");
                Process kill = new ProcessBuilder(
                                "kill",
                                "-HUP",
                                Long.toString(ProcessHandle.current().pid()))
                        .inheritIO()
                        .start();
                assertEquals(0, kill.waitFor(30, TimeUnit.SECONDS) ? kill.exitValue() : -1);
                sent++;
                long next = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (reloads.installed() == 0 && System.nanoTime() < next) {
                    Thread.sleep(10);
                }
            }
            tap.write(ScoringStageTest.readings("a", 200, 400, 1, -1.0));
            tap.close();
            assertTrue(stage.awaitStop(30_000));
        }
        VerdictStatus s = stage.status("a").orElseThrow();
        assertEquals("v2", s.model(), s.toString());
        assertEquals(0.002, s.threshold());
        assertEquals(3, s.windowsScored(), "windows 0..2, one swap at the boundary of window 1");
        assertEquals(1, s.swaps());
    }
}

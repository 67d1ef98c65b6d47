package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmsedge.cli.HangupSignal;
import io.lpmsedge.testsupport.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SIGHUP to this JVM reloads the models (the file watch is off, so nothing else could have). */
class HangupSignalTest {
    @TempDir
    Path dir;

    @Test
    void sighupReloadsTheModelSet() throws Exception {
        ModelFiles f = new ModelFiles(dir);
        f.model("arm", 0.01);
        ModelSetLoader loader = new ModelSetLoader(new ModelSource.SetFile(f.write("models.toml", """
                [[model]]
                path = "arm.zip"
                sensors = ["arm-*"]
                """)));
        ModelSet set = loader.load();
        AtomicReference<ModelSet> installed = new AtomicReference<>();
        ServiceCounters counters = new ServiceCounters();
        try (ModelReloader reloader =
                        new ModelReloader(loader, set, installed::set, counters).watchEvery(Duration.ZERO);
                HangupSignal hup = HangupSignal.install(() -> reloader.request("SIGHUP"))) {
            f.manifest("arm.manifest.json", 0.5);
            assumeTrue(
                    hup.unavailable().isEmpty(),
                    () -> "skipped: " + hup.unavailable().orElseThrow());
            assertNull(installed.get());
            Process kill = new ProcessBuilder(
                            "kill",
                            "-HUP",
                            Long.toString(ProcessHandle.current().pid()))
                    .inheritIO()
                    .start();
            assertEquals(0, kill.waitFor(30, TimeUnit.SECONDS) ? kill.exitValue() : -1);
            Await.until(() -> installed.get() != null, Duration.ofSeconds(60), "the SIGHUP reload");
            assertEquals(0.5, installed.get().modelFor("arm-1").config().threshold());
            assertEquals(1, counters.reloads.get());
        }
    }
}

package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.testsupport.Await;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file watch: reloads what changed, once it holds still; a refused change is not retried until it changes. */
class ModelReloaderTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aChangedManifestReloadsOnceAndABrokenModelIsRefusedOnceUntilItChangesAgain() throws Exception {
        ModelFiles f = new ModelFiles(dir);
        f.model("arm", 0.01);
        ModelSetLoader loader = new ModelSetLoader(new ModelSource.SetFile(f.write("models.toml", """
                [[model]]
                path = "arm.zip"
                sensors = ["arm-*"]
                """)));
        List<ModelSet> installed = new ArrayList<>();
        ServiceCounters c = new ServiceCounters();
        try (ModelReloader r = new ModelReloader(
                        loader,
                        loader.load(),
                        s -> {
                            synchronized (installed) {
                                installed.add(s);
                            }
                        },
                        c)
                .watchEvery(Duration.ofMillis(20))) {
            f.manifest("arm.manifest.json", 0.5);
            Await.until(() -> c.reloads.get() == 1, WAIT, "the changed manifest to be loaded");
            long seen = r.checks();
            Await.until(() -> r.checks() >= seen + 10, WAIT, "ten more looks");
            assertEquals(1, c.reloads.get(), "an unchanged file is not loaded again");

            // A model being copied: half a file first (refused at most once), then the whole one.
            byte[] model = Files.readAllBytes(Streams.MODEL);
            try (OutputStream out = Files.newOutputStream(dir.resolve("arm.zip"))) {
                out.write(model, 0, model.length / 2);
                out.flush();
                Await.until(
                        () -> c.reloadsRefused.get() == 1 || c.reloads.get() > 1 || r.checks() > seen + 40,
                        WAIT,
                        "the half-written model to be seen");
                long refusedAt = r.checks();
                Await.until(() -> r.checks() >= refusedAt + 10, WAIT, "ten more looks");
                assertEquals(1, c.reloads.get(), "half a model is never installed");
                long refused = c.reloadsRefused.get();
                assertEquals(1, refused, "refused once, not at every look");
                out.write(model, model.length / 2, model.length - model.length / 2);
            }
            Await.until(() -> c.reloads.get() == 2, WAIT, "the complete model to be loaded");
            assertEquals(1, c.reloadsRefused.get());
            synchronized (installed) {
                assertEquals(2, installed.size());
                assertEquals(0.5, installed.get(1).modelFor("arm-1").config().threshold());
            }
        }
    }

    @Test
    void aSetFileNamingANewModelWatchesThatModelFromThen() throws Exception {
        ModelFiles f = new ModelFiles(dir);
        f.model("arm", 0.01);
        f.model("spindle", 0.02);
        ModelSetLoader loader = new ModelSetLoader(new ModelSource.SetFile(f.write("models.toml", """
                [[model]]
                path = "arm.zip"
                sensors = ["arm-*"]
                """)));
        ServiceCounters c = new ServiceCounters();
        try (ModelReloader r = new ModelReloader(loader, loader.load(), s -> {}, c).watchEvery(Duration.ofMillis(20))) {
            f.write("models.toml", """
                    [[model]]
                    path = "arm.zip"
                    sensors = ["arm-*"]
                    [[model]]
                    path = "spindle.zip"
                    sensors = ["spindle-*"]
                    """);
            Await.until(() -> c.reloads.get() == 1, WAIT, "the new set");
            f.manifest("spindle.manifest.json", 0.7);
            Await.until(() -> c.reloads.get() == 2, WAIT, "the new model's manifest change");
        }
    }
}

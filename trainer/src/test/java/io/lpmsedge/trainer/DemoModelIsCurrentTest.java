package io.lpmsedge.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.input.InputFiles;
import io.lpmsedge.scorer.input.RecordSink;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import io.lpmsedge.scorer.window.WindowScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo model in {@code samples/models} (used by {@code lpms-edge demo} and the bridge tests) is generated, never
 * hand-written: this test retrains it with {@link SimArm}'s recipe and fails if the committed MOJO, POJO or
 * manifest no longer match what the trainer makes today. Regenerate after changing the recipe or the features:
 * <pre>mvn -B -pl trainer -am test -Dtest=DemoModelIsCurrentTest -Dsurefire.failIfNoSpecifiedTests=false -Dlpmsedge.regenerate=true</pre>
 */
class DemoModelIsCurrentTest {
    private static final boolean REGENERATE = Boolean.getBoolean("lpmsedge.regenerate");

    @TempDir
    Path tmp;

    @Test
    void committedDemoModelIsWhatTheTrainerMakesToday() throws Exception {
        Path out = REGENERATE ? SimArm.COMMITTED : tmp.resolve("fresh");
        Files.createDirectories(out);
        TrainPipeline.Result r = SimArm.train(tmp, out);
        if (REGENERATE) {
            return;
        }
        String manifest = SimArm.NAME + ".manifest.json";
        assertEquals(
                Files.readString(SimArm.COMMITTED.resolve(manifest)),
                Files.readString(out.resolve(manifest)),
                manifest + " is stale: regenerate (see class comment)");
        // Same window values on a sensor neither was trained on, through the live path, MOJO and POJO alike.
        Path probe = tmp.resolve("probe.bin");
        SimArm.sim(
                "--out",
                probe.toString(),
                "--rate",
                "100",
                "--seed",
                SimArm.TEST_SEED,
                "--scenario",
                "ok:40s,loose-mount:20s@1.0",
                "--outputs",
                "acc,gyro");
        List<Double> fresh = windows(r.model().mojo(), probe);
        assertFalse(fresh.isEmpty());
        ModelLoader loader = new ModelLoader(tmp.resolve("classes"));
        for (String f : new String[] {SimArm.NAME + ".zip", SimArm.NAME + ".java"}) {
            assertEquals(
                    fresh,
                    windows(loader, SimArm.COMMITTED.resolve(f), SimArm.COMMITTED.resolve(manifest), probe),
                    f + " is stale: regenerate (see class comment)");
        }
    }

    private List<Double> windows(Path model, Path capture) throws Exception {
        return windows(ModelLoader.usingTempDir(), model, ManifestIO.defaultPathFor(model), capture);
    }

    private static List<Double> windows(ModelLoader loader, Path model, Path manifest, Path capture) throws Exception {
        ScorerConfig config = ManifestValidator.validate(new ManifestIO().read(manifest), loader.load(model));
        List<Double> values = new ArrayList<>();
        WindowScorer scorer = config.newWindowScorer(config.newRowScorer(), new WindowListener() {
            @Override
            public void onWindow(WindowResult w) {
                values.add(w.rms());
            }
        });
        InputFiles.read(capture, config.columnNames(), new RecordSink() {
            @Override
            public void reading(long row, String sensor, SampleFields v, double t, Lineage lineage) {
                scorer.accept(v, t, lineage, row);
            }

            @Override
            public void columns(long row, double[] features, String[] extras) {
                throw new AssertionError("a capture has readings");
            }
        });
        return values;
    }
}

package io.lpmsedge.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.scorer.calibrate.CalibrationOptions;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.model.RowScorers;
import io.lpmsedge.scorer.model.ScoreKind;
import io.lpmsedge.scorer.window.VerdictRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models edge-scorer's tests use are real H2O models trained here, committed under
 * {@code edge-scorer/src/test/resources/models}. This test retrains them from the committed data and checks the
 * committed artefacts still score identically (training is deterministic), so they cannot silently drift from
 * the trainer. Regenerate after changing the recipe with:
 * <pre>mvn -B -pl trainer test -Dtest=TestModelsAreCurrentTest -Dlpmsedge.regenerate=true</pre>
 */
class TestModelsAreCurrentTest {
    static final Path COMMITTED = Path.of("..", "edge-scorer", "src", "test", "resources", "models");
    private static final boolean REGENERATE = Boolean.getBoolean("lpmsedge.regenerate");

    @TempDir
    Path tmp;

    /** The per-reading autoencoder: 3,000 normal rows of acc+gyro at 100 Hz, windows of 100, hysteresis 2:2. */
    static TrainPipeline.Result trainPerReading(Path data, Path out) throws Exception {
        return new TrainPipeline()
                .run(
                        TrainingData.read(data, List.of(NormalMotion.COLUMNS), List.of()),
                        new TrainSpec("ae", new int[] {8, 3, 8}, 5, 42),
                        new TrainPipeline.Options(
                                Layout.PER_READING,
                                100,
                                100,
                                CalibrationOptions.meanSd(1.0, new VerdictRule.Hysteresis(2, 2))
                                        .withHoldout(0)),
                        out);
    }

    /** The window-vector autoencoder: 10 readings x 6 fields = 60 inputs, a window every 5 readings. */
    static TrainPipeline.Result trainWindowVector(Path data, Path out) throws Exception {
        return new TrainPipeline()
                .run(
                        TrainingData.read(data, List.of(NormalMotion.COLUMNS), List.of()),
                        new TrainSpec("aew", new int[] {16, 4, 16}, 20, 42),
                        new TrainPipeline.Options(
                                Layout.WINDOW_VECTOR,
                                10,
                                5,
                                CalibrationOptions.meanSd(1.0, new VerdictRule.KOfM(2, 3))
                                        .withHoldout(0)),
                        out);
    }

    @Test
    void committedModelsAreWhatTheTrainerMakesToday() throws Exception {
        Path out = REGENERATE ? COMMITTED : tmp;
        Files.createDirectories(out);
        Path csv = NormalMotion.writeCsv(out.resolve("normal.csv"), NormalMotion.rows(3000, 1));
        trainPerReading(csv, out);
        trainWindowVector(csv, out);
        if (REGENERATE) {
            return;
        }
        assertEquals(
                Files.readString(COMMITTED.resolve("normal.csv")),
                Files.readString(csv),
                "normal.csv is stale: regenerate (see class comment)");
        for (String f : new String[] {"ae.manifest.json", "aew.manifest.json"}) {
            assertEquals(
                    Files.readString(COMMITTED.resolve(f)),
                    Files.readString(out.resolve(f)),
                    f + " is stale: regenerate (see class comment)");
        }
        double[][] rows = NormalMotion.rows(3000, 1);
        ModelLoader loader = new ModelLoader(tmp.resolve("classes"));
        assertSameScores(loader, "ae.zip", out, rows);
        assertSameScores(loader, "ae.java", out, rows);
        double[][] vectors = TrainPipeline.windowVectors(rows, 10, 5);
        assertSameScores(loader, "aew.zip", out, vectors);
    }

    private static void assertSameScores(ModelLoader loader, String name, Path fresh, double[][] rows)
            throws Exception {
        RowScorer committed = scorer(loader.load(COMMITTED.resolve(name)));
        RowScorer retrained = scorer(loader.load(fresh.resolve(name)));
        double[] a = new double[rows.length];
        double[] b = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            a[i] = committed.score(rows[i]);
            b[i] = retrained.score(rows[i]);
        }
        assertArrayEquals(b, a, 0.0, name + " is stale: regenerate (see class comment)");
    }

    private static RowScorer scorer(LoadedModel m) {
        return RowScorers.create(m, ScoreKind.RECONSTRUCTION_MSE, null);
    }
}

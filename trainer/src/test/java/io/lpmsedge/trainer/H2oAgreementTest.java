package io.lpmsedge.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.scorer.calibrate.CalibrationOptions;
import io.lpmsedge.scorer.features.FeatureMapping;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelFormat;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.model.RowScorers;
import io.lpmsedge.scorer.model.ScoreKind;
import io.lpmsedge.scorer.window.VerdictRule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of the whole scorer: genmodel scoring of the exported MOJO and POJO reproduces the per-row
 * reconstruction error H2O itself computes in the cluster, and the manifest's threshold is H2O's mean + k·sigma.
 */
class H2oAgreementTest {
    private static final double REL = 1e-9;

    @TempDir
    static Path dir;

    static double[][] rows;
    static TrainPipeline.Result result;

    @BeforeAll
    static void train() throws Exception {
        rows = NormalMotion.rows(2000, 7);
        List<FeatureMapping> features = Arrays.stream(NormalMotion.COLUMNS)
                .map(c -> new FeatureMapping(c, null, 1.0, 0.0))
                .toList();
        TrainingData data = new TrainingData(features, rows, NormalMotion.RATE_HZ);
        result = new TrainPipeline()
                .run(
                        data,
                        new TrainSpec("agree_ae", new int[] {8, 3, 8}, 5, 11),
                        new TrainPipeline.Options(
                                Layout.PER_READING,
                                50,
                                50,
                                CalibrationOptions.meanSd(1.0, new VerdictRule.Hysteresis(2, 2))
                                        .withHoldout(0)),
                        dir);
    }

    @Test
    void mojoAndPojoScoresEqualH2osOwnReconstructionErrors() throws Exception {
        ModelLoader loader = new ModelLoader(dir.resolve("classes"));
        LoadedModel mojo = loader.load(result.model().mojo());
        LoadedModel pojo = loader.load(result.model().pojo());
        assertEquals(ModelFormat.MOJO, mojo.format());
        assertEquals(ModelFormat.POJO_SOURCE, pojo.format());
        assertEquals(List.of(NormalMotion.COLUMNS), mojo.columns());
        assertEquals(mojo.columns(), pojo.columns());
        RowScorer m = RowScorers.create(mojo, ScoreKind.RECONSTRUCTION_MSE, null);
        RowScorer p = RowScorers.create(pojo, ScoreKind.RECONSTRUCTION_MSE, null);
        double[] h2o = result.model().h2oErrors();
        assertEquals(rows.length, h2o.length);
        for (int i = 0; i < rows.length; i++) {
            double sm = m.score(rows[i]);
            double sp = p.score(rows[i]);
            assertTrue(h2o[i] > 0, "row " + i);
            assertEquals(h2o[i], sm, REL * h2o[i], "MOJO row " + i);
            assertEquals(h2o[i], sp, REL * h2o[i], "POJO row " + i);
        }
    }

    @Test
    void manifestThresholdIsH2osMeanPlusOneSigma() {
        double expected = result.model().h2oMean() + 1.0 * result.model().h2oSigma();
        assertEquals(expected, result.calibration().threshold(), REL * expected);
        assertEquals(expected, result.manifestFile().threshold(), REL * expected);
        assertEquals(rows.length, result.calibration().rows());
        assertEquals(rows.length / 50, result.calibration().windows());
    }
}

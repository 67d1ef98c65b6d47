package io.lpmsedge.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hex.deeplearning.DeepLearning;
import hex.deeplearning.DeepLearningModel;
import hex.deeplearning.DeepLearningModel.DeepLearningParameters;
import io.lpmsedge.scorer.manifest.ManifestException;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.model.RowScorers;
import io.lpmsedge.scorer.model.ScoreKind;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import water.DKV;
import water.Key;
import water.fvec.Frame;
import water.util.ArrayUtils;

/**
 * The other model kinds a data scientist may bring: a binomial classifier (score = probability of the failure
 * class) and a regression model (score = prediction), trained here with H2O and scored through the edge scorer
 * as MOJO and POJO; both must equal H2O's own predictions.
 */
class SupervisedModelsTest {
    private static final double REL = 1e-9;
    private static final String[] FEATURES = {"acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"};

    @TempDir
    static Path dir;

    static double[][] features;
    static double[] p1;
    static double[] regression;

    @BeforeAll
    static void train() throws Exception {
        H2oCloud.ensureStarted();
        double[][] normal = NormalMotion.rows(1000, 9);
        features = new double[2000][];
        double[][] withLabels = new double[2000][];
        for (int i = 0; i < 2000; i++) {
            double[] r = normal[i % 1000].clone();
            boolean failing = i >= 1000;
            if (failing) {
                r[3] += 0.3 * Math.sin(2 * Math.PI * 23 * i / 100.0);
            }
            features[i] = r;
            withLabels[i] = Arrays.copyOf(r, 8);
            withLabels[i][6] = failing ? 1 : 0;
            withLabels[i][7] = r[3] * r[3] + r[4];
        }
        String[] names = Arrays.copyOf(FEATURES, 8);
        names[6] = "failing";
        names[7] = "target";
        Frame frame = ArrayUtils.frame(Key.make("supervised_" + System.nanoTime()), names, withLabels);
        frame.replace(6, frame.vec(6).toCategoricalVec()).remove();
        DKV.put(frame);
        try {
            DeepLearningModel clf = train(frame, "failing", "target", "clf_binomial");
            Frame pred = clf.score(frame);
            p1 = column(pred, 2);
            pred.remove();
            export(clf);
            clf.remove();
            DeepLearningModel reg = train(frame, "target", "failing", "reg_target");
            Frame rp = reg.score(frame);
            regression = column(rp, 0);
            rp.remove();
            export(reg);
            reg.remove();
        } finally {
            frame.remove();
        }
    }

    private static DeepLearningModel train(Frame f, String response, String ignored, String key) {
        DeepLearningParameters p = new DeepLearningParameters();
        p._train = f._key;
        p._response_column = response;
        p._ignored_columns = new String[] {ignored};
        p._hidden = new int[] {6};
        p._epochs = 3;
        p._seed = 5;
        p._reproducible = true;
        p._stopping_rounds = 0;
        return new DeepLearning(p, Key.make(key)).trainModel().get();
    }

    private static double[] column(Frame f, int c) {
        double[] out = new double[(int) f.numRows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.vec(c).at(i);
        }
        return out;
    }

    private static void export(DeepLearningModel m) throws Exception {
        try (OutputStream out = Files.newOutputStream(dir.resolve(m._key + ".zip"))) {
            m.getMojo().writeTo(out);
        }
        Files.writeString(dir.resolve(m._key + ".java"), m.toJava(false, true));
    }

    private static void assertScores(String file, ScoreKind kind, String failureClass, double[] expected)
            throws Exception {
        LoadedModel m = new ModelLoader(dir.resolve("classes")).load(dir.resolve(file));
        assertEquals(List.of(FEATURES), m.columns());
        RowScorer s = RowScorers.create(m, kind, failureClass);
        for (int i = 0; i < features.length; i += 3) {
            assertEquals(expected[i], s.score(features[i]), REL * Math.abs(expected[i]) + 1e-300, file + " row " + i);
        }
    }

    @Test
    void binomialScoreIsH2osProbabilityOfTheFailureClass() throws Exception {
        assertScores("clf_binomial.zip", ScoreKind.CLASS_PROBABILITY, "1", p1);
        assertScores("clf_binomial.java", ScoreKind.CLASS_PROBABILITY, "1", p1);
        assertTrue(
                Arrays.stream(p1, 1000, 2000).average().orElseThrow()
                        > Arrays.stream(p1, 0, 1000).average().orElseThrow(),
                "the classifier learned something");
    }

    @Test
    void regressionScoreIsH2osPrediction() throws Exception {
        assertScores("reg_target.zip", ScoreKind.REGRESSION, null, regression);
        assertScores("reg_target.java", ScoreKind.REGRESSION, null, regression);
    }

    @Test
    void aClassifierManifestMustNameAnExistingFailureClass() throws Exception {
        LoadedModel m = new ModelLoader(dir.resolve("classes")).load(dir.resolve("clf_binomial.zip"));
        List<ManifestFile.Feature> f = Arrays.stream(FEATURES)
                .map(c -> new ManifestFile.Feature(c, null, null, null))
                .toList();
        ManifestFile noClass = new ManifestFile(1, null, null, f, null, null, null, 0.5, null, null);
        assertEquals(
                "manifest for clf_binomial.zip: score.failureClass is missing; model clf_binomial.zip is a "
                        + "classifier with classes [0, 1]: name the one that means failure",
                assertThrows(ManifestException.class, () -> ManifestValidator.validate(noClass, m))
                        .getMessage());
        ManifestFile wrong = new ManifestFile(
                1, null, null, f, null, null, new ManifestFile.Score("class-probability", "FAIL"), 0.5, null, null);
        assertEquals(
                "manifest for clf_binomial.zip: score.failureClass 'FAIL' is not a class of model "
                        + "clf_binomial.zip; its classes are [0, 1]",
                assertThrows(ManifestException.class, () -> ManifestValidator.validate(wrong, m))
                        .getMessage());
    }
}

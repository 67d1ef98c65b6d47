package io.lpmsedge.trainer;

import hex.deeplearning.DeepLearning;
import hex.deeplearning.DeepLearningModel;
import hex.deeplearning.DeepLearningModel.DeepLearningParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import water.Key;
import water.fvec.Frame;
import water.fvec.Vec;
import water.util.ArrayUtils;

/**
 * Trains an H2O deep-learning autoencoder in this JVM (recipe of docs/h2o-models.md#training-and-export) and exports it
 * as
 * MOJO ({@code <name>.zip}) and POJO ({@code <name>.java}). Reproducible mode with a seed: the same rows give
 * the same model on every run and JDK.
 */
public final class AutoencoderTrainer {
    public TrainedModel train(TrainSpec spec, String[] columns, double[][] rows, Path outDir) throws IOException {
        H2oCloud.ensureStarted();
        Files.createDirectories(outDir);
        // A per-run frame key: several trainings share the JVM's one cloud (tests), and DKV keys are global.
        Key<Frame> frameKey = Key.make(spec.name() + "_train_" + System.nanoTime());
        Frame frame = ArrayUtils.frame(frameKey, columns, rows);
        DeepLearningModel model = null;
        Frame errors = null;
        try {
            DeepLearningParameters p = new DeepLearningParameters();
            p._train = frame._key;
            p._autoencoder = true;
            p._activation = DeepLearningParameters.Activation.Tanh;
            p._hidden = spec.hidden();
            p._epochs = spec.epochs();
            p._seed = spec.seed();
            // One thread, fixed order: deterministic (Hogwild is faster but irreproducible, and worse on one chunk).
            p._reproducible = true;
            p._stopping_rounds = 0;
            model = new DeepLearning(p, Key.make(spec.name())).trainModel().get();

            Path mojo = outDir.resolve(spec.name() + ".zip");
            try (OutputStream out = Files.newOutputStream(mojo)) {
                model.getMojo().writeTo(out);
            }
            Path pojo = outDir.resolve(spec.name() + ".java");
            Files.writeString(pojo, model.toJava(false, true), StandardCharsets.UTF_8);

            errors = model.scoreAutoEncoder(frame, Key.make(), false);
            Vec e = errors.vec(0);
            double[] perRow = new double[(int) e.length()];
            for (int i = 0; i < perRow.length; i++) {
                perRow[i] = e.at(i);
            }
            return new TrainedModel(mojo, pojo, perRow, e.mean(), e.sigma());
        } finally {
            if (errors != null) {
                errors.remove();
            }
            if (model != null) {
                model.remove();
            }
            frame.remove();
        }
    }
}

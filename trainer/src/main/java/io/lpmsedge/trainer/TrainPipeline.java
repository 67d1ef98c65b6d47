package io.lpmsedge.trainer;

import io.lpmsedge.scorer.calibrate.Calibration;
import io.lpmsedge.scorer.calibrate.CalibrationOptions;
import io.lpmsedge.scorer.calibrate.Calibrator;
import io.lpmsedge.scorer.features.FeatureMapping;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.manifest.ManifestException;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelLoadException;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.model.ScoreKind;
import io.lpmsedge.scorer.offline.FileScoring;
import io.lpmsedge.scorer.offline.GapLog;
import io.lpmsedge.scorer.window.WindowScorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Normal data → trained autoencoder → MOJO, POJO and a calibrated manifest. The model is trained on each stream's
 * first part only; threshold and rule are then derived by the edge scorer itself over the exported MOJO, by the
 * same code and over the same windows as {@code lpms-edge calibrate} (the input files are read again through
 * {@link FileScoring}), so what the manifest promises is what the Pi will compute and the held-out part is
 * data the model never saw.
 */
public final class TrainPipeline {
    /**
     * @param windowSize   how readings are grouped: per-reading models use it for the RMS window, window-vector
     *                     models are trained on windows of {@code size} readings every {@code stride}
     * @param calibration  threshold and rule (its hold-out share must be the one the data was read with)
     */
    public record Options(Layout layout, int windowSize, int windowStride, CalibrationOptions calibration) {}

    public record Result(
            TrainedModel model, Path manifest, ManifestFile manifestFile, Calibration calibration, GapLog gaps) {}

    private final AutoencoderTrainer trainer = new AutoencoderTrainer();

    public Result run(TrainingData data, TrainSpec spec, Options o, Path outDir)
            throws IOException, ModelLoadException, ManifestException, InputException {
        return run(data, spec, o, outDir, null);
    }

    /** @param err where gaps in the inputs are printed ({@code null}: counted only) */
    public Result run(TrainingData data, TrainSpec spec, Options o, Path outDir, PrintWriter err)
            throws IOException, ModelLoadException, ManifestException, InputException {
        ConstantColumns.require(data);
        String[] columns;
        double[][] rows;
        if (o.layout() == Layout.PER_READING) {
            columns = data.columns();
            rows = data.rows();
        } else {
            columns = vectorColumns(data.columns(), o.windowSize());
            rows = windowVectors(data, o.windowSize(), o.windowStride());
        }
        TrainedModel trained = trainer.train(spec, columns, rows, outDir);

        List<ManifestFile.Feature> features = new ArrayList<>();
        for (FeatureMapping f : data.features()) {
            features.add(new ManifestFile.Feature(f.column(), f.source(), null, null));
        }
        ManifestFile manifest = new ManifestFile(
                1,
                trained.mojo().getFileName().toString(),
                o.layout().key(),
                features,
                data.sampleRateHz() > 0 ? data.sampleRateHz() : null,
                new ManifestFile.Window(o.windowSize(), o.windowStride()),
                new ManifestFile.Score(ScoreKind.RECONSTRUCTION_MSE.key(), null),
                null,
                null,
                null);

        LoadedModel loaded = ModelLoader.usingTempDir().load(trained.mojo());
        ScorerConfig config = ManifestValidator.validate(manifest, loaded);
        GapLog gaps = new GapLog(err);
        Calibration c = data.inputs().isEmpty()
                ? calibrateInMemory(data, config, o.calibration())
                : FileScoring.calibrate(
                        config,
                        data.inputs(),
                        o.calibration(),
                        trained.mojo().getFileName().toString(),
                        gaps);
        String input = data.inputs().isEmpty()
                ? "training data of " + spec.name()
                : String.join(
                        ", ",
                        data.inputs().stream()
                                .map(p -> p.getFileName().toString())
                                .toList());
        ManifestFile calibrated =
                manifest.withThreshold(c.threshold()).withVerdict(c.ruleSpec()).withCalibration(c.toManifest(input));
        Path manifestPath = ManifestIO.defaultPathFor(trained.mojo());
        new ManifestIO().write(calibrated, manifestPath);
        return new Result(trained, manifestPath, calibrated, c, gaps);
    }

    /** Rows made in memory (no file to read again): the same scorer, fed row by row, one stream. */
    private static Calibration calibrateInMemory(TrainingData data, ScorerConfig config, CalibrationOptions o) {
        ScorerConfig judging = config.withThreshold(Double.POSITIVE_INFINITY);
        Calibrator calibrator = new Calibrator(config.layout() == Layout.WINDOW_VECTOR);
        WindowScorer scorer = judging.newWindowScorer(judging.newRowScorer(), calibrator.forStream("rows"));
        int[] starts = data.segmentStarts();
        int segment = 0;
        for (int row = 0; row < data.rows().length; row++) {
            if (segment < starts.length && starts[segment] == row) {
                // A new sensor or a gap in the data: no window spans it, as live.
                scorer.breakWindow();
                segment++;
            }
            scorer.acceptRow(data.rows()[row], Double.NaN, null, row);
        }
        calibrator.readings("rows", data.rows().length);
        return calibrator.result(o);
    }

    /** Reading-major names: {@code acc_x_0, acc_y_0, …, acc_x_1, …}. */
    static String[] vectorColumns(String[] perReading, int size) {
        String[] out = new String[perReading.length * size];
        for (int r = 0; r < size; r++) {
            for (int f = 0; f < perReading.length; f++) {
                out[r * perReading.length + f] = perReading[f] + "_" + r;
            }
        }
        return out;
    }

    /** The windows the scorer will see on this data: {@code size} readings every {@code stride}, flattened. */
    static double[][] windowVectors(double[][] rows, int size, int stride) {
        List<double[]> out = new ArrayList<>();
        addWindowVectors(rows, 0, rows.length, size, stride, out);
        return out.toArray(new double[0][]);
    }

    /** As above, per continuous segment: no training window spans a sensor change or a gap. */
    static double[][] windowVectors(TrainingData data, int size, int stride) {
        List<double[]> out = new ArrayList<>();
        int[] starts = data.segmentStarts();
        for (int i = 0; i < starts.length; i++) {
            int end = i + 1 < starts.length ? starts[i + 1] : data.rows().length;
            addWindowVectors(data.rows(), starts[i], end, size, stride, out);
        }
        return out.toArray(new double[0][]);
    }

    private static void addWindowVectors(double[][] rows, int from, int to, int size, int stride, List<double[]> out) {
        int k = rows[0].length;
        for (int start = from; start + size <= to; start += stride) {
            double[] v = new double[size * k];
            for (int r = 0; r < size; r++) {
                System.arraycopy(rows[start + r], 0, v, r * k, k);
            }
            out.add(v);
        }
    }
}

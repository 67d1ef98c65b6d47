package io.lpmsedge.benchmarks;

import hex.ModelCategory;
import hex.genmodel.GenModel;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import io.lpmsedge.scorer.window.WindowScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scorer overhead over raw h2o-genmodel, one thread, one operation = one reading (so ops/s = rows/s). Results
 * and commands: BENCHMARKS.md (edge scorer section).
 * Model: the committed test autoencoder {@code ae} (6 inputs, 8-3-8 Tanh), as MOJO and as POJO; window 200,
 * hysteresis 1:1. Run from the repository root (the model path is relative to it).
 *
 * <ul>
 *   <li>{@code rawGenmodel}: the least a caller can do: {@code score0} into a reused array plus H2O's error
 *   formula, on rows already in model order (no copy, no windows).</li>
 *   <li>{@code scorerRow}: {@link WindowScorer#acceptRow}: copy, score, error, ring buffer, RMS per window,
 *   verdict rule.</li>
 *   <li>{@code scorerReading}: {@link WindowScorer#accept} from a reading with lineage: adds feature mapping
 *   (unit conversion) and the gap check, i.e. the bridge's path.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Thread)
public class ScorerBenchmark {
    static final int ROWS = 4096;

    @Param({"ae.zip", "ae.java"})
    public String model;

    @Param("edge-scorer/src/test/resources/models")
    public String modelDir;

    private GenModel genModel;
    private double[] normMul;
    private double[] preds;
    private double[][] rows;
    private SampleValues[] readings;
    private Lineage[] lineages;
    private WindowScorer rowScorer;
    private WindowScorer readingScorer;
    private int next;
    private long windows;

    @Setup
    public void setUp() throws Exception {
        Path dir = Path.of(modelDir);
        LoadedModel loaded = new ModelLoader(Files.createTempDirectory("bench-pojo")).load(dir.resolve(model));
        // The manifest next to the model: ae.zip / ae.java → ae.manifest.json; the demo model (derived features:
        // -p model=arm_ae.zip -p modelDir=samples/models) → arm_ae.manifest.json.
        String base = model.substring(0, model.lastIndexOf('.'));
        ScorerConfig config =
                ManifestValidator.validate(new ManifestIO().read(dir.resolve(base + ".manifest.json")), loaded);
        config = new ScorerConfig(
                config.model(),
                config.layout(),
                config.features(),
                100,
                io.lpmsedge.scorer.window.WindowConfig.tumbling(200),
                config.kind(),
                config.failureClass(),
                config.threshold(),
                config.rule());
        genModel = loaded.model();
        normMul = loaded.normMul();
        preds = new double[genModel.getPredsSize(ModelCategory.AutoEncoder)];
        WindowListener count = new WindowListener() {
            @Override
            public void onWindow(WindowResult w) {
                windows++;
            }
        };
        // Both scorers share the one model instance, as all sensors of one scoring thread do (a POJO keeps
        // activations in fields, so a second thread would load its own); each fork runs one benchmark method.
        rowScorer = config.newWindowScorer(config.newRowScorer(), count);
        readingScorer = config.newWindowScorer(config.newRowScorer(), count);
        Random rnd = new Random(1);
        rows = new double[ROWS][];
        readings = new SampleValues[ROWS];
        lineages = new Lineage[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double v = Math.sin(2 * Math.PI * 7 * i / 100.0);
            rows[i] = new double[] {
                0.02 * v + 0.004 * rnd.nextGaussian(),
                -0.01 + 0.004 * rnd.nextGaussian(),
                -1 + 0.004 * rnd.nextGaussian(),
                0.08 * v + 0.01 * rnd.nextGaussian(),
                0.01 * rnd.nextGaussian(),
                0.01 * rnd.nextGaussian()
            };
            double[] r = rows[i];
            readings[i] = SampleValues.builder()
                    .set(Output.ACC, r[0], r[1], r[2])
                    .set(Output.GYRO, r[3], r[4], r[5])
                    .build();
            lineages[i] = new Lineage("bench", "s1", "boot", i, 0);
        }
        // rawGenmodel and scorerRow take rows in model order: for a model on derived features those are the
        // features of the readings above, computed once here in stream order (what the live path computes per
        // reading, and scorerReading measures).
        io.lpmsedge.scorer.features.FeatureMapper mapper =
                new io.lpmsedge.scorer.features.FeatureMapper(config.features());
        if (mapper.hasState() || mapper.width() != rows[0].length) {
            for (int i = 0; i < ROWS; i++) {
                rows[i] = new double[mapper.width()];
                mapper.map(readings[i], rows[i], 0);
            }
        }
    }

    private int index() {
        int i = next;
        next = i + 1 == ROWS ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public double rawGenmodel() {
        double[] x = rows[index()];
        double[] rec = genModel.score0(x, preds);
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            double d = (rec[k] - x[k]) * normMul[k];
            s += d * d;
        }
        return s / x.length;
    }

    @Benchmark
    public long scorerRow() {
        int i = index();
        rowScorer.acceptRow(rows[i], Double.NaN, null, i);
        return windows;
    }

    @Benchmark
    public long scorerReading() {
        int i = index();
        // Lineage seq restarts every ROWS readings: one seq gap per 4096 readings, as a rare real gap would be.
        readingScorer.accept(readings[i], i * 0.01, lineages[i], i);
        return windows;
    }
}

package io.lpmsedge.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.scorer.calibrate.CalibrationOptions;
import io.lpmsedge.scorer.features.Layout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The simulated-arm model recipe: one definition for the committed demo model ({@code samples/models/arm_ae.*},
 * checked by {@link DemoModelIsCurrentTest}) and the detection-quality test that measures it.
 *
 * <p>Trained on 5 healthy minutes of {@value #TRAIN_SENSORS} simulated arms (seed {@value #TRAIN_SEED}: the fleet
 * layout gives each its own seed, so its own biases, misalignment, warm-up and cycle jitter), judged on another
 * arm (seed {@value #TEST_SEED}) the model never saw. Features are derived, not raw: vibration (second-difference
 * RMS) of acc and gyro, rest drift of the gyro and time since rest (docs/scoring.md#derived-features).
 */
final class SimArm {
    static final String TRAIN_SEED = "7";
    static final int TRAIN_SENSORS = 3;
    static final String TEST_SEED = "8";
    static final String NAME = "arm_ae";
    static final Path COMMITTED = Path.of("..", "samples", "models");
    static final List<String> FEATURES = List.of("vib(acc)", "vib(gyro)", "rest-drift(gyro)", "since-rest(gyro)");
    static final TrainSpec SPEC = new TrainSpec(NAME, new int[] {12, 4, 12}, 10, 42);
    /** Windows of 1 s at 100 Hz; threshold and rule by the default calibration (held-out, docs/calibration.md). */
    static final TrainPipeline.Options OPTIONS =
            new TrainPipeline.Options(Layout.PER_READING, 100, 100, CalibrationOptions.defaults());

    private SimArm() {}

    /** Simulates the training fleet into {@code work} and trains the model into {@code out}. */
    static TrainPipeline.Result train(Path work, Path out) throws Exception {
        sim(
                "--out",
                work.resolve("train-{id}.bin").toString(),
                "--sensors",
                Integer.toString(TRAIN_SENSORS),
                "--mode",
                "ok",
                "--duration",
                "5m",
                "--rate",
                "100",
                "--seed",
                TRAIN_SEED,
                "--outputs",
                "acc,gyro");
        List<Path> inputs = new ArrayList<>();
        for (int id = 1; id <= TRAIN_SENSORS; id++) {
            inputs.add(work.resolve("train-" + id + ".bin"));
        }
        // The network learns all 5 minutes; the default calibration holds the last 25 % out of the threshold and
        // rule only. Holding it out of the network too (as lpms-edge train does) was measured: 6 false FAILURE
        // windows in the unseen arm's healthy 20 minutes (10 minutes per arm: 2, and gyro drift found late). Five
        // minutes are too short for this arm's warm-up to be learnt from 3.75.
        return new TrainPipeline().run(TrainingData.read(inputs, List.of(), FEATURES), SPEC, OPTIONS, out);
    }

    static void sim(String... args) {
        List<String> a = new ArrayList<>(List.of("sim"));
        a.addAll(List.of(args));
        StringWriter err = new StringWriter();
        CommandLine cl = LpmsEdge.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(a.toArray(String[]::new)), err.toString());
    }
}

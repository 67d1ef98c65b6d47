package io.lpmsedge.trainer;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.ClientPropertiesOptions;
import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.scorer.calibrate.Calibration;
import io.lpmsedge.scorer.calibrate.CalibrationOptions;
import io.lpmsedge.scorer.command.CalibrationOptionsMixin;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.manifest.ManifestException;
import io.lpmsedge.scorer.model.ModelLoadException;
import io.lpmsedge.scorer.offline.CalibrationReport;
import io.lpmsedge.trainer.kafka.KafkaSourceOptions;
import io.lpmsedge.trainer.kafka.ReadingsTopicReader;
import io.lpmsedge.trainer.kafka.TopicRead;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lpms-edge train}: normal data in, H2O autoencoder MOJO + POJO + calibrated manifest out. H2O runs
 * inside this JVM when {@code java.lang} is opened to it; otherwise (the plain launcher) the command runs
 * itself again in a child JVM with the flags, so users need no JVM options and H2O's non-daemon threads die
 * with the child.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train an H2O autoencoder on normal data; export MOJO, POJO and a calibrated manifest.",
            "Writes <name>.zip (MOJO), <name>.java (POJO) and <name>.manifest.json, calibrated on that data.",
            "Deterministic for a given seed. Developer/cluster tool: not in the Pi package."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:trained and exported",
            "1:training or export failed",
            "2:unreadable input, no data in the Kafka range, an unreachable cluster or a bad option"
        })
public final class TrainCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    @Option(
            names = "--input",
            paramLabel = "FILE",
            description = "Normal data: a CSV naming its columns, an LP-BUS capture, bridge/decode JSON Lines or an "
                    + "LpmsControl CSV export. Repeat for several files (e.g. one capture per sensor of a fleet).")
    private List<Path> input = new ArrayList<>();

    @Mixin
    private KafkaSourceOptions kafka = new KafkaSourceOptions();

    @Mixin
    private ClientPropertiesOptions client = new ClientPropertiesOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the artefacts.")
    private Path out;

    @Option(
            names = "--name",
            defaultValue = "lpms_autoencoder",
            paramLabel = "KEY",
            description =
                    "Model key: POJO class name and file base name (a Java identifier; default ${DEFAULT-VALUE}).")
    private String name;

    @Option(
            names = "--fields",
            split = ",",
            defaultValue = "acc,gyro",
            paramLabel = "KEY[,KEY...]",
            description = "Features to train on (readings inputs): outputs such as acc,gyro,mag, or derived features "
                    + "such as vib(acc),vib(gyro),rest-drift(gyro),since-rest(gyro) (default ${DEFAULT-VALUE}).")
    private List<String> fields;

    @Option(
            names = "--columns",
            split = ",",
            paramLabel = "NAME[,NAME...]",
            description = "CSV columns to train on (default: every numeric column).")
    private List<String> columns = new ArrayList<>();

    @Option(
            names = "--hidden",
            split = ",",
            defaultValue = "12,4,12",
            paramLabel = "N[,N...]",
            description = "Hidden layer sizes (default ${DEFAULT-VALUE}).")
    private int[] hidden;

    @Option(
            names = "--epochs",
            defaultValue = "10",
            paramLabel = "E",
            description = "Epochs (default ${DEFAULT-VALUE}).")
    private double epochs;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Random seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--layout",
            defaultValue = "per-reading",
            paramLabel = "per-reading|window-vector",
            description = "One row per reading (default) or one row per window of --window readings.")
    private String layout;

    @Option(
            names = "--window",
            defaultValue = "200",
            paramLabel = "N",
            description = "Readings per window (default ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--stride", paramLabel = "N", description = "Readings between windows (default: --window).")
    private Integer stride;

    @Mixin
    private CalibrationOptionsMixin calibration = new CalibrationOptionsMixin();

    @Option(names = "--hysteresis", paramLabel = "N[:M]", description = "Same as --rule hysteresis:N[:M].")
    private String hysteresis;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException, BadInputException {
        if (!Object.class.getModule().isOpen("java.lang", TrainCommand.class.getModule())) {
            return runInChildJvm();
        }
        PrintWriter err = spec.commandLine().getErr();
        TrainSpec trainSpec;
        TrainPipeline.Options options;
        ReadingsTopicReader.Request fromKafka;
        try {
            if (kafka.given() == !input.isEmpty()) {
                throw new IllegalArgumentException("give the normal data as --input FILE or as --from-kafka BOOTSTRAP "
                        + "--sensor NAME --from TIME [--to TIME], one of the two");
            }
            fromKafka = kafka.request(client.load(), Clock.systemDefaultZone());
            trainSpec = new TrainSpec(name, hidden, epochs, seed);
            if (calibration.hasRule() && hysteresis != null) {
                throw new IllegalArgumentException("give --rule or --hysteresis, not both");
            }
            CalibrationOptions c = hysteresis == null
                    ? calibration.options(null)
                    : calibration.options(CalibrationOptions.parseRule("hysteresis:" + hysteresis), null);
            options = new TrainPipeline.Options(Layout.byKey(layout), window, stride == null ? window : stride, c);
            if (window < 1 || options.windowStride() < 1 || options.windowStride() > window) {
                throw new IllegalArgumentException("--window must be >= 1 and --stride between 1 and --window");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TrainingData data;
        try {
            List<Path> inputs = input;
            if (fromKafka != null) {
                Files.createDirectories(out);
                TopicRead read = new ReadingsTopicReader(fromKafka).read(out.resolve(name + ".readings"));
                read.print(err);
                inputs = read.files();
            }
            data = TrainingData.read(
                    inputs, columns, fields, options.calibration().holdout());
        } catch (InputException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        try {
            TrainPipeline.Result r = new TrainPipeline().run(data, trainSpec, options, out, err);
            Calibration c = r.calibration();
            PrintWriter o = spec.commandLine().getOut();
            o.println(String.format(
                    Locale.ROOT,
                    "trained %s on %d rows x %d columns%s; wrote %s, %s, %s; threshold "
                            + "%.6g with %s (%d of %d windows above it, %d FAILURE; held out: %d windows, max %.2f x "
                            + "threshold, %d above, %d FAILURE%s)",
                    name,
                    data.rows().length,
                    data.columns().length,
                    c.options().holdout() > 0
                            ? String.format(
                                    Locale.ROOT,
                                    " (the first %.0f %% of each stream)",
                                    100 * (1 - c.options().holdout()))
                            : "",
                    r.model().mojo(),
                    r.model().pojo(),
                    r.manifest(),
                    c.threshold(),
                    c.rule().describe(),
                    c.windowsAbove(),
                    c.windows(),
                    c.failureWindows(),
                    c.heldOutWindows(),
                    Double.isNaN(c.heldOutMaxRatio()) ? 0 : c.heldOutMaxRatio(),
                    c.heldOutExceeding(),
                    c.heldOutFailureWindows(),
                    c.validated() ? "; validated" : "; NOT validated"));
            o.flush();
            CalibrationReport.print(c, err);
            return 0;
        } catch (IllegalArgumentException | InputException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            // Too little data for any threshold: the input's problem, like too few rows.
            throw new BadInputException(e.getMessage(), e);
        } catch (ModelLoadException | ManifestException e) {
            err.println("lpms-edge train: the exported model does not score: " + e.getMessage());
            return 1;
        }
    }

    /** Re-runs {@code lpms-edge train <same args>} in a JVM with H2O's flags; returns its exit status. */
    private int runInChildJvm() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(JvmFlags.ADD_OPENS.split(" ")));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LpmsEdge.class.getName());
        cmd.addAll(spec.commandLine().getParseResult().originalArgs());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        return p.waitFor();
    }
}

package io.lpmsedge.scoreservice;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.ClientPropertiesOptions;
import io.lpmsedge.cli.DurationText;
import io.lpmsedge.cli.HangupSignal;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.scorer.modelset.ModelSetException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpms-edge score-service}: the cluster-side scorer, a Kafka consumer group from readings to verdicts. */
@Command(
        name = "score-service",
        mixinStandardHelpOptions = true,
        description = {
            "Score the readings topic with H2O models as a Kafka consumer group and produce verdict",
            "events (cluster side; scale by running more instances with the same --group-id).",
            "One model for all sensors (--model) or one per machine (--models FILE, a model set); SIGHUP or a",
            "changed model file reloads them without a restart (docs/score-service-models.md).",
            "At least once: offsets are committed only after the events of the consumed readings are produced.",
            "Runs until SIGTERM/SIGINT, then commits what it has scored and leaves the group."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "143/130:stopped by SIGTERM/SIGINT (the JVM's status) after committing and leaving the group",
            "1:producing verdict events or talking to Kafka failed (a restart resumes at the last commit)",
            "2:unreadable or mismatched model, manifest or model set, no threshold, or a bad option"
        })
public final class ScoreServiceCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers (required, except with --check-models).")
    private String bootstrap;

    @Option(
            names = "--check-models",
            description = "Only load and check the models (--model or --models), print which model scores which "
                    + "sensors, and exit: 0 if they are usable, 2 if not. Needs no Kafka: run it before a reload.")
    private boolean checkModels;

    @Option(
            names = "--in",
            defaultValue = "readings",
            paramLabel = "TOPIC",
            description = "Readings topic (record schema 1 JSON, key = sensor name). Default: readings.")
    private String in;

    @Option(
            names = "--out",
            defaultValue = "verdicts",
            paramLabel = "TOPIC",
            description = "Topic for verdict events (key = sensor name). Default: verdicts.")
    private String out;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description = "One H2O model (as for score) for every sensor. Or --models.")
    private Path model;

    @Option(
            names = "--manifest",
            paramLabel = "FILE",
            description = "Manifest of --model, with a threshold (default: <model name>.manifest.json beside it).")
    private Path manifest;

    @Option(
            names = "--models",
            paramLabel = "FILE",
            description = "A model set (TOML): one [[model]] per machine with path, optional manifest and name, and "
                    + "the sensors it scores (names or globs, first match wins). Or --model.")
    private Path models;

    @Option(
            names = "--watch",
            defaultValue = "2s",
            paramLabel = "DURATION",
            description = "How often to check the model, manifest and model-set files for a change that reloads "
                    + "them (0: only on SIGHUP). Default: 2s.")
    private String watch;

    @Option(
            names = "--group-id",
            defaultValue = "lpms-edge-score-service",
            paramLabel = "ID",
            description = "Consumer group; instances with the same id share the partitions. Default: ${DEFAULT-VALUE}.")
    private String groupId;

    @Option(
            names = "--emit",
            defaultValue = "changes",
            paramLabel = "changes|windows",
            description = "Produce an event only when a sensor's verdict changes (default), or for every window.")
    private String emit;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            description = "On taking over a partition, re-read this much (by record time) before its committed "
                    + "position to rebuild windows, verdicts and dedupe state, without producing again. Default: "
                    + "what the models need (2 x (window + the verdict rule's windows) at the manifest's "
                    + "sampleRateHz + 5s; 11s for windows of 100 at 100 Hz with hysteresis 2:2), 60s for a model "
                    + "without sampleRateHz.")
    private String warmup;

    @CommandLine.Mixin
    private ClientPropertiesOptions clientProperties = new ClientPropertiesOptions();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, BadInputException {
        PrintWriter err = spec.commandLine().getErr();
        ServiceSettings settings;
        ModelSetLoader loader;
        ModelSet set;
        Duration watchEvery;
        try {
            if (checkModels) {
                set = new ModelSetLoader(source()).load();
                printModels(err, set);
                err.println("lpms-edge score-service: the models are usable");
                err.flush();
                return 0;
            }
            settings = settings();
            watchEvery = DurationText.parse("--watch", watch);
            loader = new ModelSetLoader(source());
            set = loader.load();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (ModelSetException e) {
            throw new BadInputException(String.join("\n", e.problems()), e);
        }
        ScoreService service;
        try {
            service = new ScoreService(settings, set);
        } catch (KafkaException e) {
            throw new BadInputException("cannot create the Kafka clients: " + e.getMessage(), e);
        }
        // The JVM halts when the hook returns: wait until run() has committed and the counters are printed.
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    service.stop();
                    try {
                        reported.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "score-service-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("lpms-edge score-service: " + in + " -> " + out + " as group '" + groupId + "'");
        printModels(err, set);
        err.println("lpms-edge score-service: warm-up on taking over a partition: "
                + settings.warmupFor(set).toSeconds() + "s"
                + (settings.warmup().isPresent() ? " (--warmup)" : " (what the models need; --warmup overrides)"));
        err.flush();
        int exit = 0;
        try (ModelReloader reloader =
                        new ModelReloader(loader, set, service::offer, service.counters()).watchEvery(watchEvery);
                HangupSignal hup = HangupSignal.install(() -> reloader.request("SIGHUP"))) {
            hup.unavailable()
                    .ifPresent(why -> err.println("lpms-edge score-service: SIGHUP cannot be handled on this "
                            + "JVM (" + why
                            + "); reload by changing a model, manifest or the model set file instead (the "
                            + "service watches them)"));
            err.flush();
            service.run();
        } catch (ScoreService.ServiceFailure | KafkaException e) {
            err.println("lpms-edge score-service: " + e.getMessage());
            exit = 1;
        } catch (Exception e) {
            throw new IllegalStateException("closing the reloader cannot fail", e);
        }
        err.println("lpms-edge score-service: stopped " + service.counters().snapshot() + " windows by model "
                + service.counters().windowsByModel());
        err.flush();
        reported.countDown();
        return exit;
    }

    private static void printModels(PrintWriter err, ModelSet set) {
        err.println("lpms-edge score-service: models from " + set.source() + " (the first matching scores a sensor):");
        for (int i = 0; i < set.models().size(); i++) {
            err.println("  " + set.models().get(i).describe() + " for "
                    + set.spec().entries().get(i).sensors());
        }
    }

    /** {@code --model} (one model for every sensor) or {@code --models} (a model set), exactly one of them. */
    ModelSource source() throws BadInputException {
        if ((model == null) == (models == null)) {
            throw new BadInputException(
                    model == null
                            ? "no model: give --model FILE (one model for every sensor) or --models "
                                    + "FILE (a model set, one model per machine)"
                            : "--model and --models exclude each other; give one "
                                    + "model with --model, or list them all in the --models file");
        }
        if (models != null) {
            if (manifest != null) {
                throw new BadInputException(
                        "--manifest belongs to --model; in a model set, write manifest = \"…\" in the "
                                + "[[model]] table");
            }
            return new ModelSource.SetFile(models);
        }
        return new ModelSource.Single(model, manifest);
    }

    ServiceSettings settings() throws BadInputException {
        if (bootstrap == null) {
            throw new BadInputException(
                    "--bootstrap HOST:PORT is required (the Kafka cluster to read readings from); only "
                            + "--check-models runs without it");
        }
        Emit e;
        try {
            e = Emit.parse(emit);
        } catch (IllegalArgumentException ex) {
            throw new BadInputException(ex.getMessage());
        }
        Properties common;
        try {
            common = clientProperties.load();
        } catch (IllegalArgumentException ex) {
            throw new BadInputException(ex.getMessage());
        }
        common.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Properties consumer = new Properties();
        consumer.putAll(common);
        consumer.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        Properties producer = new Properties();
        producer.putAll(common);
        return new ServiceSettings(
                in, out, consumer, producer, e, warmup == null ? Optional.empty() : Optional.of(parseDuration(warmup)));
    }

    static Duration parseDuration(String text) throws BadInputException {
        try {
            return DurationText.parse("--warmup", text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}

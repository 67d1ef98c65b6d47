package io.lpmsedge.scoreservice;

import io.lpmsedge.cli.DurationText;
import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.scorer.manifest.ManifestException;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelLoadException;
import io.lpmsedge.scorer.model.ModelLoader;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code lpms-edge score-service}: the cluster-side scorer, a Kafka consumer group from readings to verdicts. */
@Command(name = "score-service", mixinStandardHelpOptions = true,
        description = {"Score the readings topic with an H2O model as a Kafka consumer group and produce verdict",
                "events (cluster side; scale by running more instances with the same --group-id).",
                "At least once: offsets are committed only after the events of the consumed readings are produced.",
                "Runs until SIGTERM/SIGINT, then commits what it has scored and leaves the group."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"143/130:stopped by SIGTERM/SIGINT (the JVM's status) after committing and leaving the group",
                "1:producing verdict events or talking to Kafka failed (a restart resumes at the last commit)",
                "2:unreadable or mismatched model or manifest, no threshold, or a bad option"})
public final class ScoreServiceCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers.")
    private String bootstrap;

    @Option(names = "--in", defaultValue = "readings", paramLabel = "TOPIC",
            description = "Readings topic (record schema 1 JSON, key = sensor name). Default: readings.")
    private String in;

    @Option(names = "--out", defaultValue = "verdicts", paramLabel = "TOPIC",
            description = "Topic for verdict events (key = sensor name). Default: verdicts.")
    private String out;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "H2O model (as for score).")
    private Path model;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Model manifest with a threshold (default: <model name>.manifest.json beside the model).")
    private Path manifest;

    @Option(names = "--group-id", defaultValue = "lpms-edge-score-service", paramLabel = "ID",
            description = "Consumer group; instances with the same id share the partitions. Default: ${DEFAULT-VALUE}.")
    private String groupId;

    @Option(names = "--emit", defaultValue = "changes", paramLabel = "changes|windows",
            description = "Produce an event only when a sensor's verdict changes (default), or for every window.")
    private String emit;

    @Option(names = "--warmup", defaultValue = "60s", paramLabel = "DURATION",
            description = "On taking over a partition, re-read this much (by record time) before its committed "
                    + "position to rebuild windows, verdicts and dedupe state, without producing again. Default: 60s.")
    private String warmup;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "A kafka-clients property for both consumer and producer (security.protocol, sasl.*, "
                    + "ssl.*, …); repeatable. Applied after --properties-file.")
    private List<String> properties = new ArrayList<>();

    @Option(names = "--properties-file", paramLabel = "FILE",
            description = "A Java properties file of kafka-clients properties (put sasl.jaas.config here).")
    private Path propertiesFile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ServiceSettings settings;
        ScorerConfig config;
        try {
            settings = settings();
            config = scorerConfig();
        } catch (BadInput e) {
            err.println("lpms-edge score-service: " + e.getMessage());
            err.flush();
            return LpmsEdge.EXIT_BAD_INPUT;
        }
        ScoreService service;
        try {
            service = new ScoreService(settings, config);
        } catch (KafkaException e) {
            err.println("lpms-edge score-service: cannot create the Kafka clients: " + e.getMessage());
            err.flush();
            return LpmsEdge.EXIT_BAD_INPUT;
        }
        // The JVM halts when the hook returns: wait until run() has committed and the counters are printed.
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            service.stop();
            try {
                reported.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "score-service-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("lpms-edge score-service: " + in + " -> " + out + " as group '" + groupId + "', model "
                + model.getFileName() + " (threshold " + config.threshold() + ", window " + config.window().size()
                + "/" + config.window().stride() + ", " + config.rule().describe() + ")");
        err.flush();
        int exit = 0;
        try {
            service.run();
        } catch (ScoreService.ServiceFailure | KafkaException e) {
            err.println("lpms-edge score-service: " + e.getMessage());
            exit = 1;
        }
        err.println("lpms-edge score-service: stopped " + service.counters().snapshot());
        err.flush();
        reported.countDown();
        return exit;
    }

    ServiceSettings settings() throws BadInput {
        Emit e;
        try {
            e = Emit.parse(emit);
        } catch (IllegalArgumentException ex) {
            throw new BadInput(ex.getMessage());
        }
        Properties common = new Properties();
        if (propertiesFile != null) {
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.ISO_8859_1)) {
                common.load(r);
            } catch (IOException ex) {
                throw new BadInput("cannot read --properties-file '" + propertiesFile + "': " + ex.getMessage());
            }
        }
        for (String p : properties) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new BadInput("--property '" + p + "' is not KEY=VALUE; write e.g. --property "
                        + "security.protocol=SASL_SSL");
            }
            common.setProperty(p.substring(0, eq).strip(), p.substring(eq + 1));
        }
        common.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Properties consumer = new Properties();
        consumer.putAll(common);
        consumer.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        Properties producer = new Properties();
        producer.putAll(common);
        return new ServiceSettings(in, out, consumer, producer, e, parseDuration(warmup),
                model.getFileName().toString());
    }

    private ScorerConfig scorerConfig() throws BadInput {
        LoadedModel loaded;
        try {
            loaded = ModelLoader.usingTempDir().load(model);
        } catch (ModelLoadException e) {
            throw new BadInput(e.getMessage());
        }
        Path manifestPath = manifest != null ? manifest : ManifestIO.defaultPathFor(model);
        if (!Files.exists(manifestPath)) {
            throw new BadInput("manifest '" + manifestPath + "' does not exist; create it with 'lpms-edge calibrate "
                    + "--model " + model + " --input NORMAL'");
        }
        ScorerConfig config;
        try {
            config = ManifestValidator.validate(new ManifestIO().read(manifestPath), loaded);
        } catch (ManifestException e) {
            throw new BadInput(e.getMessage() + " (manifest " + manifestPath + ")");
        }
        if (!config.hasThreshold()) {
            throw new BadInput("manifest '" + manifestPath + "' has no threshold; run 'lpms-edge calibrate --model "
                    + model + " --input NORMAL'");
        }
        if (!config.mapsReadings()) {
            throw new BadInput("manifest '" + manifestPath + "' has features without a reading field, so readings "
                    + "cannot be mapped; add \"field\" (e.g. \"acc[0]\") to each feature");
        }
        return config;
    }

    static Duration parseDuration(String text) throws BadInput {
        try {
            return DurationText.parse("--warmup", text);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** A usage or input problem: exit 2 with one line. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }
}

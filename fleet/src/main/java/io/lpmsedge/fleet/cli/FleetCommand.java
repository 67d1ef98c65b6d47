package io.lpmsedge.fleet.cli;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.ClientPropertiesOptions;
import io.lpmsedge.cli.DurationText;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.fleet.kafka.FleetTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpms-edge fleet}: the plant-wide fleet page over the status and verdict topics (docs/fleet.md). */
@Command(
        name = "fleet",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the fleet page (one tile per machine, grouped by bridge),",
            "/api/fleet and /metrics from the status, verdicts and cluster-verdicts",
            "topics (cluster side). Rebuilds its view from the topics at start;",
            "runs until SIGTERM/SIGINT. See docs/fleet.md."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "143/130:stopped by SIGTERM/SIGINT (the JVM's status)",
            "1:the Kafka consumer failed for good (the log says why)",
            "2:a bad option, or the --listen address cannot be bound"
        })
public final class FleetCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    @Option(
            names = "--bootstrap",
            required = true,
            paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers.")
    private String bootstrap;

    @Option(
            names = "--listen",
            defaultValue = "127.0.0.1:9470",
            paramLabel = "HOST:PORT",
            description = "Where the page is served; 0.0.0.0:9470 for the plant network (no authentication). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String listen;

    @Option(
            names = "--status-topic",
            defaultValue = "status",
            paramLabel = "TOPIC",
            description = "The bridges' status events (compacted). Default: ${DEFAULT-VALUE}.")
    private String statusTopic;

    @Option(
            names = "--verdicts-topic",
            defaultValue = "verdicts",
            paramLabel = "TOPIC",
            description = "The bridges' own verdict events. Default: ${DEFAULT-VALUE}.")
    private String verdictsTopic;

    @Option(
            names = "--cluster-verdicts-topic",
            defaultValue = "cluster-verdicts",
            paramLabel = "TOPIC",
            description = "The score-service's verdict events. Default: ${DEFAULT-VALUE}.")
    private String clusterVerdictsTopic;

    @Option(
            names = "--history",
            defaultValue = "24h",
            paramLabel = "DURATION",
            description =
                    "How far back the verdict topics are read at start (last verdict changes). Default: ${DEFAULT-VALUE}.")
    private String history;

    @Option(
            names = "--max-bridges",
            defaultValue = "1000",
            paramLabel = "N",
            description = "Bridge names tracked at most; more are refused and shown as a problem (bounds memory "
                    + "against garbage names). Default: ${DEFAULT-VALUE}.")
    private int maxBridges;

    @CommandLine.Mixin
    private ClientPropertiesOptions clientProperties = new ClientPropertiesOptions();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Properties kafka;
        InetSocketAddress address;
        Duration since;
        try {
            kafka = kafkaProperties();
            address = address(listen);
            since = DurationText.parse("--history", history);
            if (maxBridges < 1) {
                throw new IllegalArgumentException("--max-bridges " + maxBridges + " must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        FleetService service;
        try {
            service = FleetService.start(
                    kafka,
                    new FleetTopics(statusTopic, verdictsTopic, clusterVerdictsTopic, since),
                    address,
                    Clock.systemUTC(),
                    maxBridges);
        } catch (IOException | KafkaException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                service.close();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "fleet-shutdown"));
        err.println("lpms-edge fleet: http://" + address.getHostString() + ":" + service.port() + "/ from "
                + statusTopic + ", " + verdictsTopic + ", " + clusterVerdictsTopic + " on " + bootstrap);
        err.flush();
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            if (!service.consuming()) {
                err.println("lpms-edge fleet: the Kafka consumer stopped (see the log above)");
                err.flush();
                return 1;
            }
        }
        return 0;
    }

    private Properties kafkaProperties() {
        Properties p = clientProperties.load();
        p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    static InetSocketAddress address(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--listen '" + listen + "' is not HOST:PORT; e.g. 127.0.0.1:9470");
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen '" + listen + "' has port '" + listen.substring(colon + 1)
                    + "', not a number; e.g. 127.0.0.1:9470");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--listen '" + listen + "' has port " + port + ", outside 0–65535");
        }
        return new InetSocketAddress(host, port);
    }
}

package io.lpmsedge.devstack;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpms-edge devstack}: a Kafka broker and a REST Proxy stand-in on loopback until Ctrl-C. */
@Command(
        name = "devstack",
        mixinStandardHelpOptions = true,
        description = {
            "Run a development Kafka stack on loopback: a real single-node Apache Kafka broker (KRaft,",
            "embedded) and a stand-in for the produce side of Confluent's Kafka REST Proxy (v2 and v3) in",
            "front of it. Prints the addresses, then runs until Ctrl-C or SIGTERM; the data is deleted on exit.",
            "For development and demos only: production uses Confluent's REST Proxy (or Confluent Cloud) and",
            "a real Kafka cluster."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:stopped by Ctrl-C/SIGTERM",
            "1:the broker or the stand-in failed to start",
            "2:bad option or port in use"
        })
public final class DevStackCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            paramLabel = "P",
            description = "Broker port on 127.0.0.1 (default 9092; 0 = any free port).")
    private int kafkaPort;

    @Option(
            names = "--rest-port",
            defaultValue = "8082",
            paramLabel = "P",
            description = "REST stand-in port on 127.0.0.1 (default 8082, the proxy's usual port; 0 = any free).")
    private int restPort;

    @Option(
            names = "--topics",
            defaultValue = "readings,verdicts",
            split = ",",
            paramLabel = "T[,T…]",
            description = "Topics to create (default readings,verdicts). The broker does not auto-create topics.")
    private List<String> topics = new ArrayList<>();

    @Option(
            names = "--partitions",
            defaultValue = "3",
            paramLabel = "N",
            description = "Partitions per topic (default 3).")
    private int partitions;

    @Option(
            names = "--flavour",
            defaultValue = "confluent",
            paramLabel = "F",
            converter = FlavourConverter.class,
            description = "Which REST proxy to imitate: confluent (v2 and v3, the default) or strimzi (Strimzi's "
                    + "HTTP Bridge: v2 only, its error bodies and per-record codes).")
    private Flavour flavour = Flavour.CONFLUENT;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** "confluent" / "strimzi", any case; anything else named with the choices. */
    static final class FlavourConverter implements CommandLine.ITypeConverter<Flavour> {
        @Override
        public Flavour convert(String value) {
            try {
                return Flavour.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a flavour; use confluent or strimzi");
            }
        }
    }

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws BadInputException {
        PrintWriter err = spec.commandLine().getErr();
        String problem = validate();
        if (problem != null) {
            throw new BadInputException(problem);
        }
        Set<String> names = new LinkedHashSet<>(topics);
        DevStack stack;
        try {
            stack = DevStack.start(
                    kafkaPort,
                    StandInOptions.defaults()
                            .withPort(restPort)
                            .withMaxBlock(java.time.Duration.ofSeconds(5))
                            .withFlavour(flavour));
        } catch (RuntimeException e) {
            err.println("lpms-edge devstack: could not start: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(this::onSignal, "devstack-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (String t : names) {
                stack.kafka().createTopic(t, partitions);
            }
            printAddresses(stack, names);
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            err.println("lpms-edge devstack: " + e.getMessage());
            return 1;
        } finally {
            stack.close();
            spec.commandLine().getOut().println("devstack stopped; the broker's data was deleted.");
            spec.commandLine().getOut().flush();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook is running and waits for us.
            }
        }
        return 0;
    }

    /** Stops a running {@code devstack} as Ctrl-C would (for embedding it and for in-process tests). */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Ctrl-C/SIGTERM: let {@link #call()} close the stack, and hold the JVM until it has. */
    private void onSignal() {
        stopRequested.countDown();
        try {
            stopped.await(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String validate() {
        if (kafkaPort < 0 || kafkaPort > 65535) {
            return "--kafka-port " + kafkaPort + " is not a port; use 1..65535, or 0 for any free port";
        }
        if (restPort < 0 || restPort > 65535) {
            return "--rest-port " + restPort + " is not a port; use 1..65535, or 0 for any free port";
        }
        if (kafkaPort != 0 && kafkaPort == restPort) {
            return "--kafka-port and --rest-port are both " + kafkaPort + "; give them different ports";
        }
        if (partitions < 1 || partitions > 1000) {
            return "--partitions " + partitions + " is out of range; use 1..1000";
        }
        if (topics.isEmpty()) {
            return "--topics is empty; name at least one topic, e.g. --topics readings,verdicts";
        }
        for (String t : topics) {
            if (!TOPIC.matcher(t).matches() || t.equals(".") || t.equals("..")) {
                return "--topics: '" + t + "' is not a valid Kafka topic name; use letters, digits, '.', '_' "
                        + "and '-' (at most 249), e.g. --topics readings,verdicts";
            }
        }
        if (kafkaPort != 0 && !Ports.isFree(kafkaPort)) {
            return "--kafka-port " + kafkaPort + " is in use on 127.0.0.1 (another Kafka?); pick another port "
                    + "with --kafka-port P, or --kafka-port 0 for any free port";
        }
        if (restPort != 0 && !Ports.isFree(restPort)) {
            return "--rest-port " + restPort + " is in use on 127.0.0.1; pick another port with --rest-port P, "
                    + "or --rest-port 0 for any free port";
        }
        return null;
    }

    private void printAddresses(DevStack stack, Set<String> names) {
        PrintWriter out = spec.commandLine().getOut();
        RestProxyStandIn rest = stack.restProxy();
        String id = rest.clusterId();
        out.println("lpms-edge devstack: a DEVELOPMENT stand-in, not for production. Production uses Confluent's "
                + "REST Proxy (or Confluent Cloud) and a real Kafka cluster.");
        out.println("kafka bootstrap   " + stack.kafka().bootstrapServers());
        out.println("cluster id        " + id);
        out.println("rest v2           " + rest.baseUrl() + "/topics/{topic}");
        out.println("rest v3           "
                + (flavour == Flavour.STRIMZI
                        ? "none (strimzi flavour: v2 only)"
                        : rest.v3BaseUrl() + "/clusters/" + id + "/topics/{topic}/records"));
        out.println("topics            " + String.join(", ", names) + " (" + partitions + " partitions each)");
        out.println("ready; Ctrl-C to stop");
        out.flush();
    }
}

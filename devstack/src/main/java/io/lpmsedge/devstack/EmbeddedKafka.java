package io.lpmsedge.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) inside this JVM, on 127.0.0.1, with
 * its own temporary data directory. Built from {@code KafkaRaftServer} and the storage {@code Formatter} (the
 * classes behind {@code kafka-storage format} and {@code kafka-server-start}) rather than Kafka's test kit, whose
 * 4.4.0 release is unusable from Maven Central.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the ports and the data, so a test can take the broker away for a
 * while and bring it back exactly as a real outage would. {@link #close()} stops it and deletes the data.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final int NODE_ID = 1;

    private final Path dir;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaConfig config;
    private final String clusterId;
    private KafkaRaftServer server;
    private Admin admin;
    private boolean closed;

    private EmbeddedKafka(int brokerPort) {
        QuietLogging.apply();
        try {
            this.dir = Files.createTempDirectory("lpms-edge-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's data directory", e);
        }
        this.brokerPort = brokerPort == 0 ? Ports.free() : brokerPort;
        this.controllerPort = Ports.free();
        this.config = new KafkaConfig(properties(), false); // false: no 400-line config dump
        this.clusterId = Uuid.randomUuid().toString();
        format();
    }

    /** Formats storage and starts a broker on a free loopback port. */
    public static EmbeddedKafka start() {
        return start(0);
    }

    /** Formats storage and starts a broker on {@code brokerPort} (0 = any free port). */
    public static EmbeddedKafka start(int brokerPort) {
        EmbeddedKafka k = new EmbeddedKafka(brokerPort);
        try {
            k.startServer();
        } catch (RuntimeException e) {
            k.close();
            throw e;
        }
        return k;
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static quorum: the controller's address is fixed before formatting, so a restart needs no re-format.
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        // Explicit 127.0.0.1: nothing resolves the host name and nothing is reachable from off the machine.
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir().toString());
        // One broker: every internal topic must have replication factor 1, or consumers never find a coordinator.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Consumer groups join at once instead of after the default 3 s delay.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Like Confluent Cloud and most production clusters: topics must exist, a produce to a missing one fails.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private void format() {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dataDir().toString())
                    .addDirectory(dataDir().toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the broker's storage in " + dataDir() + ": " + e, e);
        }
    }

    private synchronized void startServer() {
        if (server != null) {
            return;
        }
        KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            s.startup(); // returns when the broker accepts produce requests
        } catch (RuntimeException e) {
            s.shutdown();
            s.awaitShutdown();
            throw new IllegalStateException(
                    "the embedded Kafka broker did not start on 127.0.0.1:" + brokerPort + " (is the port in use?): "
                            + e.getMessage(),
                    e);
        }
        server = s;
    }

    /** Stops the broker, keeping its ports and data for {@link #restart()}. Does nothing if already stopped. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same ports and data (no re-format); stops it first if it is running. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("the broker was closed; its data is gone");
        }
        stop();
        startServer();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code 127.0.0.1:port}, stable across {@link #restart()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    /** The cluster id written at format time (what {@code Admin.describeCluster()} reports). */
    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /**
     * Creates a topic with replication factor 1 and waits until the controller has it. A topic that already
     * exists with the same partition count is fine (tests sharing a broker may race to create it).
     */
    public void createTopic(String name, int partitions) {
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException
                    && partitionCount(name).orElse(-1) == partitions) {
                return;
            }
            throw new IllegalStateException(
                    "cannot create topic '" + name + "': " + e.getCause().getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic '" + name + "': " + e, e);
        }
    }

    /** The topic's partition count, or empty if it does not exist. */
    public Optional<Integer> partitionCount(String topic) {
        try {
            return Optional.of(admin().describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size());
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe topic '" + topic + "': " + e, e);
        }
    }

    /** One shared admin client; it reconnects by itself after {@link #restart()} since the port is the same. */
    public synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("the broker was closed");
        }
        if (admin == null) {
            Map<String, Object> p = new HashMap<>();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "lpms-edge-devstack-admin");
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
            admin = Admin.create(p);
        }
        return admin;
    }

    /** Stops the broker and deletes its data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
            admin = null;
        }
        stop();
        deleteRecursively(dir);
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temp dir is harmless; failing the caller's shutdown over it is not.
        }
    }
}

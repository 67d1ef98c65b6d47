package io.lpmsedge.devstack;

import java.util.UUID;

/**
 * An embedded broker plus a REST stand-in in front of it: what {@code lpms-edge devstack} runs and what sink tests
 * talk to.
 *
 * <p>Tests in any module share one per JVM through {@link #shared()}: starting a broker costs ~2.5 s and ~250 MB,
 * so a suite must not start one per class. Each test makes its own topics with {@link #newTopic(String, int)} and
 * calls {@code restProxy().reset()} before it arms faults.
 */
public final class DevStack implements AutoCloseable {
    /**
     * The one per-JVM instance for tests: the only static mutable state in this module, by design. Started on
     * first use, closed (broker stopped, data deleted) by a JVM shutdown hook.
     */
    private static DevStack shared;

    private final EmbeddedKafka kafka;
    private final RestProxyStandIn restProxy;
    private final boolean isShared;

    private DevStack(EmbeddedKafka kafka, RestProxyStandIn restProxy, boolean isShared) {
        this.kafka = kafka;
        this.restProxy = restProxy;
        this.isShared = isShared;
    }

    /** Starts a broker on {@code kafkaPort} and a stand-in with {@code options} (ports 0 = any free port). */
    public static DevStack start(int kafkaPort, StandInOptions options) {
        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaPort);
        try {
            return new DevStack(kafka, RestProxyStandIn.start(kafka, options), false);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** The JVM's shared broker and stand-in (free ports, no auth, 1 s max.block.ms), started on first call. */
    public static synchronized DevStack shared() {
        if (shared == null) {
            EmbeddedKafka kafka = EmbeddedKafka.start(0);
            DevStack s;
            try {
                s = new DevStack(kafka, RestProxyStandIn.start(kafka, StandInOptions.defaults()), true);
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(s::shutdown, "devstack-shared-shutdown"));
            shared = s;
        }
        return shared;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public RestProxyStandIn restProxy() {
        return restProxy;
    }

    /**
     * Creates a topic whose name starts with {@code prefix} and is unique in this JVM and broker, so tests
     * sharing the broker never see each other's records.
     */
    public String newTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopic(name, partitions);
        return name;
    }

    /** Stops both and deletes the broker's data. The shared instance refuses: its shutdown hook does that. */
    @Override
    public void close() {
        if (isShared) {
            throw new IllegalStateException("DevStack.shared() is closed by a JVM shutdown hook; do not close it");
        }
        shutdown();
    }

    private void shutdown() {
        restProxy.close();
        kafka.close();
    }
}

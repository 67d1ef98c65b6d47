package io.lpmsedge.bridge.delivery.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the cluster whether a topic exists (an admin {@code describeTopics}), the one source that can tell a
 * missing topic from a slow metadata answer: the producer says "not present in metadata after N ms" for both.
 * An admin client with the producer's connection and security settings is created for each question and closed
 * after it: questions are rare (only when the producer suspects a missing topic), and an idle admin client
 * whose cluster is unreachable spins, rebootstrapping thousands of times a minute (kafka-clients 4.4).
 */
final class TopicCheck implements AutoCloseable {
    /** What the cluster said: {@code detail} holds its own words (exception class and message) where it has any. */
    record Answer(State state, String detail) {}

    enum State {
        /** The cluster lists the topic. */
        EXISTS,
        /** The cluster says the topic does not exist. */
        MISSING,
        /** No answer (unreachable, too slow, not allowed to ask): nothing is known. */
        UNKNOWN
    }

    private final Map<String, Object> adminProperties;
    private final Duration timeout;
    private boolean closed;

    /**
     * @param producerProperties the producer's configuration: only the keys an admin client knows are taken
     *                           (passing the rest would log a warning per key)
     * @param timeout            how long one question may take
     */
    TopicCheck(Map<String, Object> producerProperties, String clientId, Duration timeout) {
        this.timeout = timeout;
        Map<String, Object> p = new HashMap<>();
        producerProperties.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                p.put(k, v);
            }
        });
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        // One question, then closed: nothing to recover. With "rebootstrap" an admin client that cannot reach any
        // broker rebootstraps in a tight loop while it waits (thousands of times a minute, kafka-clients 4.4).
        p.put(AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        this.adminProperties = Map.copyOf(p);
    }

    /** Asks; blocks up to the timeout. Never throws for the cluster's answer or its absence. */
    Answer check(String topic) throws InterruptedException {
        Admin a;
        try {
            a = admin();
        } catch (RuntimeException e) {
            return new Answer(State.UNKNOWN, "cannot create an admin client: " + KafkaProducerSink.reason(e));
        }
        try {
            a.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(State.EXISTS, "the cluster lists topic " + topic);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                return new Answer(State.MISSING, "the cluster says: " + KafkaProducerSink.reason(cause));
            }
            return new Answer(
                    State.UNKNOWN,
                    "asking the cluster about topic " + topic + " failed: " + KafkaProducerSink.reason(cause));
        } catch (java.util.concurrent.TimeoutException e) {
            return new Answer(
                    State.UNKNOWN,
                    "the cluster did not answer about topic " + topic + " within " + timeout.toMillis() + " ms");
        } finally {
            a.close(Duration.ZERO); // an unanswered question is abandoned, not waited for
        }
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("the sink is closed");
        }
        return Admin.create(adminProperties);
    }

    /** No question is asked after this. */
    @Override
    public synchronized void close() {
        closed = true;
    }
}

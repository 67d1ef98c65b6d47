package io.lpmsedge.devstack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The stand-in's side of Kafka: one shared {@code KafkaProducer<byte[],byte[]>} configured like the real proxy's
 * (idempotence forced off, so a retry after a lost answer really stores a duplicate) and an admin client for the
 * cluster id.
 */
final class KafkaBackend implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private volatile String clusterId;

    KafkaBackend(String bootstrapServers, Duration maxBlock) {
        QuietLogging.apply();
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "lpms-edge-rest-standin");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"); // KREST-4606: the proxy forces this off
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // The proxy keeps the clients' default (5 ms); 0 answers a one-record request ~5 ms sooner, and a
        // request's records still share batches while earlier ones are in flight.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // A produce to an unknown topic waits this long for metadata; the proxy's 60 s would stall every test.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
        // While the broker is down a record fails after 10 s (the proxy's 120 s would outlast most clients'
        // read timeouts), so outage tests see 50003 rather than a hung request.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        Map<String, Object> a = new HashMap<>();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        a.put(AdminClientConfig.CLIENT_ID_CONFIG, "lpms-edge-rest-standin-admin");
        a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        this.admin = Admin.create(a);
    }

    /** Sends one record; the future fails with the producer's exception (also one thrown by {@code send}). */
    CompletableFuture<RecordMetadata> send(String topic, OutgoingRecord r) {
        CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
        try {
            producer.send(
                    new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()),
                    (md, e) -> {
                        if (e != null) {
                            f.completeExceptionally(e);
                        } else {
                            f.complete(md);
                        }
                    });
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /**
     * The partition count of {@code topic}, or -1 when the broker does not have it. A topic lookup is answered
     * at once, where a produce to a missing topic waits {@code max.block.ms} for metadata.
     */
    int partitions(String topic) throws Exception {
        try {
            return admin.describeTopics(java.util.List.of(topic))
                    .allTopicNames()
                    .get(5, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return -1;
            }
            throw e;
        }
    }

    /** {@code Admin.describeCluster().clusterId()}, cached once known: a cluster's id never changes. */
    String clusterId() throws Exception {
        String id = clusterId;
        if (id == null) {
            id = admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
            clusterId = id;
        }
        return id;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}

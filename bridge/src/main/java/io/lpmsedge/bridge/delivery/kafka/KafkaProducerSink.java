package io.lpmsedge.bridge.delivery.kafka;

import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.spool.SpooledRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Delivers records with kafka-clients: an idempotent producer with {@code acks=all}; keys through
 * {@code StringSerializer}, the same bytes as the REST sink's v3 STRING / v2 binary keys, so a sensor lands on
 * the same partition either way. {@code send()} runs only on the sender's lanes, never a reader's; a small
 * {@code max.block.ms} keeps a missing broker from blocking it for a minute
 * (docs/rest-proxy-contract.md#the-kafka-producer-path). Each record's
 * callback decides its status.
 */
public final class KafkaProducerSink implements DeliverySink {
    private final String name;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration requestTimeout;

    /**
     * @param properties passed through (security.protocol, sasl.*, ssl.*, compression.type, …); ours win only
     *                   for the serializers and where the user set nothing
     */
    public KafkaProducerSink(String name, String bootstrapServers, Map<String, String> properties,
                             Duration requestTimeout) {
        this(name, bootstrapServers, properties, requestTimeout, false);
    }

    /**
     * @param jsonValues the values are JSON text: zstd level 1 instead of 3 unless {@code properties} say
     *                   otherwise. Measured (BENCHMARKS.md "Delivery"): on JSON, level 3 spends a third more CPU
     *                   for 2 % fewer bytes, and that CPU bounds the catch-up after an outage; on CBOR the
     *                   higher level is what keeps a 16-bit reading within 40 B on the wire.
     */
    public KafkaProducerSink(String name, String bootstrapServers, Map<String, String> properties,
                             Duration requestTimeout, boolean jsonValues) {
        this.name = name;
        this.requestTimeout = requestTimeout;
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, jsonValues ? "1" : "3");
        // Big batches compress better and catch up faster after an outage; the buffer stays small for -Xmx64m.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(8 << 20));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(requestTimeout.toMillis(), 5000)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(requestTimeout.toMillis() - 10, 1000)));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "lpms-edge-" + name);
        p.putAll(properties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(String topic, List<SpooledRecord> batch) throws InterruptedException {
        RecordStatus[] statuses = new RecordStatus[batch.size()];
        String[] reasons = new String[batch.size()];
        CountDownLatch done = new CountDownLatch(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            int index = i;
            SpooledRecord r = batch.get(i);
            try {
                producer.send(new ProducerRecord<>(topic, r.entry().key(), r.entry().value()), (metadata, e) -> {
                    statuses[index] = e == null ? RecordStatus.DELIVERED : classify(e);
                    reasons[index] = e == null ? null : reason(e);
                    done.countDown();
                });
            } catch (RuntimeException e) {
                // send() itself failed (metadata not available within max.block.ms, serializer, closed).
                statuses[index] = classify(e);
                reasons[index] = reason(e);
                done.countDown();
            }
        }
        // No flush(): it would wait for every lane's records, not just ours; linger.ms sends the tail.
        if (!done.await(requestTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
            for (int i = 0; i < statuses.length; i++) {
                if (statuses[i] == null) {
                    statuses[i] = RecordStatus.RETRY;
                    reasons[i] = "timeout: no callback";
                }
            }
        }
        // Copies: after a timeout a late callback may still write into the arrays.
        return new SendResult(Arrays.asList(statuses.clone()), null, Arrays.asList(reasons.clone()), 0);
    }

    /**
     * The producer's own figures of the {@code producer-metrics} group by name ({@code outgoing-byte-total},
     * {@code record-size-avg}, {@code compression-rate-avg}, …): what went over the wire, after compression.
     */
    public Map<String, Double> producerMetrics() {
        Map<String, Double> out = new HashMap<>();
        producer.metrics().forEach((name, metric) -> {
            if (name.group().equals("producer-metrics") && metric.metricValue() instanceof Number n) {
                out.put(name.name(), n.doubleValue());
            }
        });
        return out;
    }

    static RecordStatus classify(Throwable e) {
        Throwable t = e instanceof org.apache.kafka.common.KafkaException && e.getCause() != null
                && !(e instanceof RetriableException) ? e.getCause() : e;
        if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
            return RecordStatus.AUTH_FAILED;
        }
        if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException) {
            return RecordStatus.TOO_LARGE;
        }
        if (t instanceof UnknownTopicOrPartitionException
                || (t instanceof TimeoutException && String.valueOf(t.getMessage()).contains("not present in metadata"))) {
            return RecordStatus.TOPIC_MISSING;
        }
        if (t instanceof RetriableException || t instanceof TimeoutException) {
            return RecordStatus.RETRY;
        }
        return RecordStatus.REJECTED;
    }

    private static String reason(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

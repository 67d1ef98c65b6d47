package io.lpmsedge.bridge.delivery.kafka;

import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.record.RecordFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Delivers records with kafka-clients: an idempotent producer with {@code acks=all}; keys through
 * {@code StringSerializer}, the same bytes as the REST sink's v3 STRING / v2 binary keys, so a sensor lands on
 * the same partition either way. {@code send()} runs only on the sender's lanes, never a reader's; a bounded
 * {@code max.block.ms} keeps a missing broker from blocking a lane for a minute
 * (docs/rest-proxy-contract.md#the-kafka-producer-path, docs/kafka-sink.md).
 *
 * <p>Order per key: once a record of a key has failed, none of that key's later records in the batch is handed
 * to the producer (they come back {@link RecordStatus#RETRY}, unsent), and after a timeout in {@code send()}
 * (metadata or buffer space) nothing more of the batch is: the {@code Sender} resends the failed record and
 * everything after it of its key, so nothing after it may already be in Kafka.
 *
 * <p>A topic is reported missing only when the cluster says so ({@link TopicCheck}): the producer's "not present
 * in metadata after N ms" means a slow answer as often as a missing topic.
 */
public final class KafkaProducerSink implements DeliverySink {
    private final String name;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration requestTimeout;
    private final TopicCheck topicCheck;

    /**
     * @param properties passed through (security.protocol, sasl.*, ssl.*, compression.type, max.block.ms, …);
     *                   ours win only for the serializers and where the user set nothing
     */
    /** The sink a {@code [[sink]]} of type kafka describes, for records in {@code format}. */
    public static KafkaProducerSink open(KafkaSpec spec, RecordFormat format) {
        return new KafkaProducerSink(
                spec.name(), spec.bootstrapServers(), spec.properties(), spec.requestTimeout(), format.isJson());
    }

    public KafkaProducerSink(
            String name, String bootstrapServers, Map<String, String> properties, Duration requestTimeout) {
        this(name, bootstrapServers, properties, requestTimeout, false);
    }

    /** @param jsonValues the values are JSON text (see {@link ProducerProperties#of}) */
    public KafkaProducerSink(
            String name,
            String bootstrapServers,
            Map<String, String> properties,
            Duration requestTimeout,
            boolean jsonValues) {
        this.name = name;
        this.requestTimeout = requestTimeout;
        Map<String, Object> p = ProducerProperties.of(name, bootstrapServers, properties, requestTimeout, jsonValues);
        this.topicCheck = new TopicCheck(
                p,
                p.get(ProducerConfig.CLIENT_ID_CONFIG) + "-topic-check",
                topicCheckTimeout(ProducerProperties.maxBlock(p), requestTimeout));
        this.producer = new KafkaProducer<>(p);
    }

    /**
     * How long the question "does the topic exist?" may take: as long as {@code send()} may block (it is asked
     * when the link is slow), at least 5 s, at most a produce request. It holds the lane, so it also lengthens a
     * stop during an outage: 10 s + 10 s with the defaults.
     */
    static Duration topicCheckTimeout(Duration maxBlock, Duration requestTimeout) {
        Duration atLeast = maxBlock.compareTo(Duration.ofSeconds(5)) > 0 ? maxBlock : Duration.ofSeconds(5);
        return atLeast.compareTo(requestTimeout) < 0 ? atLeast : requestTimeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(String topic, List<SpooledRecord> batch) throws InterruptedException {
        int n = batch.size();
        RecordStatus[] statuses = new RecordStatus[n];
        String[] reasons = new String[n];
        CountDownLatch done = new CountDownLatch(n);
        // Written by callbacks (the producer's I/O thread, or this thread inside send()), read by this loop.
        Set<String> failedKeys = ConcurrentHashMap.newKeySet();
        String[] stopAll = new String[1];
        for (int i = 0; i < n; i++) {
            int index = i;
            SpooledRecord r = batch.get(i);
            String key = r.entry().key();
            String stop;
            synchronized (stopAll) {
                stop = stopAll[0];
            }
            if (stop != null || failedKeys.contains(key)) {
                statuses[i] = RecordStatus.RETRY;
                reasons[i] = stop != null ? stop : "not sent: an earlier record of key " + key + " failed";
                done.countDown();
                continue;
            }
            try {
                producer.send(new ProducerRecord<>(topic, key, r.entry().value()), (metadata, e) -> {
                    if (e != null) {
                        failedKeys.add(key);
                        if (e instanceof TimeoutException) {
                            // The cluster is slow or gone: every further send() would block for max.block.ms too.
                            synchronized (stopAll) {
                                if (stopAll[0] == null) {
                                    stopAll[0] = "not sent after a timeout (" + reason(e) + ")";
                                }
                            }
                        }
                    }
                    statuses[index] = e == null ? RecordStatus.DELIVERED : classify(e);
                    reasons[index] = e == null ? null : reason(e);
                    done.countDown();
                });
            } catch (RuntimeException e) {
                // send() itself threw (producer closed, interrupted): nothing more of this batch goes.
                failedKeys.add(key);
                synchronized (stopAll) {
                    stopAll[0] = "not sent after " + reason(e);
                }
                statuses[index] = classify(e);
                reasons[index] = reason(e);
                done.countDown();
            }
        }
        // No flush(): it would wait for every lane's records, not just ours; linger.ms sends the tail.
        boolean complete = done.await(requestTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
        // Copies: after a timeout a late callback may still write into the arrays.
        List<RecordStatus> s = new ArrayList<>(Arrays.asList(statuses.clone()));
        List<String> why = new ArrayList<>(Arrays.asList(reasons.clone()));
        if (!complete) {
            for (int i = 0; i < n; i++) {
                if (s.get(i) == null) {
                    s.set(i, RecordStatus.RETRY);
                    why.set(i, "timeout: no callback");
                }
            }
        }
        if (s.contains(RecordStatus.TOPIC_MISSING)) {
            confirmMissing(topic, s, why);
        }
        ClientLogProvider.poll(); // ends the client's warning streak in the log once it has been quiet
        return new SendResult(s, null, why, 0);
    }

    /**
     * The producer suspects the topic is missing: only the cluster's word makes it so. Otherwise the records are
     * retried with the ordinary back-off rather than the long missing-topic one.
     */
    private void confirmMissing(String topic, List<RecordStatus> s, List<String> why) throws InterruptedException {
        TopicCheck.Answer answer = topicCheck.check(topic);
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i) != RecordStatus.TOPIC_MISSING) {
                continue;
            }
            if (answer.state() == TopicCheck.State.MISSING) {
                why.set(i, why.get(i) + "; " + answer.detail());
            } else {
                s.set(i, RecordStatus.RETRY);
                why.set(i, why.get(i) + " (" + answer.detail() + ": not taken for a missing topic, retrying)");
            }
        }
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

    /**
     * What an exception from the producer suggests. {@link RecordStatus#TOPIC_MISSING} is only a suspicion
     * (a topic the cluster does not know, or metadata that did not come in time); {@link #send} confirms it with
     * the cluster before reporting it. {@link RecordStatus#REJECTED} (dead letter) only where the broker refused
     * the record itself; anything else is retried, since nothing accepted may be lost.
     */
    static RecordStatus classify(Throwable e) {
        if (e instanceof InterruptException || e instanceof IllegalStateException) {
            // Our own state (a lane interrupted, the producer closing), not the record's fault: keep it.
            return RecordStatus.RETRY;
        }
        Throwable t = e instanceof KafkaException && e.getCause() != null && !(e instanceof RetriableException)
                ? e.getCause()
                : e;
        if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
            return RecordStatus.AUTH_FAILED;
        }
        if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException) {
            return RecordStatus.TOO_LARGE;
        }
        if (t instanceof UnknownTopicOrPartitionException
                || (t instanceof TimeoutException
                        && String.valueOf(t.getMessage()).contains("not present in metadata"))) {
            return RecordStatus.TOPIC_MISSING;
        }
        if (t instanceof RetriableException || t instanceof TimeoutException) {
            return RecordStatus.RETRY;
        }
        if (t instanceof OutOfOrderSequenceException
                || t instanceof ProducerFencedException
                || t instanceof InvalidProducerEpochException
                || t instanceof UnsupportedVersionException) {
            // The producer's session or the broker's version, not the record: resending through a new session works
            // or keeps failing visibly, while dead-lettering would park every record.
            return RecordStatus.RETRY;
        }
        if (t instanceof ApiException || t instanceof SerializationException) {
            return RecordStatus.REJECTED; // the broker refused this record (invalid, policy): resending cannot help
        }
        return RecordStatus.RETRY;
    }

    /** The library's own words: exception class and message. */
    static String reason(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        topicCheck.close();
        producer.close(Duration.ofSeconds(5));
    }
}

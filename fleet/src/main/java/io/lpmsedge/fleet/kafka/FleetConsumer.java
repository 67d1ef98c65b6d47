package io.lpmsedge.fleet.kafka;

import io.lpmsedge.fleet.FleetState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the status and verdict topics into a {@link FleetState}. No consumer group and no commits: every fleet
 * instance rebuilds its own view at start (status from the beginning, verdicts from {@code history} ago) and
 * then follows the topics. Partitions (and topics created later) are looked up again every
 * {@link #REFRESH} so a topic made after the fleet started is picked up. One thread; {@link #close()} wakes it.
 */
public final class FleetConsumer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetConsumer.class);
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final FleetTopics topics;
    private final FleetState state;
    private final Clock clock;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<TopicPartition, Long> catchUpTo = new HashMap<>();
    private final Set<String> missingLogged = new HashSet<>();
    private volatile boolean closed;

    /** @param properties bootstrap servers and any security settings; deserializers and group are set here */
    public FleetConsumer(Properties properties, FleetTopics topics, FleetState state, Clock clock) {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.putIfAbsent(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "lpms-edge-fleet");
        this.consumer = new KafkaConsumer<>(p);
        this.topics = topics;
        this.state = state;
        this.clock = clock;
    }

    @Override
    public void run() {
        long nextRefresh = 0;
        try {
            while (!closed) {
                if (System.nanoTime() >= nextRefresh) {
                    refreshAssignment();
                    nextRefresh = System.nanoTime() + REFRESH.toNanos();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    dispatch(r);
                }
                checkCaughtUp();
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (KafkaException e) {
            // authorization, an unknown SASL mechanism, …: the broker's own words, then the command exits 1
            LOG.error("the fleet's Kafka consumer stops: {}", e.getMessage());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> r) {
        String where = r.topic() + "/" + r.partition() + "@" + r.offset();
        if (r.topic().equals(topics.status())) {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            state.status(key, r.value(), r.timestamp(), where);
        } else {
            state.verdict(r.topic().equals(topics.clusterVerdicts()), r.value(), r.timestamp(), where);
        }
    }

    private void refreshAssignment() {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : List.of(topics.status(), topics.verdicts(), topics.clusterVerdicts())) {
            List<PartitionInfo> parts;
            try {
                parts = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (KafkaException e) {
                LOG.warn("cannot look up topic {}: {}", topic, e.getMessage());
                continue;
            }
            if (parts == null || parts.isEmpty()) {
                if (missingLogged.add(topic)) {
                    LOG.warn(
                            "topic {} does not exist (yet); looking again every {} s (docs/fleet.md \"Topics\")",
                            topic,
                            REFRESH.toSeconds());
                }
                continue;
            }
            for (PartitionInfo pi : parts) {
                TopicPartition tp = new TopicPartition(topic, pi.partition());
                if (!assigned.contains(tp)) {
                    added.add(tp);
                }
            }
        }
        if (added.isEmpty()) {
            if (catchUpTo.isEmpty()) {
                state.caughtUp(); // nothing to replay: every topic is missing or empty
            }
            return;
        }
        try {
            startReading(added);
        } catch (KafkaException e) {
            // the broker went away between lookup and seek: forget these partitions, try again next refresh
            LOG.warn("cannot start reading {}: {}; trying again in {} s", added, e.getMessage(), REFRESH.toSeconds());
            assigned.removeAll(added);
            added.forEach(catchUpTo::remove);
            consumer.assign(assigned);
        }
    }

    private void startReading(List<TopicPartition> added) {
        assigned.addAll(added);
        consumer.assign(assigned);
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = clock.millis() - topics.history().toMillis();
        for (TopicPartition tp : added) {
            if (tp.topic().equals(topics.status())) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                since.put(tp, from);
            }
        }
        if (!since.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofSeconds(10));
            for (TopicPartition tp : since.keySet()) {
                OffsetAndTimestamp o = offsets.get(tp);
                if (o == null) {
                    consumer.seekToEnd(List.of(tp));
                } else {
                    consumer.seek(tp, o.offset());
                }
            }
        }
        catchUpTo.putAll(consumer.endOffsets(added, Duration.ofSeconds(10)));
        LOG.info(
                "reading {} partition(s) of {}, {}, {}",
                assigned.size(),
                topics.status(),
                topics.verdicts(),
                topics.clusterVerdicts());
    }

    private void checkCaughtUp() {
        if (catchUpTo.isEmpty()) {
            return;
        }
        catchUpTo.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        if (catchUpTo.isEmpty()) {
            state.caughtUp();
            LOG.info("fleet rebuilt from the topics");
        }
    }

    /** Ends {@link #run()} (from another thread). */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }
}

package io.lpmsedge.scoreservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.testsupport.Await;
import io.lpmsedge.testsupport.KafkaRead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The shared embedded broker, seen the way the service's users see it: a producer, a reader, group offsets. */
final class TestKafka implements AutoCloseable {
    static final DevStack STACK = DevStack.shared();
    private static final ObjectMapper JSON = new ObjectMapper();

    final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    TestKafka() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        admin = Admin.create(a);
    }

    static String bootstrap() {
        return STACK.kafka().bootstrapServers();
    }

    void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    void flush() {
        producer.flush();
    }

    /** Settings for one instance of the service in a test. */
    static ServiceSettings settings(String in, String out, String group, Emit emit) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return new ServiceSettings(in, out, c, p, emit, Optional.of(Duration.ofSeconds(60)));
    }

    /** Waits until the group has committed every partition of {@code topic} up to its end. */
    void awaitAllCommitted(String group, String topic, Duration timeout) throws Exception {
        // the broker and the group work on their own threads: there is nothing to latch on
        Await.until(
                () -> {
                    try {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get();
                        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
                        for (TopicPartition tp : partitions(topic)) {
                            ask.put(tp, OffsetSpec.latest());
                        }
                        var ends = admin.listOffsets(ask).all().get();
                        for (TopicPartition tp : ask.keySet()) {
                            OffsetAndMetadata c = committed.get(tp);
                            long end = ends.get(tp).offset();
                            if (end > 0 && (c == null || c.offset() < end)) {
                                return false;
                            }
                        }
                        return true;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                timeout,
                "group " + group + " to commit all of " + topic);
    }

    List<TopicPartition> partitions(String topic) throws Exception {
        List<TopicPartition> out = new ArrayList<>();
        int n = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
        for (int i = 0; i < n; i++) {
            out.add(new TopicPartition(topic, i));
        }
        return out;
    }

    /** Every record now on {@code topic}, values as JSON, in partition order. */
    List<JsonNode> readAll(String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaRead.all(bootstrap(), topic, Duration.ofSeconds(30))) {
            JsonNode n = json(r.value());
            String key = KafkaRead.utf8(r.key());
            if (!key.equals(n.get("sensor").asText())) {
                throw new AssertionError("event keyed " + key + " for sensor " + n.get("sensor"));
            }
            out.add(n);
        }
        return out;
    }

    static JsonNode json(byte[] v) {
        try {
            return JSON.readTree(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}

package io.lpmsedge.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.testsupport.KafkaRead;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {
    final DevStack stack = DevStack.shared();
    final EmbeddedKafka kafka = stack.kafka();

    static KafkaProducer<String, String> producer(EmbeddedKafka k) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return new KafkaProducer<>(p);
    }

    @Test
    void topicsAreCreatedExplicitlyAndNeverAutomatically() {
        String topic = stack.newTopic("created", 4);
        assertEquals(Optional.of(4), kafka.partitionCount(topic));
        kafka.createTopic(topic, 4); // a racing second create of the same topic is fine
        assertEquals(Optional.empty(), kafka.partitionCount("never-created"));
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));
    }

    @Test
    void aRestartKeepsPortsDataAndClusterId() throws Exception {
        String topic = stack.newTopic("restart", 2);
        try (KafkaProducer<String, String> p = producer(kafka)) {
            p.send(new ProducerRecord<>(topic, "sensor-1", "before")).get();
        }
        String bootstrap = kafka.bootstrapServers();
        String id = kafka.clusterId();
        kafka.stop();
        assertFalse(kafka.isRunning());
        kafka.restart();
        assertTrue(kafka.isRunning());
        assertEquals(bootstrap, kafka.bootstrapServers());
        assertEquals(id, kafka.clusterId());
        try (KafkaProducer<String, String> p = producer(kafka)) {
            p.send(new ProducerRecord<>(topic, "sensor-1", "after")).get();
        }
        assertEquals(
                List.of("before", "after"),
                KafkaRead.untilCount(kafka.bootstrapServers(), topic, 2, Duration.ofSeconds(30)).stream()
                        .map(c -> KafkaRead.utf8(c.value()))
                        .toList());
        // The stand-in's producer reconnects by itself: same port, same cluster.
        stack.restProxy().reset();
        HttpResponse<String> r = Http.post(
                stack.restProxy().v3RecordsUrl(topic), "application/json", V3ProduceTest.stringRecord("sensor-1", "1"));
        assertEquals(
                200, V3ProduceTest.reports(r.body()).get(0).get("error_code").asInt(), r.body());
    }
}

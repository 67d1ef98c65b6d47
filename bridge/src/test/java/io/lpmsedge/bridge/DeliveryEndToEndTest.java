package io.lpmsedge.bridge;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sensors (simulated, over TCP) → bridge → spool → sink → a real Kafka broker, consumed back with a plain
 * KafkaConsumer: every seq of every sensor arrives, in order per sensor, each sensor on one partition.
 */
class DeliveryEndToEndTest {
    static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @TempDir
    Path dir;

    @BeforeEach
    void resetStandIn() {
        DevStack.shared().restProxy().reset();
    }

    BridgeConfig config(String topic, String sinkToml, SimulatedSensors sim) throws Exception {
        return new ConfigLoader(Map.of()).parse("""
                [bridge]
                name = "e2e"
                [link]
                backoff_initial_ms = 20
                [[sensor]]
                name = "arm-1"
                link = "%s"
                outputs = ["acc", "gyro"]
                [[sensor]]
                name = "arm-2"
                link = "%s"
                outputs = ["acc"]
                [spool]
                dir = "%s"
                fsync_interval_ms = 20
                [record]
                readings_topic = "%s"
                """.formatted(sim.link(0), sim.link(1), dir.resolve("spool"), topic) + sinkToml, "e2e.toml");
    }

    /** Every record of the topic, by key, in partition order. */
    static Map<String, List<Long>> consume(String topic, long atLeast) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.shared().kafka().bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, List<Long>> bySensor = new HashMap<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long count = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (count < atLeast && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Matcher m = SEQ.matcher(r.value());
                    assertTrue(m.find(), r.value());
                    bySensor.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Long.parseLong(m.group(1)));
                    Integer before = partitionOf.putIfAbsent(r.key(), r.partition());
                    assertTrue(before == null || before == r.partition(), "a sensor stays on one partition");
                    assertTrue(r.value().contains("\"sensor\":\"" + r.key() + "\""), "key = sensor name");
                    count++;
                }
            }
        }
        return bySensor;
    }

    /** Each sensor's seqs are 0..n-1 in order; duplicates (at-least-once) are allowed only as repeats in place. */
    static void assertCompleteAndOrdered(Map<String, List<Long>> bySensor, Map<String, Long> readBySensor) {
        for (Map.Entry<String, Long> e : readBySensor.entrySet()) {
            List<Long> seqs = bySensor.getOrDefault(e.getKey(), List.of());
            long expectNext = 0;
            for (long s : seqs) {
                assertTrue(s <= expectNext, e.getKey() + ": seq " + s + " arrived before " + expectNext + " (order or loss)");
                expectNext = Math.max(expectNext, s + 1);
            }
            assertEquals(e.getValue(), expectNext, e.getKey() + ": every reading the bridge read arrived");
        }
    }

    Map<String, Long> runBridge(BridgeConfig config, long readings, Runnable midway) throws Exception {
        Delivery delivery = Delivery.open(config.delivery(), Clock.systemUTC());
        Bridge bridge = new Bridge(config, new SensorLinks(config.link(), null), delivery, List.of(), Clock.systemUTC());
        bridge.start();
        BridgeAgainstSimulatorTest.await(() -> bridge.sessions().stream().mapToLong(s -> s.counters().readings()).sum()
                >= readings / 2, "first half of the readings");
        midway.run();
        BridgeAgainstSimulatorTest.await(() -> bridge.sessions().stream().mapToLong(s -> s.counters().readings()).sum()
                >= readings, "the readings");
        assertTrue(bridge.stop(Duration.ofSeconds(20)), "clean stop, spool drained");
        Map<String, Long> read = new HashMap<>();
        bridge.sessions().forEach(s -> read.put(s.name(), s.counters().readings()));
        for (Sender s : delivery.senders()) {
            assertEquals(0, delivery.spool().pending(s.name()), "nothing left pending after the drain");
            assertEquals(0, s.counters().deadLettered());
        }
        return read;
    }

    /** Two simulated sensors through the bridge and {@code sinkToml} into a fresh topic, checked from Kafka. */
    void deliverAndCheck(String topicPrefix, String sinkToml, long readings, Runnable midway) throws Exception {
        String topic = DevStack.shared().newTopic(topicPrefix, 3);
        try (SimulatedSensors sim = SimulatedSensors.tcp(2, SensorMode.STREAM, LinkFaultConfig.NONE, 4,
                Double.POSITIVE_INFINITY)) {
            Map<String, Long> read = runBridge(config(topic, sinkToml, sim), readings, midway);
            assertCompleteAndOrdered(consume(topic, read.values().stream().mapToLong(Long::longValue).sum()), read);
        }
    }

    @Test
    void throughTheRestProxyV3IntoKafka() throws Exception {
        deliverAndCheck("e2e-v3", """
                [[sink]]
                name = "proxy"
                type = "rest-proxy"
                url = "%s"
                api = "v3"
                linger_ms = 10
                """.formatted(DevStack.shared().restProxy().baseUrl()), 600, () -> { });
    }

    @Test
    void throughTheRestProxyV2WithAnOutageInTheMiddle() throws Exception {
        deliverAndCheck("e2e-v2", """
                [[sink]]
                name = "proxy"
                type = "rest-proxy"
                url = "%s"
                api = "v2"
                linger_ms = 10
                retry_backoff_initial_ms = 20
                retry_backoff_max_ms = 200
                """.formatted(DevStack.shared().restProxy().baseUrl()), 1200, () -> {
            // The proxy goes away for a second of wall time (4 s of sensor time) and comes back: the length of
            // the outage is the point of this sleep, not a wait for something.
            DevStack.shared().restProxy().stop();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            DevStack.shared().restProxy().start();
        });
    }

    @Test
    void throughTheKafkaProducer() throws Exception {
        deliverAndCheck("e2e-kafka", """
                [[sink]]
                name = "kafka"
                type = "kafka"
                bootstrap_servers = "%s"
                linger_ms = 10
                """.formatted(DevStack.shared().kafka().bootstrapServers()), 600, () -> { });
    }
}

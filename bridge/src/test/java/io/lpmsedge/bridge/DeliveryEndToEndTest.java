package io.lpmsedge.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.record.RecordDecoder;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.testsupport.KafkaRead;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensors (simulated, over TCP) → bridge → spool → sink → a real Kafka broker, consumed back with a plain
 * KafkaConsumer: every seq of every sensor arrives, in order per sensor, each sensor on one partition.
 */
class DeliveryEndToEndTest {

    @TempDir
    Path dir;
    /** {@code [record] format} of the bridge under test. */
    String format = "json";

    @BeforeEach
    void resetStandIn() {
        DevStack.shared().restProxy().reset();
    }

    BridgeConfig config(String topic, String sinkToml, SimulatedSensors sim) throws Exception {
        return new ConfigLoader(Map.of())
                .parse(
                        """
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
                format = "%s"
                """.formatted(sim.link(0), sim.link(1), dir.resolve("spool"), topic, format) + sinkToml,
                        "e2e.toml");
    }

    /**
     * Every record of the topic, by key, in partition order (duplicates kept, for the order check), and the
     * number of duplicates a consumer deduping on (sensor, bootId, seq) removes. Values are read with the
     * bridge's {@link RecordDecoder}, so JSON and CBOR topics are checked alike.
     */
    record Consumed(Map<String, List<Long>> bySensor, long duplicates) {}

    static Consumed consume(String topic, long atLeast) {
        Map<String, List<Long>> bySensor = new HashMap<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        Set<String> seen = new HashSet<>();
        RecordDecoder decoder = new RecordDecoder();
        Function<ConsumerRecord<byte[], byte[]>, String> identity = r -> {
            Lineage l = decoder.decode(r.value()).lineage();
            return l.sensorName() + "/" + l.bootId() + "/" + l.seq();
        };
        long duplicates = 0;
        // Gives up only after 20 s without a new record (KafkaRead's patience): the hour-long run
        // (docs/delivery.md#long-runs) reads back millions, longer than any fixed deadline that suits the short runs.
        List<ConsumerRecord<byte[], byte[]>> records;
        try (KafkaRead read = KafkaRead.fromBeginning(DevStack.shared().kafka().bootstrapServers(), topic)) {
            records = read.untilDistinct(atLeast, identity, Duration.ofSeconds(20));
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = KafkaRead.utf8(r.key());
            Lineage l = decoder.decode(r.value()).lineage();
            assertEquals(key, l.sensorName(), "key = sensor name");
            bySensor.computeIfAbsent(key, k -> new ArrayList<>()).add(l.seq());
            Integer before = partitionOf.putIfAbsent(key, r.partition());
            assertTrue(before == null || before == r.partition(), "a sensor stays on one partition");
            if (!seen.add(identity.apply(r))) {
                duplicates++;
            }
        }
        System.out.printf(
                "%s: %d unique readings, %d duplicates removed on (sensor, bootId, seq)%n",
                topic, seen.size(), duplicates);
        return new Consumed(bySensor, duplicates);
    }

    /** Each sensor's seqs are 0..n-1 in order; duplicates (at-least-once) are allowed only as repeats in place. */
    static void assertCompleteAndOrdered(Map<String, List<Long>> bySensor, Map<String, Long> readBySensor) {
        for (Map.Entry<String, Long> e : readBySensor.entrySet()) {
            List<Long> seqs = bySensor.getOrDefault(e.getKey(), List.of());
            long expectNext = 0;
            for (long s : seqs) {
                assertTrue(
                        s <= expectNext,
                        e.getKey() + ": seq " + s + " arrived before " + expectNext + " (order or loss)");
                expectNext = Math.max(expectNext, s + 1);
            }
            assertEquals(e.getValue(), expectNext, e.getKey() + ": every reading the bridge read arrived");
        }
    }

    /** The delivery of the bridge {@link #runBridge} runs, for what {@code midway} wants to watch. */
    volatile Delivery running;

    Map<String, Long> runBridge(BridgeConfig config, long readings, Runnable midway) throws Exception {
        Delivery delivery = Delivery.open(config.delivery(), BridgeSinks.kinds(), Clock.systemUTC());
        running = delivery;
        Bridge bridge =
                new Bridge(config, new SensorLinks(config.link(), null), delivery, List.of(), Clock.systemUTC());
        bridge.start();
        BridgeAgainstSimulatorTest.await(
                () -> bridge.sessions().stream()
                                .mapToLong(s -> s.counters().readings())
                                .sum()
                        >= readings / 2,
                "first half of the readings");
        midway.run();
        BridgeAgainstSimulatorTest.await(
                () -> bridge.sessions().stream()
                                .mapToLong(s -> s.counters().readings())
                                .sum()
                        >= readings,
                "the readings");
        // a long outage (docs/delivery.md#long-runs) leaves a long backlog: give the drain time in proportion
        Duration drain = Duration.ofSeconds(20).plusMillis(2 * Long.getLong("lpmsedge.outage.ms", 0));
        assertTrue(bridge.stop(drain), "clean stop, spool drained");
        Map<String, Long> read = new HashMap<>();
        bridge.sessions().forEach(s -> read.put(s.name(), s.counters().readings()));
        for (Sender s : delivery.senders()) {
            assertEquals(0, delivery.spool().pending(s.name()), "nothing left pending after the drain");
            assertEquals(0, s.counters().deadLettered());
        }
        return read;
    }

    /** Two simulated sensors through the bridge and {@code sinkToml} into a fresh topic, checked from Kafka. */
    /** @return the duplicates a consumer removed */
    long deliverAndCheck(String topicPrefix, String sinkToml, long readings, Runnable midway) throws Exception {
        String topic = DevStack.shared().newTopic(topicPrefix, 3);
        try (SimulatedSensors sim =
                SimulatedSensors.tcp(2, SensorMode.STREAM, LinkFaultConfig.NONE, 4, Double.POSITIVE_INFINITY)) {
            Map<String, Long> read = runBridge(config(topic, sinkToml, sim), readings, midway);
            Consumed consumed = consume(
                    topic, read.values().stream().mapToLong(Long::longValue).sum());
            assertCompleteAndOrdered(consumed.bySensor(), read);
            return consumed.duplicates();
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
                """.formatted(DevStack.shared().restProxy().baseUrl()), 600, () -> {});
    }

    @Test
    void throughTheRestProxyV2WithAnOutageInTheMiddle() throws Exception {
        deliverAndCheck("e2e-v2", """
                [[sink]]
                name = "proxy"
                type = "rest-proxy"
                url = "%s"
                api = "v2"
                embedded_format = "binary"
                linger_ms = 10
                retry_backoff_initial_ms = 20
                retry_backoff_max_ms = 200
                """.formatted(DevStack.shared().restProxy().baseUrl()), 1200, () -> {
            // The proxy goes away for a second of wall time (4 s of sensor time) and comes back: the length of
            // the outage is the point of this sleep, not a wait for something. The long run (docs/delivery.md)
            // sets -Dlpmsedge.outage.ms=3600000: an hour with the sensors streaming into the spool.
            DevStack.shared().restProxy().stop();
            try {
                Thread.sleep(Long.getLong("lpmsedge.outage.ms", 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            DevStack.shared().restProxy().start();
            // The catch-up, for the record (the long run's figure is in BENCHMARKS.md): the backlog drained
            // while the sensors go on streaming.
            Delivery d = running;
            long backlog = d.spool().pending("proxy");
            long t0 = System.nanoTime();
            long deadline = t0
                    + Duration.ofSeconds(20)
                            .plusMillis(2 * Long.getLong("lpmsedge.outage.ms", 0))
                            .toNanos();
            long drained = Math.max(500, backlog / 20); // what streaming keeps in flight anyway
            while (d.spool().pending("proxy") >= drained && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "outage catch-up: %d records pending when the proxy came back, drained in %.1f s "
                            + "(%.0f records/s) while the sensors streamed on%n",
                    backlog, s, backlog / s);
        });
    }

    @Test
    void throughTheKafkaProducer() throws Exception {
        long duplicates = deliverAndCheck(
                "e2e-kafka", """
                [[sink]]
                name = "kafka"
                type = "kafka"
                bootstrap_servers = "%s"
                linger_ms = 10
                """.formatted(DevStack.shared().kafka().bootstrapServers()), 600, () -> {});
        assertEquals(0, duplicates, "an idempotent producer without faults writes each reading once");
    }

    @Test
    void cborRecordsThroughTheRestProxyV3AndTheKafkaProducer() throws Exception {
        String toml = """
                [[sink]]
                name = "proxy"
                type = "rest-proxy"
                url = "%s"
                linger_ms = 10
                """.formatted(DevStack.shared().restProxy().baseUrl());
        format = "cbor";
        assertEquals(0, deliverAndCheck("e2e-cbor-v3", toml, 600, () -> {}));
    }
}

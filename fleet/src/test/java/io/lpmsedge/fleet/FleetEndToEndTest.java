package io.lpmsedge.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.devstack.RestProxyStandIn;
import io.lpmsedge.devstack.StandInOptions;
import io.lpmsedge.fleet.cli.FleetService;
import io.lpmsedge.fleet.kafka.FleetTopics;
import io.lpmsedge.record.status.StatusEvent;
import io.lpmsedge.record.status.StatusEventJson;
import io.lpmsedge.simulator.scenario.Scenario;
import io.lpmsedge.testsupport.KafkaRead;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real bridge reading simulated sensors publishes status events through a REST Proxy stand-in into the
 * shared embedded broker; the fleet service reads them and answers over HTTP. The proxy going away makes the
 * bridge silent (as a killed Pi would be): OFFLINE after 3 intervals, back when it returns, and the outage
 * leaves one waiting status event, not a pile. A second fleet instance rebuilds the same view from the topics.
 */
class FleetEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static Properties kafka() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.shared().kafka().bootstrapServers());
        return p;
    }

    static FleetTopics fleetTopics(SimulatedPi.FleetTopicsForTest t) {
        return new FleetTopics(
                t.status(), t.verdicts(), DevStack.shared().newTopic("cluster-verdicts", 1), Duration.ofHours(1));
    }

    @Test
    void aBridgeIsSeenGoesSilentComesBackAndStopsAndAFreshFleetRebuildsItFromTheTopics() throws Exception {
        SimulatedPi.FleetTopicsForTest topics = TestTopics.fresh();
        FleetTopics fleetTopics = fleetTopics(topics);
        // its own proxy, so taking it away cuts only this bridge off
        RestProxyStandIn proxy = RestProxyStandIn.start(DevStack.shared().kafka(), StandInOptions.defaults());
        try (SimulatedPi pi = new SimulatedPi(
                        "line-1",
                        List.of("arm-1", "arm-2"),
                        List.of(Scenario.ok(), Scenario.ok()),
                        1,
                        false,
                        proxy.baseUrl(),
                        topics,
                        dir);
                FleetService fleet = FleetService.start(
                        kafka(), fleetTopics, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC())) {
            pi.startBridge();
            String boot = pi.bridge().bootId();
            FleetApi api = new FleetApi(fleet.port());
            JsonNode online = api.await(
                    f -> {
                        JsonNode b = FleetApi.bridge(f, "line-1");
                        return b.path("state").asText().equals("ONLINE")
                                && b.path("machines").size() == 2
                                && b.path("machines")
                                        .get(0)
                                        .path("link")
                                        .asText()
                                        .equals("STREAMING")
                                && b.path("machines")
                                        .get(1)
                                        .path("link")
                                        .asText()
                                        .equals("STREAMING");
                    },
                    WAIT,
                    "line-1 ONLINE with both machines streaming");
            JsonNode line1 = FleetApi.bridge(online, "line-1");
            assertEquals(boot, line1.path("bootId").asText());
            assertEquals(1000, line1.path("intervalMs").asLong());
            assertEquals(
                    "NO DATA", line1.path("machines").get(0).path("display").asText());
            assertEquals("not scored", line1.path("machines").get(0).path("why").asText());
            assertTrue(line1.path("spool").path("maxBytes").asLong() > 0, line1.toString());
            assertTrue(api.get("/metrics").contains("lpms_edge_fleet_bridge_up{bridge=\"line-1\"} 1.0"));

            // bad input on the status topic: counted and listed, the fleet carries on
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                producer.send(new ProducerRecord<>(
                                topics.status(),
                                "x".getBytes(StandardCharsets.UTF_8),
                                "garbage, not JSON".getBytes(StandardCharsets.UTF_8)))
                        .get();
                String v2 = new String(
                                new StatusEventJson()
                                        .encode(new StatusEvent(
                                                "line-9",
                                                "b",
                                                "9",
                                                0,
                                                System.currentTimeMillis(),
                                                0,
                                                1000,
                                                "start",
                                                List.of(),
                                                null,
                                                List.of())),
                                StandardCharsets.UTF_8)
                        .replace("\"schema\":1", "\"schema\":2");
                producer.send(new ProducerRecord<>(
                                topics.status(),
                                "line-9".getBytes(StandardCharsets.UTF_8),
                                v2.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            JsonNode withProblems = api.await(
                    f -> f.path("problems")
                                            .path("byKind")
                                            .path("status/not-json")
                                            .asLong()
                                    == 1
                            && f.path("problems")
                                            .path("byKind")
                                            .path("status/unknown-schema")
                                            .asLong()
                                    == 1,
                    WAIT,
                    "the garbage and the schema-2 event counted");
            assertEquals(
                    "ONLINE",
                    FleetApi.bridge(withProblems, "line-1").path("state").asText());
            assertTrue(
                    api.get("/metrics")
                            .contains("lpms_edge_fleet_bad_records_total{kind=\"not-json\",topic=\"status\"} 1.0"),
                    api.get("/metrics"));

            // the network to the cluster goes away: the bridge is silent, as a killed one would be
            long outageStart = System.currentTimeMillis();
            proxy.stop();
            api.await(
                    f -> FleetApi.bridge(f, "line-1").path("state").asText().equals("OFFLINE")
                            && FleetApi.bridge(f, "line-1")
                                    .path("offlineReason")
                                    .asText()
                                    .equals("silent"),
                    WAIT,
                    "line-1 OFFLINE (silent)");
            Thread.sleep(3000); // several more status events are built while nothing gets through
            long outageEnd = System.currentTimeMillis();
            proxy.start();
            JsonNode back = api.await(
                    f -> FleetApi.bridge(f, "line-1").path("state").asText().equals("ONLINE"),
                    WAIT,
                    "line-1 ONLINE again");
            assertEquals(boot, FleetApi.bridge(back, "line-1").path("bootId").asText());
            assertEquals(0, FleetApi.bridge(back, "line-1").path("restarts").asLong());
            List<StatusEvent> events = statusEvents(topics.status(), "line-1");
            long builtDuringOutage = events.stream()
                    .filter(e -> e.timeMillis() > outageStart + 1500 && e.timeMillis() < outageEnd)
                    .count();
            assertTrue(
                    builtDuringOutage <= 1,
                    "only the newest waiting event is delivered after an outage, got " + builtDuringOutage + " of "
                            + (outageEnd - outageStart) / 1000 + " s");

            pi.stopBridge();
            api.await(
                    f -> FleetApi.bridge(f, "line-1")
                            .path("offlineReason")
                            .asText()
                            .equals("stopped"),
                    WAIT,
                    "line-1 OFFLINE (stopped) after a clean stop");
        } finally {
            proxy.close();
        }
        // a new fleet instance knows all of it from the topics alone
        try (FleetService fresh =
                FleetService.start(kafka(), fleetTopics, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC())) {
            JsonNode rebuilt = new FleetApi(fresh.port())
                    .await(
                            f -> f.path("caughtUp").asBoolean()
                                    && FleetApi.bridge(f, "line-1")
                                            .path("offlineReason")
                                            .asText()
                                            .equals("stopped"),
                            WAIT,
                            "the rebuilt view");
            assertEquals(2, FleetApi.bridge(rebuilt, "line-1").path("machines").size());
        }
    }

    @Test
    void throughTheKafkaProducerSinkToo() throws Exception {
        SimulatedPi.FleetTopicsForTest topics = TestTopics.fresh();
        FleetTopics fleetTopics = fleetTopics(topics);
        try (SimulatedPi pi = new SimulatedPi(
                                "line-2", List.of("arm-1"), List.of(Scenario.ok()), 1, false, "unused", topics, dir)
                        .withSinks("""
                        [[sink]]
                        name = "direct"
                        type = "kafka"
                        bootstrap_servers = "%s"
                        """.formatted(DevStack.shared().kafka().bootstrapServers()));
                FleetService fleet = FleetService.start(
                        kafka(), fleetTopics, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC())) {
            pi.startBridge();
            FleetApi api = new FleetApi(fleet.port());
            JsonNode seen = api.await(
                    f -> FleetApi.bridge(f, "line-2").path("state").asText().equals("ONLINE")
                            && FleetApi.bridge(f, "line-2")
                                    .path("machines")
                                    .path(0)
                                    .path("link")
                                    .asText()
                                    .equals("STREAMING"),
                    WAIT,
                    "line-2 ONLINE through the Kafka producer sink");
            assertEquals(
                    "direct",
                    FleetApi.bridge(seen, "line-2")
                            .path("sinks")
                            .path(0)
                            .path("name")
                            .asText());
            pi.stopBridge();
            api.await(
                    f -> FleetApi.bridge(f, "line-2")
                            .path("offlineReason")
                            .asText()
                            .equals("stopped"),
                    WAIT,
                    "line-2 stopped");
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = kafka();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Every status event of {@code bridge} on the topic, in order. */
    static List<StatusEvent> statusEvents(String topic, String bridge) throws Exception {
        List<StatusEvent> out = new ArrayList<>();
        StatusEventJson json = new StatusEventJson();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaRead.all(DevStack.shared().kafka().bootstrapServers(), topic, WAIT)) {
            try {
                StatusEvent e = json.decode(r.value());
                if (e.bridge().equals(bridge)) {
                    out.add(e);
                }
            } catch (io.lpmsedge.record.status.StatusFormatException ignored) {
                // the test's own garbage
            }
        }
        return out;
    }
}

package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.devstack.Flavour;
import io.lpmsedge.devstack.HttpFault;
import io.lpmsedge.devstack.RecordFault;
import io.lpmsedge.devstack.RestProxyStandIn;
import io.lpmsedge.devstack.StandInOptions;
import io.lpmsedge.testsupport.Await;
import io.lpmsedge.testsupport.KafkaRead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sink's contract, end to end over real HTTP into a real broker, against both flavours of the devstack
 * stand-in: Confluent's REST Proxy (v2 and v3) and Strimzi's HTTP Bridge (v2 only, HTTP-style codes, a slow
 * metadata wait for a missing topic). Each row must hold for every proxy the sink supports.
 */
class RestProxyContractTest {
    static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    static final SenderConfig FAST = new SenderConfig(
            10,
            1 << 20,
            Duration.ZERO,
            Duration.ofMillis(10),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(100));
    static RestProxyStandIn strimzi;

    /** A proxy and the API the sink speaks to it. */
    enum Mode {
        CONFLUENT_V2(Flavour.CONFLUENT, RestProxyConfig.Api.V2),
        CONFLUENT_V3(Flavour.CONFLUENT, RestProxyConfig.Api.V3),
        STRIMZI_V2(Flavour.STRIMZI, RestProxyConfig.Api.V2);

        final Flavour flavour;
        final RestProxyConfig.Api api;

        Mode(Flavour flavour, RestProxyConfig.Api api) {
            this.flavour = flavour;
            this.api = api;
        }

        RestProxyStandIn standIn() {
            return flavour == Flavour.STRIMZI ? strimzi : DevStack.shared().restProxy();
        }
    }

    @TempDir
    Path dir;

    Spool spool;
    Sender sender;
    Thread thread;
    DeadLetterFile deadLetters;

    @BeforeAll
    static void startStrimzi() {
        // Strimzi's producer waits 60 s for a missing topic's metadata; 3 s keeps the shape and the suite short.
        strimzi = RestProxyStandIn.start(
                DevStack.shared().kafka(),
                StandInOptions.defaults().withFlavour(Flavour.STRIMZI).withMaxBlock(Duration.ofSeconds(3)));
    }

    @AfterAll
    static void stopStrimzi() {
        strimzi.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (sender != null) {
            sender.stop(Duration.ZERO);
            thread.join(5000);
        }
        if (spool != null) {
            spool.close();
        }
        DevStack.shared().restProxy().reset();
        strimzi.reset();
    }

    static RestProxyConfig config(Mode mode, Duration timeout) {
        return RestProxyConfig.builder(mode.standIn().baseUrl())
                .api(mode.api)
                .requestTimeout(timeout)
                .build();
    }

    /** {@code n} JSON records of keys a and b into a fresh topic, and a sender delivering them. */
    String deliver(Mode mode, int n) throws Exception {
        String topic = DevStack.shared().newTopic("contract-" + mode.name().toLowerCase(), 2);
        spool = Spool.open(
                new SpoolConfig(
                        dir.resolve("spool"),
                        1 << 20,
                        1 << 16,
                        Duration.ZERO,
                        Duration.ZERO,
                        SpoolFullPolicy.DROP_OLDEST),
                List.of("proxy"),
                Clock.systemUTC());
        List<SpoolEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new SpoolEntry(
                    topic,
                    i % 2 == 0 ? "a" : "b",
                    ("{\"schema\":1,\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        spool.append(entries);
        deadLetters = new DeadLetterFile(dir.resolve("dead-letter-proxy.jsonl"));
        sender = new Sender(
                new RestProxySink("proxy", config(mode, Duration.ofSeconds(5)), true),
                spool,
                FAST,
                deadLetters,
                Clock.systemUTC(),
                new SplittableRandom(1));
        thread = new Thread(sender, "sender");
        thread.start();
        return topic;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(30), what);
    }

    /** Seqs by key as Kafka holds them (the key as stored: raw, or a JSON string for the v2 json format). */
    static Map<String, List<Integer>> consume(String topic, int atLeast) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaRead.untilCount(
                DevStack.shared().kafka().bootstrapServers(), topic, atLeast, Duration.ofSeconds(20))) {
            Matcher m = SEQ.matcher(new String(r.value(), StandardCharsets.UTF_8));
            assertTrue(m.find(), "a JSON reading, as sent: " + new String(r.value(), StandardCharsets.UTF_8));
            byKey.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(Integer.parseInt(m.group(1)));
        }
        return byKey;
    }

    static List<Integer> seqsOf(Map<String, List<Integer>> byKey, Mode mode, String key) {
        // v2 with the json embedded format stores the key as JSON text: "a" with its quotes (both proxies do).
        return byKey.getOrDefault(mode.api == RestProxyConfig.Api.V2 ? "\"" + key + "\"" : key, List.of());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void deliversEveryRecordInOrderAsReadableJson(Mode mode) throws Exception {
        String topic = deliver(mode, 20);
        await(() -> spool.ackedOffset("proxy") >= 20, "all 20 acknowledged");
        Map<String, List<Integer>> byKey = consume(topic, 20);
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18), seqsOf(byKey, mode, "a"), byKey.toString());
        assertEquals(List.of(1, 3, 5, 7, 9, 11, 13, 15, 17, 19), seqsOf(byKey, mode, "b"), byKey.toString());
        assertEquals(0, sender.counters().deadLettered());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aNonRetryablePerRecordErrorIsDeadLetteredNotRetried(Mode mode) throws Exception {
        // Confluent reports it as 50002, Strimzi as 500 with the Kafka exception's text.
        mode.standIn()
                .faults()
                .failRecords(
                        RecordFault.atOrdinals(50002, 3).withMessage("InvalidRecordException: this record is invalid"));
        String topic = deliver(mode, 10);
        await(() -> spool.ackedOffset("proxy") >= 10, "all acknowledged");
        assertEquals(1, sender.counters().deadLettered());
        assertTrue(Files.readAllLines(deadLetters.path()).get(0).contains("\"spoolOffset\":3"));
        Map<String, List<Integer>> byKey = consume(topic, 9);
        assertFalse(seqsOf(byKey, mode, "b").contains(3), "never written");
        assertEquals(
                9, seqsOf(byKey, mode, "a").size() + seqsOf(byKey, mode, "b").size(), byKey.toString());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRetryablePerRecordErrorIsResentInOrder(Mode mode) throws Exception {
        // Confluent 50003, Strimzi 500 "Expiring …": both passing; the key's later records go again after it.
        mode.standIn().faults().failRecords(RecordFault.atOrdinals(50003, 2));
        String topic = deliver(mode, 10);
        await(() -> spool.ackedOffset("proxy") >= 10, "all acknowledged");
        assertEquals(0, sender.counters().deadLettered());
        List<Integer> a = seqsOf(consume(topic, 12), mode, "a");
        // Record 2 failed alone (4, 6, 8 were written after it in that request): the sender resends 2 and
        // every later record of key a, so a consumer keeping the last copy of each seq reads them in order.
        assertEquals(List.of(2, 4, 6, 8), a.subList(a.lastIndexOf(2), a.size()), a.toString());
        assertEquals(0, a.get(0), a.toString());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aWholeRequestRefusalDeadLettersNothingAndDeliversOnceItStops(Mode mode) throws Exception {
        mode.standIn()
                .faults()
                .respond(
                        2,
                        HttpFault.status(400)
                                .withBody(
                                        "text/html",
                                        "<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head></html>"));
        deliver(mode, 6);
        await(() -> spool.ackedOffset("proxy") >= 6, "all acknowledged after the refusals");
        assertEquals(0, sender.counters().deadLettered());
        assertTrue(sender.counters().refused() >= 1);
        assertFalse(Files.exists(deadLetters.path()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aMissingTopicBehindASlowProxyIsReportedAsMissing(Mode mode) throws Exception {
        // The proxy waits for the missing topic's metadata longer than our timeout: only timeouts come back.
        RestProxySink sink = new RestProxySink("proxy", config(mode, Duration.ofMillis(300)), true);
        try {
            List<SpooledRecord> batch = List.of(new SpooledRecord(
                    0, new SpoolEntry("no-such-topic-c1", "a", "{\"seq\":0}".getBytes(StandardCharsets.UTF_8))));
            SendResult r = null;
            for (int i = 0; i < 3; i++) {
                r = sink.send("no-such-topic-c1", batch);
            }
            assertEquals(RecordStatus.TOPIC_MISSING, r.statuses().get(0), r.reason(0));
            assertTrue(r.reason(0).startsWith("missing topic"), r.reason(0));
        } finally {
            sink.close();
        }
    }

    @Test
    void v3AgainstStrimziSaysToSetApiV2() throws Exception {
        RestProxySink sink = new RestProxySink(
                "proxy",
                RestProxyConfig.builder(strimzi.baseUrl())
                        .api(RestProxyConfig.Api.V3)
                        .build(),
                true);
        try {
            String topic = DevStack.shared().newTopic("contract-v3-strimzi", 1);
            SendResult r = sink.send(
                    topic,
                    List.of(new SpooledRecord(
                            0, new SpoolEntry(topic, "a", "{\"seq\":0}".getBytes(StandardCharsets.UTF_8)))));
            assertEquals(RecordStatus.REFUSED, r.statuses().get(0));
            assertTrue(
                    r.reason(0).contains("no v3 API")
                            && r.reason(0).contains("api = \"v2\"")
                            && r.reason(0).contains("404: Not Found"),
                    r.reason(0));
        } finally {
            sink.close();
        }
    }
}

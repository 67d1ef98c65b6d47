package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.testsupport.Await;
import io.lpmsedge.testsupport.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service against the real embedded broker: verdicts, duplicates, unknown formats, and a rebalance. */
class ScoreServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ScorerConfig config;
    private static double[][][] rows;
    private final TestKafka kafka = new TestKafka();

    @BeforeAll
    static void model() {
        config = Streams.config();
        rows = new double[6][][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Streams.sensorRows(i);
        }
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** Readings of {@code sensors} for seq in [from, to), interleaved as a bridge's sensors are. */
    private void produce(String topic, int sensors, int from, int to) {
        for (int seq = from; seq < to; seq++) {
            for (int s = 0; s < sensors; s++) {
                kafka.send(
                        topic,
                        Streams.name(s),
                        Streams.json(s, seq, rows[s][seq]).getBytes(StandardCharsets.UTF_8));
            }
        }
        kafka.flush();
    }

    @Test
    void offsetsAreCommittedOncePerCommitIntervalNotPerPoll() throws Exception {
        String in = TestKafka.STACK.newTopic("readings", 2);
        String out = TestKafka.STACK.newTopic("verdicts", 2);
        String group = "g-" + UUID.randomUUID();
        produce(in, 2, 0, 1000);
        ManualClock clock = new ManualClock(0);
        try (Instance a = new Instance(
                TestKafka.settings(in, out, group, Emit.WINDOWS), Streams.single(config), "instance-a", clock::nanos)) {
            // 2,000 records take several polls of at most 500: with the clock standing still, none commits.
            Await.until(() -> a.counters().readings.get() == 2000, Duration.ofMinutes(3), "every reading scored");
            assertEquals(0, a.counters().commits.get(), "no commit before the interval has passed");
            clock.advance(ScoreService.COMMIT_EVERY.toMillis());
            kafka.awaitAllCommitted(group, in, WAIT);
            assertEquals(1, a.counters().commits.get(), "one commit for all of them");
        }
    }

    @Test
    void failureSegmentsBecomeVerdictChangesDuplicatesAndUnknownFormatsAreCountedNotScored() throws Exception {
        int sensors = 4;
        String in = TestKafka.STACK.newTopic("readings", 3);
        String out = TestKafka.STACK.newTopic("verdicts", 2);
        String group = "g-" + UUID.randomUUID();
        produce(in, sensors, 0, 1500);
        // The bridge re-sends a run after a lost answer: seq 1400..1499 of every sensor again.
        produce(in, sensors, 1400, 1500);
        kafka.send(in, "junk", new byte[] {(byte) 0xA5, 0x66, 0x73, 0x63}); // CBOR-like
        kafka.send(in, "junk", "{\"schema\":2,\"sensor\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        produce(in, sensors, 1500, Streams.ROWS);
        try (Instance a =
                new Instance(TestKafka.settings(in, out, group, Emit.CHANGES), Streams.single(config), "instance-a")) {
            kafka.awaitAllCommitted(group, in, WAIT);
            ServiceCounters c = a.counters();
            assertEquals(400, c.duplicates.get(), "100 re-sent readings per sensor");
            assertEquals(2, c.unknownFormat.get());
            assertEquals(sensors * Streams.ROWS, c.readings.get());
            assertEquals(sensors * (Streams.ROWS / 100), c.windows.get(), "30 windows of 100 per sensor");
        }
        List<JsonNode> events = kafka.readAll(out);
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < sensors; s++) {
            Streams.expectedWindows(s, config).stream()
                    .filter(k -> !k.contains("OK->OK") && !k.contains("FAILURE->FAILURE"))
                    .forEach(expected::add);
        }
        assertEquals(expected.stream().sorted().toList(), Streams.eventKeys(events));
        // And in plain numbers: each sensor enters FAILURE on the 2nd faulty window and leaves 2 windows after.
        for (int s = 0; s < sensors; s++) {
            String name = Streams.name(s);
            List<JsonNode> mine = events.stream()
                    .filter(e -> e.get("sensor").asText().equals(name))
                    .toList();
            assertEquals(2, mine.size(), name + ": " + mine);
            JsonNode enter = mine.get(0);
            assertEquals("FAILURE", enter.get("verdict").asText());
            assertEquals("OK", enter.get("previousVerdict").asText());
            assertEquals(Streams.faultStart(s) + 199, enter.get("lastSeq").asLong());
            assertEquals(Streams.faultStart(s) + 100, enter.get("firstSeq").asLong());
            assertTrue(enter.get("rms").asDouble() > enter.get("threshold").asDouble());
            assertEquals("line-3", enter.get("bridge").asText());
            assertEquals("boot-" + s, enter.get("bootId").asText());
            assertEquals("ae.zip", enter.get("model").asText());
            assertEquals(2, enter.get("schema").asInt());
            assertEquals("verdict", enter.get("type").asText());
            assertEquals("score-service", enter.get("source").asText());
            assertEquals(1, enter.get("recvNs").asLong(), "the window's last reading's recvNs");
            JsonNode exit = mine.get(1);
            assertEquals("OK", exit.get("verdict").asText());
            assertEquals(Streams.faultStart(s) + 600 + 199, exit.get("lastSeq").asLong());
        }
    }

    /**
     * Readings arrive in three parts; a second instance joins after the first and leaves after the second. The
     * parts end mid-window (seq 950, 1950), so a new owner that did not rebuild its state from the stream would
     * lose the window spanning the hand-over. With every window emitted, the events must be exactly the ones a
     * single scorer produces: none lost, none twice, every partition processed.
     */
    @Test
    void aSecondInstanceJoiningAndLeavingMidStreamLosesAndRepeatsNoVerdict() throws Exception {
        int sensors = 6;
        String in = TestKafka.STACK.newTopic("readings", 4);
        String out = TestKafka.STACK.newTopic("verdicts", 2);
        String group = "g-" + UUID.randomUUID();
        try (Instance a =
                new Instance(TestKafka.settings(in, out, group, Emit.WINDOWS), Streams.single(config), "instance-a")) {
            produce(in, sensors, 0, 950);
            kafka.awaitAllCommitted(group, in, WAIT);
            ServiceCounters bCounters;
            try (Instance b = new Instance(
                    TestKafka.settings(in, out, group, Emit.WINDOWS), Streams.single(config), "instance-b")) {
                Await.until(
                        () -> !b.service.assigned().isEmpty()
                                && !a.service.assigned().isEmpty()
                                && a.service.assigned().size()
                                                + b.service.assigned().size()
                                        == 4,
                        WAIT,
                        "the partitions to be shared by both instances");
                produce(in, sensors, 950, 1950);
                kafka.awaitAllCommitted(group, in, WAIT);
                bCounters = b.counters();
            }
            Await.until(() -> a.service.assigned().size() == 4, WAIT, "instance a to own all partitions again");
            produce(in, sensors, 1950, Streams.ROWS);
            kafka.awaitAllCommitted(group, in, WAIT);
            assertTrue(bCounters.records.get() > 0, "the second instance scored some partitions");
            assertTrue(bCounters.warmupRecords.get() > 0, "and rebuilt their state from the stream first");
            assertTrue(a.counters().warmupRecords.get() > 0, "a rebuilt the partitions it got back");
            assertEquals(
                    sensors * Streams.ROWS,
                    a.counters().records.get() + bCounters.records.get(),
                    "every reading scored once outside warm-ups");
        }
        List<JsonNode> events = kafka.readAll(out);
        List<String> keys = Streams.eventKeys(events);
        assertEquals(keys.size(), new HashSet<>(keys).size(), "no event twice");
        List<String> expected = IntStream.range(0, sensors)
                .boxed()
                .flatMap(s -> Streams.expectedWindows(s, config).stream())
                .sorted()
                .toList();
        assertEquals(sensors * 30, expected.size());
        assertEquals(expected, keys);
    }
}

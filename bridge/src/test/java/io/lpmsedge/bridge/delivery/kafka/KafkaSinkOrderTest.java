package io.lpmsedge.bridge.delivery.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.DeadLetterFile;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.devstack.DevStack;
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
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka sink against the shared embedded broker when metadata is slow: a {@code max.block.ms} of 1 ms makes
 * the first records of the first batch time out on metadata while the topic exists (what a slow first connection
 * does with the default), later ones of the same batch would find the metadata in time.
 */
class KafkaSinkOrderTest {
    private static final int KEYS = 4;

    @TempDir
    Path dir;

    @Test
    void aMetadataTimeoutOnTheFirstBatchNeitherReordersAKeyNorLosesARecord() throws Exception {
        String topic = DevStack.shared().newTopic("order", 2);
        int records = 1500;
        CountingSink sink;
        try (Spool spool = Spool.open(
                new SpoolConfig(
                        dir.resolve("spool"),
                        1 << 24,
                        1 << 20,
                        Duration.ZERO,
                        Duration.ZERO,
                        SpoolFullPolicy.DROP_OLDEST),
                List.of("kafka"),
                Clock.systemUTC())) {
            List<SpoolEntry> entries = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                entries.add(new SpoolEntry(topic, "k" + (i % KEYS), ("{\"seq\":" + i + "}").getBytes()));
            }
            spool.append(entries);
            spool.sync();
            // One batch holds every record; a missing-topic verdict would be retried after 100 ms (not 300 s).
            SenderConfig config = new SenderConfig(
                    records,
                    1 << 22,
                    Duration.ZERO,
                    Duration.ofMillis(20),
                    Duration.ofMillis(100),
                    Duration.ofMillis(100),
                    Duration.ofMillis(100),
                    1);
            sink = new CountingSink(new KafkaProducerSink(
                    "kafka",
                    DevStack.shared().kafka().bootstrapServers(),
                    Map.of("max.block.ms", "1"),
                    Duration.ofSeconds(10)));
            Sender sender = new Sender(
                    sink,
                    spool,
                    config,
                    new DeadLetterFile(dir.resolve("dead")),
                    Clock.systemUTC(),
                    new SplittableRandom(1));
            Thread t = new Thread(sender, "sender");
            t.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (spool.ackedOffset("kafka") < records && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            sender.stop(Duration.ZERO);
            t.join(30_000);
            assertEquals(records, spool.ackedOffset("kafka"), "every record acknowledged");
        }
        Map<String, List<Integer>> byKey = consume(topic, records);
        Set<Integer> seen = new TreeSet<>();
        for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
            int highest = -1;
            Set<Integer> mine = new HashSet<>();
            for (int seq : e.getValue()) {
                // A resend repeats records already delivered (removed downstream by key and seq); a record seen
                // for the first time after a higher seq of its key is a reordering.
                if (mine.add(seq)) {
                    assertTrue(
                            seq > highest,
                            "key " + e.getKey() + ": seq " + seq + " arrived after seq " + highest + " ("
                                    + e.getValue()
                                            .subList(
                                                    0, Math.min(40, e.getValue().size())) + " …)");
                    highest = seq;
                }
            }
            seen.addAll(mine);
        }
        assertEquals(records, seen.size(), "nothing lost");
        Map<RecordStatus, Long> first = sink.firstStatuses.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        s -> s, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        assertTrue(
                first.containsKey(RecordStatus.RETRY),
                "the scenario happened: the first batch did not go " + "through: " + first);
        assertTrue(
                !first.containsKey(RecordStatus.TOPIC_MISSING),
                "an existing topic is not reported missing: " + first + ", " + sink.firstReason);
    }

    @Test
    void aTopicIsMissingOnlyWhenTheClusterSaysSo() throws Exception {
        String bootstrap = DevStack.shared().kafka().bootstrapServers();
        String existing = DevStack.shared().newTopic("slow-meta", 1);
        List<SpooledRecord> batch =
                List.of(record(existing, "a", 0), record(existing, "b", 1), record(existing, "a", 2));
        try (KafkaProducerSink sink =
                new KafkaProducerSink("slow", bootstrap, Map.of("max.block.ms", "1"), Duration.ofSeconds(10))) {
            SendResult r = sink.send(existing, batch);
            assertEquals(RecordStatus.RETRY, r.statuses().get(0), r.reason(0));
            assertTrue(
                    r.reason(0).contains("not present in metadata")
                            && r.reason(0).contains("the cluster lists topic"),
                    r.reason(0));
            assertEquals(
                    List.of(RecordStatus.RETRY, RecordStatus.RETRY),
                    r.statuses().subList(1, 3),
                    "nothing after the timeout was handed over: " + r.reasons());
        }
        String missing = "no-such-topic-" + System.nanoTime();
        try (KafkaProducerSink sink =
                new KafkaProducerSink("missing", bootstrap, Map.of("max.block.ms", "300"), Duration.ofSeconds(10))) {
            SendResult r = sink.send(missing, List.of(record(missing, "a", 0), record(missing, "b", 1)));
            assertEquals(RecordStatus.TOPIC_MISSING, r.statuses().get(0), r.reason(0));
            assertTrue(r.reason(0).contains("the cluster says: UnknownTopicOrPartitionException"), r.reason(0));
            assertEquals(RecordStatus.RETRY, r.statuses().get(1), r.reason(1));
        }
    }

    private static SpooledRecord record(String topic, String key, long offset) {
        return new SpooledRecord(offset, new SpoolEntry(topic, key, ("{\"seq\":" + offset + "}").getBytes()));
    }

    /** Every value's seq per key, in partition order, duplicates kept; stops when all {@code records} were seen. */
    private static Map<String, List<Integer>> consume(String topic, int records) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        try (KafkaRead read = KafkaRead.fromBeginning(DevStack.shared().kafka().bootstrapServers(), topic)) {
            for (ConsumerRecord<byte[], byte[]> r :
                    read.untilDistinct(records, KafkaSinkOrderTest::seq, Duration.ofSeconds(30))) {
                byKey.computeIfAbsent(KafkaRead.utf8(r.key()), k -> new ArrayList<>())
                        .add(seq(r));
            }
        }
        return byKey;
    }

    private static int seq(ConsumerRecord<byte[], byte[]> r) {
        return Integer.parseInt(KafkaRead.utf8(r.value()).replaceAll("\\D", ""));
    }

    /** The real sink, remembering what it answered to the first batch. */
    private static final class CountingSink implements io.lpmsedge.bridge.delivery.DeliverySink {
        private final KafkaProducerSink sink;
        volatile List<RecordStatus> firstStatuses;
        volatile String firstReason;

        CountingSink(KafkaProducerSink sink) {
            this.sink = sink;
        }

        @Override
        public String name() {
            return sink.name();
        }

        @Override
        public SendResult send(String topic, List<SpooledRecord> batch) throws InterruptedException {
            SendResult r = sink.send(topic, batch);
            if (firstStatuses == null) {
                firstStatuses = r.statuses();
                firstReason = r.reason(0);
            }
            return r;
        }

        @Override
        public void close() {
            sink.close();
        }
    }
}

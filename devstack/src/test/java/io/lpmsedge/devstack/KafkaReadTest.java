package io.lpmsedge.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.testsupport.KafkaRead;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * test-support's {@link KafkaRead} against the real embedded broker (test-support itself has none: devstack's
 * tests take test-support, so it cannot take devstack).
 */
class KafkaReadTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final DevStack stack = DevStack.shared();
    private final String bootstrap = stack.kafka().bootstrapServers();

    /** Sends {@code value} with {@code key} to {@code partition}, and waits for the broker's acknowledgement. */
    private void send(String topic, int partition, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        }
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> KafkaRead.utf8(r.value())).toList();
    }

    @Test
    void readsEveryPartitionFromTheBeginningOrderedByPartitionAndOffsetAndGoesOnWhereItStopped() throws Exception {
        String topic = stack.newTopic("kafka-read", 2);
        send(topic, 1, "b", "b1");
        send(topic, 0, "a", "a1");
        send(topic, 1, "b", "b2");
        try (KafkaRead read = KafkaRead.fromBeginning(bootstrap, topic)) {
            assertEquals(List.of("a1", "b1", "b2"), values(read.untilCount(3, PATIENCE)));
            send(topic, 0, "a", "a2");
            List<ConsumerRecord<byte[], byte[]>> all = read.untilCount(4, PATIENCE);
            assertEquals(List.of("a1", "a2", "b1", "b2"), values(all), "a later read returns all read so far");
            assertEquals(
                    List.of(0L, 1L, 0L, 1L),
                    all.stream().map(ConsumerRecord::offset).toList());
        }
        assertEquals(
                List.of("a1", "a2"),
                values(KafkaRead.untilCount(bootstrap, topic, 4, PATIENCE)).subList(0, 2));
    }

    @Test
    void aShortReadSaysHowManyArrivedPerPartitionAndWhichKeys() throws Exception {
        String topic = stack.newTopic("kafka-read-short", 3);
        send(topic, 0, "arm-1", "1");
        send(topic, 2, "arm-2", "2");
        send(topic, 2, "arm-2", "3");
        long start = System.nanoTime();
        AssertionError e = assertThrows(
                AssertionError.class, () -> KafkaRead.untilCount(bootstrap, topic, 5, Duration.ofMillis(1500)));
        assertEquals(
                "topic " + topic + ": 3 of 5 records, then no new record for PT1.5S; records per partition {0=1, 2=2},"
                        + " keys seen [arm-1, arm-2]",
                e.getMessage());
        assertTrue(System.nanoTime() - start < PATIENCE.toNanos(), "gave up after the patience, not later");
    }

    @Test
    void countsDistinctRecordsWhenAskedAndKeepsTheDuplicates() throws Exception {
        String topic = stack.newTopic("kafka-read-distinct", 1);
        for (String v : List.of("1", "2", "2", "3")) {
            send(topic, 0, "k", v);
        }
        try (KafkaRead read = KafkaRead.fromBeginning(bootstrap, topic)) {
            assertEquals(
                    List.of("1", "2", "2", "3"),
                    values(read.untilDistinct(3, r -> KafkaRead.utf8(r.value()), PATIENCE)));
            AssertionError e = assertThrows(
                    AssertionError.class,
                    () -> read.untilDistinct(4, r -> KafkaRead.utf8(r.value()), Duration.ofMillis(500)));
            assertTrue(
                    e.getMessage().contains(": 3 of 4 distinct records (4 with duplicates), then no new record"),
                    e.getMessage());
        }
    }

    @Test
    void toEndReadsExactlyWhatIsOnTheTopicNow() throws Exception {
        String topic = stack.newTopic("kafka-read-end", 2);
        assertEquals(List.of(), KafkaRead.all(bootstrap, topic, PATIENCE), "an empty topic is read at once");
        send(topic, 0, "a", "x");
        send(topic, 1, "b", "y");
        assertEquals(List.of("x", "y"), values(KafkaRead.all(bootstrap, topic, PATIENCE)));
    }

    @Test
    void aWatchedWriterThatIsGoneFailsTheReadAtOnceWithItsContext() {
        String topic = stack.newTopic("kafka-read-gone", 1);
        long start = System.nanoTime();
        try (KafkaRead read = KafkaRead.fromBeginning(bootstrap, topic)) {
            AssertionError e = assertThrows(
                    AssertionError.class,
                    () -> read.watching(() -> false, () -> "the writer's log").untilCount(1, PATIENCE));
            assertEquals(
                    "topic " + topic + ": 0 of 1 records, then the writer was gone; records per partition {},"
                            + " keys seen []\nthe writer's log",
                    e.getMessage());
        }
        assertTrue(System.nanoTime() - start < PATIENCE.toNanos(), "did not wait out the patience");
    }

    @Test
    void aTopicThatDoesNotExistIsNamed() {
        AssertionError e = assertThrows(
                AssertionError.class, () -> KafkaRead.untilCount(bootstrap, "kafka-read-never-created", 1, PATIENCE));
        assertTrue(e.getMessage().contains("kafka-read-never-created")
                && e.getMessage().contains("does not exist"));
    }
}

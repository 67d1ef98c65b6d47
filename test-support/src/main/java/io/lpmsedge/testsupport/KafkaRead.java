package io.lpmsedge.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic back as a test checks what was delivered: a plain {@link KafkaConsumer} of raw bytes, assigned
 * every partition of the topic from the beginning, in no consumer group (so it never disturbs the groups under test).
 *
 * <p>Every read waits with <em>patience</em>: it gives up only when no new record has arrived for that long, so a
 * short test fails quickly when delivery stopped, and the hour-long run that reads back millions of records
 * (docs/delivery.md#long-runs) is not cut off by a deadline that suits the short runs. A read that gives up throws
 * an {@link AssertionError} that says how many records arrived out of how many, per partition, and which keys were
 * seen, so a missing partition or sensor is visible at once.
 *
 * <p>One instance keeps what it read: a later {@code until…} call continues where the last one stopped and
 * returns everything read so far, ordered by partition and offset. Not thread-safe (neither is the consumer).
 */
public final class KafkaRead implements AutoCloseable {
    /** How long one poll may block; also how often {@link #watching} checks its process. */
    private static final Duration POLL = Duration.ofMillis(200);
    /** Keys named in a failure message; more are counted, not listed. */
    private static final int KEYS_SHOWN = 20;

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    private BooleanSupplier alive = () -> true;
    private Supplier<String> context = () -> "";

    private KafkaRead(String topic, KafkaConsumer<byte[], byte[]> consumer) {
        this.topic = topic;
        this.consumer = consumer;
    }

    /** Every partition of {@code topic} (which must exist) from its first offset, outside any consumer group. */
    public static KafkaRead fromBeginning(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap);
        try {
            List<PartitionInfo> info = consumer.partitionsFor(topic);
            List<TopicPartition> parts = info == null
                    ? List.of()
                    : info.stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            if (parts.isEmpty()) {
                throw new AssertionError("topic " + topic + " has no partitions: it does not exist at " + bootstrap);
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            return new KafkaRead(topic, consumer);
        } catch (RuntimeException | AssertionError e) {
            consumer.close();
            throw e;
        }
    }

    /** One-shot: the first {@code n} (or more) records of {@code topic}, as {@link #untilCount}. */
    public static List<ConsumerRecord<byte[], byte[]>> untilCount(
            String bootstrap, String topic, long n, Duration patience) {
        try (KafkaRead read = fromBeginning(bootstrap, topic)) {
            return read.untilCount(n, patience);
        }
    }

    /** One-shot: every record on {@code topic} now, as {@link #toEnd}. */
    public static List<ConsumerRecord<byte[], byte[]>> all(String bootstrap, String topic, Duration patience) {
        try (KafkaRead read = fromBeginning(bootstrap, topic)) {
            return read.toEnd(patience);
        }
    }

    /**
     * Also fails fast, without waiting out the patience, once {@code alive} turns false (the process that writes
     * the topic has died), and adds {@code context} (say, that process's log) to every failure message.
     */
    public KafkaRead watching(BooleanSupplier alive, Supplier<String> context) {
        this.alive = alive;
        this.context = context;
        return this;
    }

    /**
     * Reads until at least {@code n} records were read in all (duplicates count).
     *
     * @return every record read so far, by partition and offset
     * @throws AssertionError when no record arrived for {@code patience} before that
     */
    public List<ConsumerRecord<byte[], byte[]>> untilCount(long n, Duration patience) {
        readUntil(() -> records.size() >= n, patience, () -> records.size() + " of " + n + " records");
        return records();
    }

    /**
     * Reads until {@code n} distinct records were read, two records being the same when {@code identity} gives
     * equal values (an at-least-once writer's duplicates, say by sensor, boot and seq).
     *
     * @return every record read so far, duplicates kept, by partition and offset
     * @throws AssertionError when no record arrived for {@code patience} before that
     */
    public List<ConsumerRecord<byte[], byte[]>> untilDistinct(
            long n, Function<? super ConsumerRecord<byte[], byte[]>, ?> identity, Duration patience) {
        Set<Object> distinct = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            distinct.add(identity.apply(r));
        }
        int[] counted = {records.size()};
        readUntil(
                () -> {
                    for (; counted[0] < records.size(); counted[0]++) {
                        distinct.add(identity.apply(records.get(counted[0])));
                    }
                    return distinct.size() >= n;
                },
                patience,
                () -> distinct.size() + " of " + n + " distinct records (" + records.size() + " with duplicates)");
        return records();
    }

    /**
     * Reads every record that is on the topic now: up to the end offsets as they are when called.
     *
     * @return every record read so far, by partition and offset
     * @throws AssertionError when no record arrived for {@code patience} before that
     */
    public List<ConsumerRecord<byte[], byte[]>> toEnd(Duration patience) {
        Set<TopicPartition> parts = consumer.assignment();
        Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        readUntil(
                () -> parts.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp)),
                patience,
                () -> records.size() + " of the " + total + " records up to the end offsets " + byPartition(ends));
        return records();
    }

    /** Everything read so far, by partition and offset. */
    public List<ConsumerRecord<byte[], byte[]>> records() {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(records);
        out.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return out;
    }

    /** {@code bytes} as UTF-8 text; {@code null} stays {@code null} (a record without a key). */
    public static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }

    private void readUntil(BooleanSupplier done, Duration patience, Supplier<String> progress) {
        long lastProgress = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (!alive.getAsBoolean()) {
                throw new AssertionError(failure("then the writer was gone", progress));
            }
            if (System.nanoTime() - lastProgress > patience.toNanos()) {
                throw new AssertionError(failure("then no new record for " + patience, progress));
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                records.add(r);
                lastProgress = System.nanoTime();
            }
        }
    }

    private String failure(String why, Supplier<String> progress) {
        Map<Integer, Integer> perPartition = new TreeMap<>();
        Set<String> keys = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            perPartition.merge(r.partition(), 1, Integer::sum);
            keys.add(String.valueOf(utf8(r.key())));
        }
        String shownKeys = keys.size() <= KEYS_SHOWN
                ? keys.toString()
                : keys.stream().limit(KEYS_SHOWN).toList() + " and " + (keys.size() - KEYS_SHOWN) + " more";
        String more = context.get();
        return "topic " + topic + ": " + progress.get() + ", " + why + "; records per partition " + perPartition
                + ", keys seen " + shownKeys + (more.isEmpty() ? "" : "\n" + more);
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> out = new TreeMap<>();
        offsets.forEach((tp, o) -> out.put(tp.partition(), o));
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

package io.lpmsedge.trainer.kafka;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.record.ReadingRecordDecoder;
import io.lpmsedge.record.UnknownFormatException;
import io.lpmsedge.scorer.input.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one sensor's readings of a time range from the readings topic into JSON Lines files (one per partition
 * that holds the sensor; normally one, since the record key is the sensor name). The range in each partition is
 * from the first record stamped at or after {@code from} (Kafka's {@code offsetsForTimes}) to the last one before
 * the first record stamped after {@code to}, and never past the end offsets taken at the start, so a topic that
 * is still being written to is read to a fixed end. Only records keyed with the sensor (or without a key) are
 * decoded; a record of the sensor that is not the bridge's schema 1 stops the read (training on a topic that is
 * not what it seems is worse than no model).
 *
 * <p>Every wait on the cluster is bounded by {@code timeout}; a failure carries the client's own words.
 */
public final class ReadingsTopicReader {
    /**
     * @param client kafka-clients properties (security, SASL, TLS: {@code --property}); the bootstrap, the
     *               deserializers and a consumer without a group are set here
     */
    public record Request(
            String bootstrap,
            String topic,
            String sensor,
            Instant from,
            Instant to,
            Duration timeout,
            Properties client) {
        public Request {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("--from " + from + " is not before --to " + to + "; give the "
                        + "start of the normal running as --from and its end as --to");
            }
        }
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final Request request;

    public ReadingsTopicReader(Request request) {
        this.request = request;
    }

    /**
     * @param filePrefix readings of partition N go to {@code filePrefix + "-p" + N + ".jsonl"}
     * @throws InputException the cluster cannot be reached, the topic or sensor has nothing in the range, or a
     *                        record is not a reading; the message says what was found and the fix
     */
    public TopicRead read(Path filePrefix) throws InputException {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return read(consumer, filePrefix);
        } catch (KafkaException e) {
            throw new InputException("Kafka at " + request.bootstrap() + ": " + KafkaWords.of(e) + KafkaWords.fix(e));
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "lpms-edge-train");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                Long.toString(request.timeout().toMillis()));
        p.putAll(request.client());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, request.bootstrap());
        return p;
    }

    private TopicRead read(KafkaConsumer<byte[], byte[]> consumer, Path filePrefix) throws InputException {
        Duration timeout = request.timeout();
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(request.topic(), timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new InputException("cannot reach the Kafka cluster at " + request.bootstrap() + " within "
                    + timeout.toSeconds() + " s: " + KafkaWords.of(e) + ". Check the address (host:port of a "
                    + "broker's listener), that the broker runs and, for a secured cluster, the --property/"
                    + "--properties-file settings; --kafka-timeout waits longer");
        }
        if (infos == null || infos.isEmpty()) {
            throw new InputException("topic '" + request.topic() + "' does not exist on " + request.bootstrap()
                    + " (topics there: " + TopicSpan.topicNames(consumer, timeout) + "); name the bridge's "
                    + "[record] readings_topic with --topic (default readings)");
        }
        List<TopicPartition> tps = infos.stream()
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(tps, timeout);
        Map<TopicPartition, OffsetAndTimestamp> starts =
                consumer.offsetsForTimes(times(tps, request.from().toEpochMilli()), timeout);
        Map<TopicPartition, OffsetAndTimestamp> stops =
                consumer.offsetsForTimes(times(tps, request.to().toEpochMilli() + 1), timeout);
        List<PartitionSlice> slices = new ArrayList<>();
        for (TopicPartition tp : tps) {
            long end = ends.get(tp);
            OffsetAndTimestamp s = starts.get(tp);
            OffsetAndTimestamp e = stops.get(tp);
            long start = s == null ? end : s.offset();
            long stop = e == null ? end : Math.min(e.offset(), end);
            Path file = Path.of(filePrefix + "-p" + tp.partition() + ".jsonl");
            slices.add(new PartitionSlice(tp, start, Math.max(start, stop), file));
        }
        if (slices.stream().allMatch(s -> s.start >= s.stop)) {
            throw new InputException("no records on topic '" + request.topic() + "' between " + request.from()
                    + " and " + request.to() + "; " + TopicSpan.describe(consumer, tps, timeout)
                    + "; choose --from/--to inside that, or stream normal running first");
        }
        Map<String, Long> sensorsSeen = new HashMap<>();
        try {
            consume(consumer, slices, sensorsSeen);
            for (PartitionSlice s : slices) {
                s.close();
            }
        } catch (IOException e) {
            slices.forEach(PartitionSlice::discard);
            throw new InputException("cannot write the readings file: " + e.getMessage(), e);
        } catch (InputException | RuntimeException e) {
            slices.forEach(PartitionSlice::discard);
            throw e;
        }
        TopicRead read = new TopicRead(
                request, slices.stream().map(TopicRead.Partition::of).toList(), sensorsSeen);
        if (read.readings() == 0) {
            slices.forEach(PartitionSlice::discard);
            throw new InputException("sensor '" + request.sensor() + "' has no records on topic '"
                    + request.topic() + "' between " + request.from() + " and " + request.to() + " ("
                    + read.records() + " records of other sensors); sensors seen there: " + read.sensorsSeenText()
                    + "; give one of them with --sensor (the bridge's [[sensor]] name)");
        }
        return read;
    }

    private static Map<TopicPartition, Long> times(List<TopicPartition> tps, long millis) {
        Map<TopicPartition, Long> m = new HashMap<>();
        tps.forEach(tp -> m.put(tp, millis));
        return m;
    }

    private void consume(
            KafkaConsumer<byte[], byte[]> consumer, List<PartitionSlice> slices, Map<String, Long> sensorsSeen)
            throws InputException, IOException {
        Map<TopicPartition, PartitionSlice> open = new HashMap<>();
        for (PartitionSlice s : slices) {
            if (s.start < s.stop) {
                open.put(s.partition, s);
            }
        }
        consumer.assign(open.keySet());
        open.values().forEach(s -> consumer.seek(s.partition, s.start));
        byte[] wanted = request.sensor().getBytes(StandardCharsets.UTF_8);
        ReadingRecordDecoder decoder = new ReadingRecordDecoder();
        Sample sample = new Sample();
        long lastProgress = System.nanoTime();
        while (!open.isEmpty()) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
            if (batch.isEmpty()
                    && System.nanoTime() - lastProgress > request.timeout().toNanos()) {
                throw new InputException("the Kafka cluster at " + request.bootstrap() + " sent nothing for "
                        + request.timeout().toSeconds() + " s while partitions " + open.keySet() + " were not read "
                        + "to their end; check the broker and run again (--kafka-timeout waits longer)");
            }
            if (!batch.isEmpty()) {
                lastProgress = System.nanoTime();
            }
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                PartitionSlice s = open.get(tp);
                if (s == null || r.offset() >= s.stop) {
                    continue;
                }
                s.record(r.timestamp());
                byte[] key = r.key();
                if (key != null && !java.util.Arrays.equals(key, wanted)) {
                    sensorsSeen.merge(new String(key, StandardCharsets.UTF_8), 1L, Long::sum);
                    continue;
                }
                Lineage lineage;
                try {
                    lineage = decoder.decode(r.value(), sample);
                } catch (UnknownFormatException e) {
                    throw new InputException("record " + tp + "@" + r.offset()
                            + (key == null ? " (no key)" : " of sensor '" + request.sensor() + "'")
                            + " is not a reading: " + e.getMessage()
                            + "; train reads the topic the bridge writes its readings to (--topic): narrow "
                            + "--from/--to to leave this record out, or fix its producer");
                }
                sensorsSeen.merge(lineage.sensorName(), 1L, Long::sum);
                if (lineage.sensorName().equals(request.sensor())) {
                    s.reading(sample, lineage);
                }
            }
            for (PartitionSlice s : List.copyOf(open.values())) {
                if (s.done(consumer.position(s.partition, request.timeout()))) {
                    open.remove(s.partition);
                    consumer.pause(List.of(s.partition));
                }
            }
        }
    }
}

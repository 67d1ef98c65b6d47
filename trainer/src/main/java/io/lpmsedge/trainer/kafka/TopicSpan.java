package io.lpmsedge.trainer.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * What a topic holds, for the message when the asked range is empty: its record count and the timestamps of its
 * first and last records, so the user can pick a range that has data.
 */
final class TopicSpan {
    private TopicSpan() {}

    /** "the topic holds N records stamped from A to B", or that it is empty. Never throws: it only explains. */
    static String describe(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> tps, Duration timeout) {
        try {
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(tps, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, timeout);
            long count =
                    tps.stream().mapToLong(tp -> ends.get(tp) - begins.get(tp)).sum();
            if (count == 0) {
                return "the topic is empty";
            }
            Map<TopicPartition, Long> zero = new HashMap<>();
            tps.forEach(tp -> zero.put(tp, 0L));
            long first = Long.MAX_VALUE;
            for (OffsetAndTimestamp o : consumer.offsetsForTimes(zero, timeout).values()) {
                if (o != null) {
                    first = Math.min(first, o.timestamp());
                }
            }
            long last = lastTimestamp(consumer, tps, begins, ends, timeout);
            return "the topic holds " + count + " records, stamped from " + Instant.ofEpochMilli(first) + " to "
                    + (last == Long.MIN_VALUE ? "(unknown)" : Instant.ofEpochMilli(last));
        } catch (KafkaException e) {
            return "its extent could not be read: " + KafkaWords.of(e);
        }
    }

    /** The newest timestamp among the last records of the partitions (read one record each). */
    private static long lastTimestamp(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> tps,
            Map<TopicPartition, Long> begins,
            Map<TopicPartition, Long> ends,
            Duration timeout) {
        Set<TopicPartition> waiting = new HashSet<>();
        for (TopicPartition tp : tps) {
            if (ends.get(tp) > begins.get(tp)) {
                waiting.add(tp);
            }
        }
        consumer.assign(waiting);
        waiting.forEach(tp -> consumer.seek(tp, ends.get(tp) - 1));
        long last = Long.MIN_VALUE;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                last = Math.max(last, r.timestamp());
                waiting.remove(new TopicPartition(r.topic(), r.partition()));
            }
        }
        return last;
    }

    /** The cluster's topic names (internal ones left out), for the message when the topic does not exist. */
    static String topicNames(KafkaConsumer<byte[], byte[]> consumer, Duration timeout) {
        try {
            Set<String> names = new TreeSet<>(consumer.listTopics(timeout).keySet());
            names.removeIf(n -> n.startsWith("__"));
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (KafkaException e) {
            return "(could not be listed: " + KafkaWords.of(e) + ")";
        }
    }
}

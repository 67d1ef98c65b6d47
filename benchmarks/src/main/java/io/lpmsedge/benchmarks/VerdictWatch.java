package io.lpmsedge.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a verdict topic as a dashboard would and measures each window event's end-to-end lag: the moment it
 * arrives here minus the moment the window's last reading was sent ({@code sentAt[lastSeq]}, all sensors of one
 * seq are sent together). One thread; {@link #close()} stops it.
 */
final class VerdictWatch implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final long[] sentAt;
    private final Thread thread;
    /** Lags in ms, by this thread; read after {@link #await}. */
    private final List<Double> lags = new ArrayList<>();

    private volatile long seen;

    VerdictWatch(String bootstrap, String topic, long[] sentAt) {
        this.sentAt = sentAt;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo pi : consumer.partitionsFor(topic)) {
            tps.add(new TopicPartition(topic, pi.partition()));
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        thread = new Thread(this::loop, "verdict-watch");
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    JsonNode e = JSON.readTree(r.value());
                    int lastSeq = e.get("lastSeq").asInt();
                    synchronized (lags) {
                        lags.add((now - sentAt[lastSeq]) / 1e6);
                    }
                    seen++;
                }
            }
        } catch (WakeupException e) {
            // close()
        } catch (IOException e) {
            throw new IllegalStateException("a verdict event that is not JSON: " + e.getMessage(), e);
        } finally {
            consumer.close();
        }
    }

    void await(long events, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen < events && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Events seen and lag percentiles. */
    String summary() {
        double[] l;
        synchronized (lags) {
            l = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        if (l.length == 0) {
            return "no verdict events";
        }
        return String.format(
                Locale.ROOT,
                "%d events, lag ms p50 %.0f p99 %.0f max %.0f",
                l.length,
                pct(l, 0.5),
                pct(l, 0.99),
                l[l.length - 1]);
    }

    private static double pct(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}

package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.delivery.DeadLetterFile;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.kafka.KafkaProducerSink;
import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.bridge.record.JsonRecordFormat;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Delivery measurements of issue 8 on this machine: spool append throughput and fsync cost, bytes per reading
 * (JSON value, spool), and outage catch-up: a backlog of {@code SECONDS} of 20 × 400 Hz readings (5 outputs,
 * 32-bit) drained through the REST Proxy stand-in (v3) and the Kafka producer into a real embedded broker.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.lpmsedge.benchmarks.DeliveryBench [SECONDS] [SPOOL_DIR]</pre>
 */
public final class DeliveryBench {
    static final int SENSORS = 20;
    static final int RATE = 400;

    private DeliveryBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path base = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("delivery-bench");
        int n = seconds * SENSORS * RATE;
        List<SpoolEntry> backlog = readings(n);
        long valueBytes = backlog.stream().mapToLong(e -> e.value().length).sum();
        System.out.printf("readings=%d (%d s of %d sensors x %d Hz, gyro+acc+mag+pressure+temperature, 32-bit)%n",
                n, seconds, SENSORS, RATE);
        System.out.printf("JSON value        %.1f B/reading%n", (double) valueBytes / n);

        // 1. Spool append with fsync per batch (the dispatcher appends up to 512 readings at a time).
        SpoolConfig sc = new SpoolConfig(base.resolve("spool-append"), 1L << 34, 16L << 20, Duration.ofMillis(200),
                Duration.ofSeconds(1), SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(sc, List.of("x"), Clock.systemUTC())) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += 512) {
                spool.append(backlog.subList(i, Math.min(n, i + 512)));
            }
            spool.sync();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("spool append      %.0f readings/s, %.1f MB/s, %.1f B written/reading (framing incl.), %d fsyncs%n",
                    n / s, spool.bytesWritten() / s / 1e6, (double) spool.bytesWritten() / n, spool.syncs());
            long f0 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                spool.append(backlog.subList(i * 64, i * 64 + 64));
                spool.sync();
            }
            System.out.printf("fsync (64 readings appended before each) %.2f ms average%n",
                    (System.nanoTime() - f0) / 50 / 1e6);
        }

        // 2. Catch-up after an outage: the backlog drained by one sender per sink.
        try (DevStack stack = DevStack.start(0, io.lpmsedge.devstack.StandInOptions.defaults())) {
            for (String kind : List.of("rest-v3", "kafka")) {
                String topic = "bench-" + kind;
                stack.kafka().createTopic(topic, 3);
                List<SpoolEntry> entries = new ArrayList<>(n);
                for (SpoolEntry e : backlog) {
                    entries.add(new SpoolEntry(topic, e.key(), e.value()));
                }
                SpoolConfig c = new SpoolConfig(base.resolve("spool-" + kind), 1L << 34, 16L << 20,
                        Duration.ofMillis(200), Duration.ofSeconds(1), SpoolFullPolicy.DROP_OLDEST);
                try (Spool spool = Spool.open(c, List.of(kind), Clock.systemUTC())) {
                    for (int i = 0; i < n; i += 512) {
                        spool.append(entries.subList(i, Math.min(n, i + 512)));
                    }
                    spool.sync();
                    DeliverySink sink = kind.equals("kafka")
                            ? new KafkaProducerSink(kind, stack.kafka().bootstrapServers(), Map.of(), Duration.ofSeconds(30))
                            : new RestProxySink(kind, new RestProxyConfig(stack.restProxy().baseUrl(),
                            RestProxyConfig.Api.V3, null, null, null, null, null, null, null, Duration.ofSeconds(30)), true);
                    SenderConfig sender = new SenderConfig(kind.equals("kafka") ? 5000 : 2000, 8 << 20, Duration.ZERO,
                            Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5));
                    Sender s = new Sender(sink, spool, sender, new DeadLetterFile(base.resolve("dead-" + kind)),
                            Clock.systemUTC(), new SplittableRandom(1));
                    Thread t = new Thread(s, "sender-" + kind);
                    long t0 = System.nanoTime();
                    t.start();
                    while (spool.pending(kind) > 0) {
                        Thread.sleep(5);
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    s.stop(Duration.ZERO);
                    t.join();
                    System.out.printf("catch-up %-8s %.0f readings/s = %.1f x real time (%d readings in %.1f s, %d requests, "
                                    + "%d retried)%n", kind, n / secs, n / secs / (SENSORS * RATE), n, secs,
                            s.counters().requests(), s.counters().retried());
                }
            }
        }
    }

    /** Readings as the bridge spools them: 20 sensors interleaved, noisy values, lineage. */
    static List<SpoolEntry> readings(int n) {
        JsonRecordFormat format = new JsonRecordFormat();
        Random rnd = new Random(7);
        String boot = UUID.randomUUID().toString();
        Sample s = new Sample();
        List<SpoolEntry> out = new ArrayList<>(n);
        long[] seq = new long[SENSORS];
        for (int i = 0; i < n; i++) {
            int sensor = i % SENSORS;
            long tick = seq[sensor];
            s.clear().header(1, tick, tick * 0.0025, 1_795_000_000_000_000_000L + i * 125_000L)
                    .set(Output.GYRO, (float) (0.01 * rnd.nextGaussian()), (float) (0.01 * rnd.nextGaussian()),
                            (float) (0.5 * Math.sin(i / 400.0)))
                    .set(Output.ACC, (float) (0.02 * rnd.nextGaussian()), (float) (0.02 * rnd.nextGaussian()),
                            (float) (-1 + 0.02 * rnd.nextGaussian()))
                    .set(Output.MAG, (float) (18 + rnd.nextGaussian()), (float) (-3 + rnd.nextGaussian()),
                            (float) (44 + rnd.nextGaussian()))
                    .set(Output.PRESSURE, (float) (101.3 + 0.01 * rnd.nextGaussian()))
                    .set(Output.TEMPERATURE, (float) (24 + 0.05 * rnd.nextGaussian()));
            String name = "sensor-" + sensor;
            Reading r = s.toReading().withLineage(new Lineage("bench", name, boot, seq[sensor]++, 1));
            out.add(new SpoolEntry("readings", name, format.encode(r)));
        }
        return out;
    }
}

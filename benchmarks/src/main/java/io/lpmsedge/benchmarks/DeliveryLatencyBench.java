package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.delivery.DeadLetterFile;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.kafka.KafkaProducerSink;
import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.bridge.pipeline.SpoolWriter;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.record.RecordFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The bridge's delivery side at its real rate, in its own JVM (run it with {@code -Xmx64m}): 20 sensors × 400 Hz
 * of readings (5 outputs) stamped on arrival, encoded, appended to a spool that is fsynced every 20 ms, and sent
 * by the {@link Sender} with the default sink settings to a far side running in <em>another</em> process
 * ({@code lpms-edge devstack}). Prints the arrival → broker-ack latency p50/p99/max (measured after a 5 s
 * warm-up), the heap used after GC (peak over the run) and the process RSS from {@code /proc/self/status}.
 *
 * <pre>java -Xmx64m -cp benchmarks/target/benchmarks.jar io.lpmsedge.benchmarks.DeliveryLatencyBench \
 *     kafka|rest-v3 BOOTSTRAP_OR_URL [SECONDS] [json|cbor]</pre>
 */
public final class DeliveryLatencyBench {
    private static final int SENSORS = DeliveryBench.SENSORS;
    private static final int RATE = DeliveryBench.RATE;
    private static final long TICK_NANOS = 5_000_000; // 2 readings per sensor per 5 ms = 400 Hz
    private static final long WARM_UP_NANOS = 5_000_000_000L;

    private DeliveryLatencyBench() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String where = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        RecordFormat format = RecordFormat.byName(args.length > 3 ? args[3] : "json");
        int n = seconds * SENSORS * RATE;
        // Pre-built readings (the decode side is measured elsewhere); arrival is stamped when each is appended.
        List<Reading> pool = DeliveryBench.readings(SENSORS * RATE);
        long[] arrival = new long[n];
        long[] latency = new long[n];
        Arrays.fill(latency, -1);
        Path dir = Files.createTempDirectory("delivery-latency");
        SpoolConfig sc = new SpoolConfig(
                dir, 1L << 32, 16L << 20, Duration.ofMillis(200), Duration.ofSeconds(1), SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(sc, List.of(kind), Clock.systemUTC())) {
            DeliverySink inner = kind.equals("kafka")
                    ? new KafkaProducerSink(kind, where, Map.of(), Duration.ofSeconds(30), format.isJson())
                    : new RestProxySink(
                            kind,
                            new RestProxyConfig(
                                    where,
                                    RestProxyConfig.Api.V3,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    Duration.ofSeconds(10)),
                            format.isJson());
            DeliverySink timed = new DeliverySink() {
                @Override
                public String name() {
                    return inner.name();
                }

                @Override
                public SendResult send(String topic, List<SpooledRecord> batch) throws InterruptedException {
                    SendResult r = inner.send(topic, batch);
                    long now = System.nanoTime();
                    for (int i = 0; i < batch.size(); i++) {
                        if (r.statuses().get(i) == RecordStatus.DELIVERED) {
                            int offset = (int) batch.get(i).offset();
                            latency[offset] = now - arrival[offset];
                        }
                    }
                    return r;
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
            Sender sender = new Sender(
                    timed,
                    spool,
                    SenderConfig.DEFAULTS,
                    new DeadLetterFile(dir.resolve("dead")),
                    Clock.systemUTC(),
                    new SplittableRandom(1));
            SpoolWriter writer = new SpoolWriter(spool, format, "readings");
            Thread t = new Thread(sender, "sender");
            t.start();
            long peakHeapAfterGc = 0;
            long start = System.nanoTime();
            long next = start;
            long lastFlush = start;
            long lastMemory = start;
            int offset = 0;
            List<Reading> batch = new ArrayList<>();
            while (offset < n) {
                batch.clear();
                long now = System.nanoTime();
                for (int i = 0; i < 2 * SENSORS && offset + batch.size() < n; i++) {
                    arrival[offset + batch.size()] = now;
                    batch.add(pool.get((offset + batch.size()) % pool.size()));
                }
                writer.write(batch);
                offset += batch.size();
                if (now - lastFlush >= 20_000_000) {
                    writer.flush();
                    lastFlush = now;
                }
                if (now - lastMemory >= 1_000_000_000L) {
                    peakHeapAfterGc = Math.max(peakHeapAfterGc, heapAfterLastGc());
                    lastMemory = now;
                }
                next += TICK_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            writer.flush();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (spool.pending(kind) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            sender.stop(Duration.ZERO);
            t.join();
            peakHeapAfterGc = Math.max(peakHeapAfterGc, heapAfterLastGc());
            int warm = (int) Math.min(n, WARM_UP_NANOS / TICK_NANOS * 2 * SENSORS);
            long[] measured =
                    Arrays.stream(latency, warm, n).filter(l -> l >= 0).sorted().toArray();
            long missing = Arrays.stream(latency).filter(l -> l < 0).count();
            System.out.printf(
                    "%s/%s, %d readings over %d s (%d after warm-up measured, %d not acknowledged)%n",
                    kind, format.name(), n, seconds, measured.length, missing);
            System.out.printf(
                    "arrival -> broker ack: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)%n",
                    pct(measured, 0.50),
                    pct(measured, 0.99),
                    measured[measured.length - 1] / 1e6,
                    sender.counters().requests());
            System.gc();
            System.out.printf(
                    "max heap %d MB; heap used after GC: peak %.1f MB, at end %.1f MB; %s%n",
                    Runtime.getRuntime().maxMemory() >> 20, peakHeapAfterGc / 1e6, heapAfterLastGc() / 1e6, rss());
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1e6;
    }

    /** Heap in use right after the most recent collection, summed over the heap pools. */
    private static long heapAfterLastGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }

    private static String rss() throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                sb.append(sb.length() == 0 ? "" : ", ").append(line.replaceAll("\\s+", " "));
            }
        }
        return sb.toString();
    }
}

package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.delivery.DeadLetterFile;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.kafka.KafkaProducerSink;
import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.data.SensorDataCodec;
import io.lpmsedge.record.RecordFormat;
import java.net.InetSocketAddress;
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
 * Delivery measurements of issue 8 on this machine: spool append throughput and fsync cost, value bytes per
 * reading per format and data mode, and outage catch-up: a backlog of {@code SECONDS} of 20 × 400 Hz readings
 * (5 outputs) drained through the REST Proxy stand-in (v3) and the Kafka producer into a real embedded broker,
 * for JSON and CBOR, 32-bit and 16-bit, with the bytes each put on the wire.
 *
 * <pre>java [-Dlanes=4] [-Dspool.only=true] -cp benchmarks/target/benchmarks.jar io.lpmsedge.benchmarks.DeliveryBench [SECONDS] [SPOOL_DIR]</pre>
 * ({@code -Dspool.only=true}: the spool figures only, without the far side)
 */
public final class DeliveryBench {
    static final int SENSORS = 20;
    static final int RATE = 400;

    private DeliveryBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path base = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("delivery-bench");
        int n = seconds * SENSORS * RATE;
        System.out.printf(
                "readings=%d (%d s of %d sensors x %d Hz, gyro+acc+mag+pressure+temperature)%n",
                n, seconds, SENSORS, RATE);
        // Readings are generated in chunks and never all held at once: the drain below should run with a heap
        // like the bridge's, not one full of the bench's own backlog.
        for (boolean sixteen : List.of(false, true)) {
            for (String f : List.of("json", "cbor")) {
                RecordFormat format = RecordFormat.byName(f);
                long[] bytes = {0};
                generate(n, sixteen, chunk -> chunk.forEach(r -> bytes[0] += format.encode(r).length));
                System.out.printf(
                        "value %-4s %s  %.1f B/reading%n", f, sixteen ? "16-bit" : "32-bit", (double) bytes[0] / n);
            }
        }

        // 1. Spool append with fsync per batch (the dispatcher appends up to 512 readings at a time).
        SpoolConfig sc = new SpoolConfig(
                base.resolve("spool-append"),
                1L << 34,
                16L << 20,
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                SpoolFullPolicy.DROP_OLDEST);
        List<List<SpoolEntry>> backlog = new ArrayList<>();
        generate(n, false, chunk -> backlog.add(entries(chunk, RecordFormat.byName("json"), "readings")));
        try (Spool spool = Spool.open(sc, List.of("x"), Clock.systemUTC())) {
            long t0 = System.nanoTime();
            for (List<SpoolEntry> chunk : backlog) {
                spool.append(chunk);
            }
            spool.sync();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "spool append      %.0f readings/s, %.1f MB/s, %.1f B written/reading (framing incl.), %d fsyncs%n",
                    n / s, spool.bytesWritten() / s / 1e6, (double) spool.bytesWritten() / n, spool.syncs());
            long f0 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                spool.append(backlog.get(i).subList(0, 64));
                spool.sync();
            }
            System.out.printf(
                    "fsync (64 readings appended before each) %.2f ms average%n", (System.nanoTime() - f0) / 50 / 1e6);
        }
        backlog.clear();
        // Start-up after a power cut: every segment is scanned (length + CRC per record) before anything is sent.
        dropPageCache();
        long r0 = System.nanoTime();
        try (Spool reopened = Spool.open(sc, List.of("x"), Clock.systemUTC())) {
            double s = (System.nanoTime() - r0) / 1e9;
            System.out.printf(
                    "spool recovery scan %.0f MB/s, %.0f records/s (%d records, %.1f MB, %.2f s)%n",
                    reopened.sizeBytes() / s / 1e6,
                    reopened.endOffset() / s,
                    reopened.endOffset(),
                    reopened.sizeBytes() / 1e6,
                    s);
            // Draining reads after the scan (page cache warm): one sink reading on, then two fan-out sinks
            // alternating at different places, as the sender reads during a catch-up.
            long end = reopened.endOffset();
            long q0 = System.nanoTime();
            long next = 0;
            while (next < end) {
                next = readOn(reopened, next);
            }
            double q = (System.nanoTime() - q0) / 1e9;
            System.out.printf("spool read        %.0f records/s (1 reader, 2000 per read)%n", end / q);
            long h0 = System.nanoTime();
            long behind = 0;
            long ahead = end / 2;
            while (ahead < end) {
                ahead = readOn(reopened, ahead);
                behind = readOn(reopened, behind);
            }
            double h = (System.nanoTime() - h0) / 1e9;
            System.out.printf(
                    "spool read        %.0f records/s (2 readers alternating, half the spool apart)%n",
                    (ahead - end / 2 + behind) / h);
        }
        if (Boolean.getBoolean("spool.only")) {
            return;
        }

        // 2. Catch-up after an outage: the backlog drained by one sender per sink, per format and data mode;
        //    bytes on the wire counted (REST: a counting TCP relay; Kafka: the producer's own metrics). The far side
        //    is the embedded dev stack in this JVM, or (-Dfar.kafka / -Dfar.rest) a devstack in its own process, as
        //    the cluster is in production; the bridge side's own CPU time is measured either way.
        int lanes = Integer.getInteger("lanes", 4);
        List<String> sinks =
                List.of(System.getProperty("sinks", "rest-v3,kafka").split(","));
        List<String> formats =
                List.of(System.getProperty("formats", "json,cbor").split(","));
        List<String> modes = List.of(System.getProperty("modes", "32,16").split(","));
        String farKafka = System.getProperty("far.kafka");
        String farRest = System.getProperty("far.rest");
        DevStack stack = farKafka == null ? DevStack.start(0, io.lpmsedge.devstack.StandInOptions.defaults()) : null;
        FarSide far = stack != null
                ? new FarSide(
                        stack.kafka().bootstrapServers(),
                        "127.0.0.1",
                        stack.restProxy().port(),
                        name -> stack.kafka().createTopic(name, 3),
                        "this JVM")
                : FarSide.external(farKafka, farRest);
        System.out.println("far side: " + far.where());
        try (ByteCountingRelay relay =
                new ByteCountingRelay(new InetSocketAddress(far.restHost(), far.restPort()), 16 << 20)) {
            // Warm-up: one untimed drain per sink and format (-Dwarmup.seconds of backlog, default 15), so the
            // figures below are not the JIT's first minutes.
            for (String f : formats) {
                for (String kind : sinks) {
                    catchUp(
                            far,
                            relay,
                            base,
                            kind,
                            RecordFormat.byName(f),
                            false,
                            Math.min(n, Integer.getInteger("warmup.seconds", 15) * SENSORS * RATE),
                            lanes,
                            true);
                }
            }
            for (String mode : modes) {
                boolean sixteen = mode.equals("16");
                for (String f : formats) {
                    for (String kind : sinks) {
                        catchUp(far, relay, base, kind, RecordFormat.byName(f), sixteen, n, lanes, false);
                    }
                }
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    /** {@code -Dproducer=compression.zstd.level=1,linger.ms=10}: producer settings to try, as a sink table would pass them. */
    static Map<String, String> producerProperties() {
        Map<String, String> out = new java.util.HashMap<>();
        String spec = System.getProperty("producer", "");
        for (String kv : spec.split(",")) {
            if (!kv.isBlank()) {
                out.put(
                        kv.substring(0, kv.indexOf('=')).trim(),
                        kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        return out;
    }

    /** Best effort (root only): so the recovery scan reads the disk, as after a power cut, not the page cache. */
    static void dropPageCache() {
        try {
            new ProcessBuilder("sync").start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
        } catch (Exception e) {
            System.out.println("(page cache not dropped: " + e.getMessage() + "; the scan below may read from memory)");
        }
    }

    /** Where the broker and the REST Proxy stand-in run. */
    record FarSide(
            String bootstrapServers,
            String restHost,
            int restPort,
            java.util.function.Consumer<String> createTopic,
            String where) {
        static FarSide external(String bootstrap, String rest) {
            if (rest == null) {
                throw new IllegalArgumentException("-Dfar.kafka needs -Dfar.rest=http://host:port too");
            }
            java.net.URI uri = java.net.URI.create(rest);
            Map<String, Object> admin = Map.of("bootstrap.servers", bootstrap);
            return new FarSide(
                    bootstrap,
                    uri.getHost(),
                    uri.getPort(),
                    name -> {
                        try (org.apache.kafka.clients.admin.Admin a =
                                org.apache.kafka.clients.admin.Admin.create(admin)) {
                            a.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, 3, (short) 1)))
                                    .all()
                                    .get();
                        } catch (Exception e) {
                            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                                throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
                            }
                        }
                    },
                    "another process: kafka " + bootstrap + ", rest " + rest);
        }
    }

    /**
     * CPU time of this process (GC and JIT included) minus the relay's threads (the relay stands for the
     * network): the bridge side's cost, meaningful when the far side runs in another process.
     */
    static final class BridgeCpu {
        private final java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private final Map<Long, Long> relayStart = relayThreads();
        private final long processStart = os.getProcessCpuTime();

        private Map<Long, Long> relayThreads() {
            Map<Long, Long> out = new java.util.HashMap<>();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("relay-")) {
                    out.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
                }
            }
            return out;
        }

        double seconds() {
            long relay = 0;
            for (Map.Entry<Long, Long> e : relayThreads().entrySet()) {
                relay += e.getValue() - relayStart.getOrDefault(e.getKey(), 0L);
            }
            return (os.getProcessCpuTime() - processStart - relay) / 1e9;
        }
    }

    private static void catchUp(
            FarSide far,
            ByteCountingRelay relay,
            Path base,
            String kind,
            RecordFormat format,
            boolean sixteen,
            int n,
            int lanes,
            boolean warmUp)
            throws Exception {
        String label = kind + "/" + format.name() + "/" + (sixteen ? "16bit" : "32bit");
        String topic = "bench-" + label.replace('/', '-') + (warmUp ? "-warm" : "") + "-" + System.nanoTime();
        far.createTopic().accept(topic);
        SpoolConfig c = new SpoolConfig(
                base.resolve("spool-" + topic),
                1L << 34,
                16L << 20,
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(c, List.of(kind), Clock.systemUTC())) {
            generate(n, sixteen, chunk -> spool.append(entries(chunk, format, topic)));
            spool.sync();
            System.gc();
            long relayBefore = relay.upstreamBytes();
            KafkaProducerSink kafka = null;
            DeliverySink sink;
            if (kind.equals("kafka")) {
                kafka = new KafkaProducerSink(
                        kind, far.bootstrapServers(), producerProperties(), Duration.ofSeconds(30), format.isJson());
                sink = kafka;
            } else {
                sink = new RestProxySink(
                        kind,
                        new RestProxyConfig(
                                "http://127.0.0.1:" + relay.port(),
                                RestProxyConfig.Api.V3,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                Duration.ofSeconds(30)),
                        format.isJson());
            }
            SenderConfig sender = new SenderConfig(
                    2000,
                    1 << 20,
                    Duration.ZERO,
                    Duration.ofMillis(50),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    lanes);
            Sender s = new Sender(
                    sink,
                    spool,
                    sender,
                    new DeadLetterFile(base.resolve("dead-" + topic)),
                    Clock.systemUTC(),
                    new SplittableRandom(1));
            Thread t = new Thread(s, "sender-" + kind);
            BridgeCpu cpu0 = new BridgeCpu();
            long t0 = System.nanoTime();
            t.start();
            while (spool.pending(kind) > 0) {
                Thread.sleep(2);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = cpu0.seconds();
            String wire;
            if (kafka != null) {
                Map<String, Double> m = kafka.producerMetrics();
                wire = String.format(
                        "wire %.1f B/reading (producer outgoing-byte-total, zstd; compression-rate-avg %.2f)",
                        m.getOrDefault("outgoing-byte-total", Double.NaN) / n,
                        m.getOrDefault("compression-rate-avg", Double.NaN));
            } else {
                byte[] sample = relay.sample();
                double gzipRatio = sample.length == 0 ? Double.NaN : (double) gzip(sample) / sample.length;
                long bytes = relay.upstreamBytes() - relayBefore;
                wire = String.format(
                        "wire %.1f B/reading (HTTP requests as sent); gzip would give ~%.1f B/reading",
                        (double) bytes / n, gzipRatio * bytes / n);
            }
            s.stop(Duration.ZERO);
            t.join();
            relay.resetSample();
            if (warmUp) {
                System.out.printf("warm-up  %-22s %.0f readings/s%n", label, n / secs);
                return;
            }
            String bridgeSide = far.where().equals("this JVM")
                    ? "bridge side not separable (far side in this JVM)"
                    : String.format(
                            "bridge side %.2f CPU-s = %.0f readings per CPU-s (%.1f x real time per core)",
                            cpu, n / cpu, n / cpu / (SENSORS * RATE));
            System.out.printf(
                    "catch-up %-22s %.0f readings/s = %.1f x real time (%d in %.1f s, %d requests, %d retried, "
                            + "%d lanes); %s; %s%n",
                    label,
                    n / secs,
                    n / secs / (SENSORS * RATE),
                    n,
                    secs,
                    s.counters().requests(),
                    s.counters().retried(),
                    lanes,
                    bridgeSide,
                    wire);
        }
    }

    /** One read of up to 2000 records from {@code from}; returns the offset after the last one read. */
    static long readOn(Spool spool, long from) throws java.io.IOException {
        List<io.lpmsedge.bridge.spool.SpooledRecord> batch = spool.read(from, 2000, 4 << 20);
        return batch.isEmpty() ? from : batch.get(batch.size() - 1).offset() + 1;
    }

    static List<SpoolEntry> entries(List<Reading> readings, RecordFormat format, String topic) {
        List<SpoolEntry> out = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            out.add(new SpoolEntry(topic, r.lineage().sensorName(), format.encode(r)));
        }
        return out;
    }

    static long gzip(byte[] data) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(bytes)) {
            z.write(data);
        }
        return bytes.size();
    }

    /** What a 16-bit-mode sensor delivers: the reading after the real codec's int16 round trip. */
    static Reading sixteenBit(Reading r) {
        ConfigWord word =
                ConfigWord.of(RATE, true, Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE);
        byte[] frame = new byte[256];
        SensorDataCodec.encode(r.tick(), r.values(), word, FirmwareProfile.B2_FW2, frame, 0);
        Sample back = new Sample();
        SensorDataCodec.decode(frame, 0, word, FirmwareProfile.B2_FW2, back);
        return new Reading(r.sensorId(), r.tick(), r.sensorTime(), r.receivedAtNanos(), back.values(), r.lineage());
    }

    /** Readings as the bridge spools them: 20 sensors interleaved, noisy values, lineage. */
    static List<Reading> readings(int n) {
        List<Reading> out = new ArrayList<>(n);
        generate(n, false, out::addAll);
        return out;
    }

    /**
     * The same {@code n} readings every time (fixed seed), handed over in chunks of 512 in order; 16-bit = after
     * the real codec's int16 round trip.
     */
    static void generate(int n, boolean sixteen, java.util.function.Consumer<List<Reading>> chunks) {
        Random rnd = new Random(7);
        String boot = new UUID(7, 7).toString();
        Sample s = new Sample();
        List<Reading> chunk = new ArrayList<>(512);
        long[] seq = new long[SENSORS];
        for (int i = 0; i < n; i++) {
            int sensor = i % SENSORS;
            long tick = seq[sensor];
            s.clear()
                    .header(1, tick, tick * 0.0025, 1_795_000_000_000_000_000L + i * 125_000L)
                    .set(Output.GYRO, (float) (0.01 * rnd.nextGaussian()), (float) (0.01 * rnd.nextGaussian()), (float)
                            (0.5 * Math.sin(i / 400.0)))
                    .set(Output.ACC, (float) (0.02 * rnd.nextGaussian()), (float) (0.02 * rnd.nextGaussian()), (float)
                            (-1 + 0.02 * rnd.nextGaussian()))
                    .set(Output.MAG, (float) (18 + rnd.nextGaussian()), (float) (-3 + rnd.nextGaussian()), (float)
                            (44 + rnd.nextGaussian()))
                    .set(Output.PRESSURE, (float) (101.3 + 0.01 * rnd.nextGaussian()))
                    .set(Output.TEMPERATURE, (float) (24 + 0.05 * rnd.nextGaussian()));
            String name = "sensor-" + sensor;
            Reading r = s.toReading().withLineage(new Lineage("bench", name, boot, seq[sensor]++, 1));
            chunk.add(sixteen ? sixteenBit(r) : r);
            if (chunk.size() == 512 || i == n - 1) {
                chunks.accept(chunk);
                chunk = new ArrayList<>(512);
            }
        }
    }
}

package io.lpmsedge.benchmarks;

import io.lpmsedge.record.RecordFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Score-service throughput and lag as users scale it out: the broker ({@code lpms-edge devstack}, embedded KRaft)
 * and every score-service instance ({@code lpms-edge score-service}) each in its own JVM process; this JVM only
 * produces the simulated sensors' readings and watches. CPU is read per process (utime + stime from /proc), so
 * the score-service's cost is separated from the broker's and the producer's on a shared machine.
 *
 * <p><b>Burst</b> (per format and instance count): K instances join a new group on an empty topic of 16+
 * partitions and the group settles; warm-up passes of a fifth each are produced and fully committed (not
 * measured) until the instances' JIT compiler threads use less than 5 % of their CPU in a pass; then
 * {@code sensors × perSensor} readings are produced as fast as possible and the bench waits until the group has
 * committed every partition to its end. Reported: wall rate, the
 * instances' CPU-seconds and readings per CPU-second ("per core"), and the broker's CPU-seconds beside them.
 * The instances' counters (printed on SIGTERM) must add up to exactly the readings produced.
 *
 * <p><b>Steady</b> (JSON): the sensors stream at their real rate (100 Hz each) for a while; every window's
 * verdict event ({@code --emit windows}) is read back and its lag measured: arrival here minus the moment the
 * window's last reading was sent.
 *
 * <p>System properties: {@code sensors} (500), {@code partitions} (16), {@code perSensor} (2000),
 * {@code formats} (json,cbor), {@code instances} (1,2,4), {@code steady.seconds} (20, 0 = skip),
 * {@code steady.instances} (1,2,4), {@code steady.hz} (readings per sensor and second sent, 100), {@code model} (samples/models/arm_ae.zip),
 * {@code child.opts} ("-XX:+UseSerialGC -Xmx512m"), {@code service.args} (more score-service options),
 * {@code compression} (of the produced batches: none, or zstd as the bridge's Kafka sink sends them with
 * {@code compression.level} 1), {@code engine} (score-service, or streams for {@code StreamsScorePrototype}, built only with
 * {@code -Pstreams-prototype}), {@code logs} (a temp directory).
 */
public final class ScoreServiceScaleBench {
    private static final Pattern BOOTSTRAP = Pattern.compile("kafka bootstrap\\s+(\\S+)");
    private static final Pattern STOPPED = Pattern.compile("stopped \\{([^}]*)}");
    private static final Duration LONG = Duration.ofMinutes(10);
    /** Warm-up ends when the JIT compiler threads used less than this share of the instances' CPU in a pass. */
    private static final double COMPILING = 0.05;

    private static final int MAX_WARMUP_PASSES = 10;

    private final int sensors = Integer.getInteger("sensors", 500);
    private final int partitions = Integer.getInteger("partitions", 16);
    private final int perSensor = Integer.getInteger("perSensor", 2000);
    private final String model = System.getProperty("model", "samples/models/arm_ae.zip");
    private final List<String> childOpts = List.of(
            System.getProperty("child.opts", "-XX:+UseSerialGC -Xmx512m").trim().split("\\s+"));
    private static final String STREAMS = "streams";
    /** {@code score-service} (the product) or {@code streams} ({@code StreamsScorePrototype}). */
    private final String engine = System.getProperty("engine", "score-service");
    /** Compiled only by the benchmarks module's {@code streams-prototype} profile, so named here, not linked. */
    private static final String STREAMS_MAIN = "io.lpmsedge.benchmarks.StreamsScorePrototype";

    private final Path logs;
    private final ChildJvm broker;
    private final String bootstrap;
    private final Admin admin;
    private int run;
    private final List<String> threadLines = new ArrayList<>();

    private ScoreServiceScaleBench(Path logs) throws Exception {
        this.logs = logs;
        broker = ChildJvm.start(
                "broker",
                List.of("-Xmx1g"),
                logs,
                "devstack",
                "--kafka-port",
                "0",
                "--rest-port",
                "0",
                "--topics",
                "bench-ready",
                "--partitions",
                "1");
        bootstrap = broker.awaitLine(BOOTSTRAP, Duration.ofMinutes(2));
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(a);
    }

    public static void main(String[] args) throws Exception {
        if (STREAMS.equals(System.getProperty("engine"))) {
            try {
                Class.forName(STREAMS_MAIN);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("-Dengine=streams needs the Kafka Streams prototype, which this "
                        + "benchmarks.jar was built without; rebuild with "
                        + "'mvn -B -q -pl benchmarks -am package -DskipTests -Pstreams-prototype'");
            }
        }
        Path logs = System.getProperty("logs") != null
                ? Path.of(System.getProperty("logs"))
                : Files.createTempDirectory("score-scale-");
        Files.createDirectories(logs);
        ScoreServiceScaleBench b = new ScoreServiceScaleBench(logs);
        try {
            System.out.printf(
                    Locale.ROOT,
                    "%s; broker pid %d at %s; %d sensors, %d partitions, child JVM %s; logs %s%n",
                    b.engine,
                    b.broker.pid(),
                    b.bootstrap,
                    b.sensors,
                    b.partitions,
                    b.childOpts,
                    logs);
            System.out.println("| phase | format | instances | readings | wall s | readings/s | instances' CPU s "
                    + "| readings per CPU-s | broker CPU s | bench CPU s | check |");
            for (String f : System.getProperty("formats", "json,cbor").split(",")) {
                for (int k : ints(System.getProperty("instances", "1,2,4"))) {
                    b.burst(RecordFormat.byName(f), k);
                }
            }
            int seconds = Integer.getInteger("steady.seconds", 20);
            if (seconds > 0) {
                for (int k : ints(System.getProperty("steady.instances", "1,2,4"))) {
                    b.steady(RecordFormat.byName("json"), k, seconds);
                }
            }
            System.out.println("\nInstances' CPU by thread (/proc/PID/task, over the measured interval):");
            b.threadLines.forEach(System.out::println);
        } finally {
            b.admin.close();
            b.broker.terminate(Duration.ofSeconds(30));
        }
    }

    private void burst(RecordFormat format, int k) throws Exception {
        Group g = startGroup(format, k);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            SensorFeed feed = new SensorFeed(sensors, format);
            // Warm-up passes first (each instance's JIT, fetch sessions), not measured: per-core figures are for
            // instances in their steady state, not for a JVM's first minutes. On a loaded machine the JIT
            // compiler threads get little CPU and compile for minutes (21-30 % of the instances' CPU in a
            // measured interval after a fixed 100 k-reading warm-up), so passes repeat until the compiler
            // threads used less than COMPILING of the instances' CPU in the last one, at most MAX_WARMUP_PASSES
            // (C2 keeps compiling now and then for minutes, so on a loaded machine the cap is what usually ends it).
            int pass = Math.max(100, perSensor / 5 / 100 * 100);
            int warm = 0;
            for (int i = 0; i < MAX_WARMUP_PASSES; i++) {
                Cpu start = cpu(g);
                send(producer, feed, g.in, warm, warm + pass);
                warm += pass;
                awaitCommitted(g);
                if (cpu(g).minus(start).threads.compilerShare() < COMPILING) {
                    break;
                }
            }
            long n = (long) sensors * perSensor;
            Cpu before = cpu(g);
            long t0 = System.nanoTime();
            send(producer, feed, g.in, warm, warm + perSensor);
            awaitCommitted(g);
            double wall = (System.nanoTime() - t0) / 1e9;
            Cpu after = cpu(g);
            row(
                    "burst",
                    format,
                    k,
                    n,
                    wall,
                    after.minus(before),
                    g.stop(n + (long) sensors * warm, (long) sensors * ((warm + perSensor) / 100))
                            + String.format(Locale.ROOT, " (after %,d warm-up readings)", (long) sensors * warm));
        } finally {
            g.close();
        }
    }

    /** Seqs [from, to) of every sensor, as fast as the producer goes, interleaved like a fleet of bridges. */
    private void send(KafkaProducer<String, byte[]> producer, SensorFeed feed, String topic, int from, int to) {
        for (int seq = from; seq < to; seq++) {
            for (int s = 0; s < sensors; s++) {
                producer.send(new ProducerRecord<>(topic, feed.name(s), feed.value(s, seq)));
            }
        }
        producer.flush();
    }

    private void steady(RecordFormat format, int k, int seconds) throws Exception {
        Group g = startGroup(format, k);
        int hz = Integer.getInteger("steady.hz", 100);
        int ticks = seconds * hz;
        long[] sentAt = new long[ticks];
        try (KafkaProducer<String, byte[]> producer = producer();
                VerdictWatch watch = new VerdictWatch(bootstrap, g.out, sentAt)) {
            SensorFeed feed = new SensorFeed(sensors, format);
            Cpu before = cpu(g);
            long t0 = System.nanoTime();
            for (int seq = 0; seq < ticks; seq++) {
                long due = t0 + seq * 1_000_000_000L / hz;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                sentAt[seq] = System.nanoTime();
                for (int s = 0; s < sensors; s++) {
                    producer.send(new ProducerRecord<>(g.in, feed.name(s), feed.value(s, seq)));
                }
            }
            producer.flush();
            long expected = (long) sensors * (ticks / 100); // windows of the committed model: 100 readings
            awaitCommitted(g);
            double wall = (System.nanoTime() - t0) / 1e9;
            Cpu used = cpu(g).minus(before);
            watch.await(expected, Duration.ofSeconds(60));
            row(
                    "steady " + (sensors * hz) + "/s",
                    format,
                    k,
                    (long) sensors * ticks,
                    wall,
                    used,
                    g.stop((long) sensors * ticks, expected) + "; " + watch.summary());
        } finally {
            g.close();
        }
    }

    private void row(String phase, RecordFormat format, int k, long n, double wall, Cpu used, String check) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %d | %,d | %.1f | %,.0f | %.1f | %,.0f | %.1f | %.1f | %s |%n",
                phase,
                format.name(),
                k,
                n,
                wall,
                n / wall,
                used.instances,
                n / used.instances,
                used.broker,
                used.bench,
                check);
        // Where the instances' CPU went, by thread (the poll loop, Kafka client threads, GC, JIT): below the table.
        threadLines.add(String.format(Locale.ROOT, "%s %s %d: %s", phase, format.name(), k, used.threads.shares()));
        System.out.flush();
    }

    /** K score-service processes in a new group on new topics, the group settled with every partition assigned. */
    private Group startGroup(RecordFormat format, int k) throws Exception {
        run++;
        String in = "readings-" + format.name() + "-" + run;
        String out = "verdicts-" + run;
        admin.createTopics(List.of(new NewTopic(in, partitions, (short) 1), new NewTopic(out, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        Group g = new Group(in, out, "scale-" + run);
        for (int i = 0; i < k; i++) {
            String name = "score-" + run + "-" + i;
            g.instances.add(
                    STREAMS.equals(engine)
                            ? ChildJvm.startMain(name, childOpts, logs, STREAMS_MAIN, bootstrap, in, out, g.id, model)
                            : ChildJvm.start(
                                    name,
                                    childOpts,
                                    logs,
                                    withExtra(
                                            "score-service",
                                            "--bootstrap",
                                            bootstrap,
                                            "--model",
                                            model,
                                            "--in",
                                            in,
                                            "--out",
                                            out,
                                            "--group-id",
                                            g.id,
                                            "--emit",
                                            "windows",
                                            "--watch",
                                            "0")));
        }
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!settled(g, k)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("group " + g.id + " did not settle with " + k + " members");
                }
                Thread.sleep(200);
            }
            return g;
        } catch (Exception e) {
            g.close();
            throw e;
        }
    }

    /** The instances' arguments plus {@code -Dservice.args} (e.g. {@code --property max.poll.records=500}). */
    private static String[] withExtra(String... args) {
        String extra = System.getProperty("service.args", "").trim();
        List<String> all = new ArrayList<>(List.of(args));
        if (!extra.isEmpty()) {
            all.addAll(List.of(extra.split("\\s+")));
        }
        return all.toArray(String[]::new);
    }

    private boolean settled(Group g, int k) throws Exception {
        ConsumerGroupDescription d;
        try {
            d = admin.describeConsumerGroups(List.of(g.id))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(g.id);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false; // no member has joined yet
            }
            throw e;
        }
        int assigned = d.members().stream()
                .mapToInt(m -> m.assignment().topicPartitions().size())
                .sum();
        return d.groupState() == GroupState.STABLE && d.members().size() == k && assigned == partitions;
    }

    private void awaitCommitted(Group g) throws Exception {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            ask.put(new TopicPartition(g.in, p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + LONG.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(g.id)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            if (ask.keySet().stream()
                    .allMatch(tp -> ends.get(tp).offset() == 0
                            || (c.get(tp) != null
                                    && c.get(tp).offset() >= ends.get(tp).offset()))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("group " + g.id + " did not commit " + g.in + " to its end within " + LONG);
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L << 20));
        // none by default (as a REST Proxy's producer sends); the bridge's own Kafka sink sends zstd level 1, which
        // the instances' consumers then decompress: -Dcompression=zstd -Dcompression.level=1 measures that.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, System.getProperty("compression", "none"));
        if (System.getProperty("compression.level") != null) {
            p.put("compression.zstd.level", System.getProperty("compression.level"));
        }
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private Cpu cpu(Group g) {
        double inst = 0;
        ThreadCpu threads = new ThreadCpu(Map.of());
        for (ChildJvm c : g.instances) {
            inst += c.cpuSeconds();
            threads = threads.plus(ThreadCpu.of(c.pid()));
        }
        double bench =
                ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
        return new Cpu(inst, threads, broker.cpuSeconds(), bench);
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * CPU-seconds of the score-service processes (in all and per thread kind, summed over the instances), the
     * broker and this JVM (producer + watcher).
     */
    record Cpu(double instances, ThreadCpu threads, double broker, double bench) {
        Cpu minus(Cpu o) {
            return new Cpu(instances - o.instances, threads.minus(o.threads), broker - o.broker, bench - o.bench);
        }
    }

    /** One group's instances; {@link #stop} sends SIGTERM and checks their counters add up. */
    private static final class Group implements AutoCloseable {
        final String in;
        final String out;
        final String id;
        final List<ChildJvm> instances = new ArrayList<>();

        Group(String in, String out, String id) {
            this.in = in;
            this.out = out;
            this.id = id;
        }

        /** "ok" when the instances scored exactly {@code readings} (no duplicate, nothing skipped) and closed
         *  {@code windows} windows; otherwise what differed. */
        String stop(long readings, long windows) throws InterruptedException {
            long scored = 0;
            long events = 0;
            long other = 0;
            for (ChildJvm c : instances) {
                c.terminate(Duration.ofSeconds(60));
                Map<String, Long> counters = counters(c);
                scored += counters.getOrDefault("readings", 0L);
                events += counters.getOrDefault("windows", 0L);
                other += counters.getOrDefault("duplicates", 0L)
                        + counters.getOrDefault("unknownFormat", 0L)
                        + counters.getOrDefault("unalignedSkipped", 0L);
            }
            return scored == readings && events == windows && other == 0
                    ? "ok: " + windows + " windows"
                    : String.format(
                            Locale.ROOT,
                            "MISMATCH readings %d/%d windows %d/%d dup+unknown+unaligned %d",
                            scored,
                            readings,
                            events,
                            windows,
                            other);
        }

        private static Map<String, Long> counters(ChildJvm c) {
            for (String line : c.lines()) {
                Matcher m = STOPPED.matcher(line);
                if (m.find()) {
                    Map<String, Long> out = new HashMap<>();
                    for (String kv : m.group(1).split(",\\s*")) {
                        String[] p = kv.split("=");
                        out.put(p[0].trim(), Long.parseLong(p[1].trim()));
                    }
                    return out;
                }
            }
            throw new IllegalStateException(c.name() + " printed no counters: " + String.join("\n", c.lines()));
        }

        @Override
        public void close() throws InterruptedException {
            for (ChildJvm c : instances) {
                c.close();
            }
        }
    }
}

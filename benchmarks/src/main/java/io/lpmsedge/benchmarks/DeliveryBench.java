package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.delivery.DeadLetterFile;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.kafka.KafkaProducerSink;
import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.bridge.record.RecordFormat;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.SensorDataCodec;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;

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
 * <pre>java [-Dlanes=4] -cp benchmarks/target/benchmarks.jar io.lpmsedge.benchmarks.DeliveryBench [SECONDS] [SPOOL_DIR]</pre>
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
        List<Reading> readings = readings(n);
        List<Reading> sixteenBit = readings.stream().map(DeliveryBench::sixteenBit).toList();
        System.out.printf("readings=%d (%d s of %d sensors x %d Hz, gyro+acc+mag+pressure+temperature)%n",
                n, seconds, SENSORS, RATE);
        for (boolean sixteen : List.of(false, true)) {
            for (String f : List.of("json", "cbor")) {
                RecordFormat format = RecordFormat.byName(f);
                long bytes = 0;
                for (Reading r : sixteen ? sixteenBit : readings) {
                    bytes += format.encode(r).length;
                }
                System.out.printf("value %-4s %s  %.1f B/reading%n", f, sixteen ? "16-bit" : "32-bit", (double) bytes / n);
            }
        }
        List<SpoolEntry> backlog = entries(readings, RecordFormat.byName("json"), "readings");

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

        // 2. Catch-up after an outage: the backlog drained by one sender per sink, per format and data mode;
        //    bytes on the wire counted (REST: a counting TCP relay; Kafka: the producer's own metrics).
        int lanes = Integer.getInteger("lanes", 4);
        try (DevStack stack = DevStack.start(0, io.lpmsedge.devstack.StandInOptions.defaults());
             ByteCountingRelay relay = new ByteCountingRelay(new InetSocketAddress("127.0.0.1",
                     stack.restProxy().port()), 16 << 20)) {
            for (boolean sixteen : List.of(false, true)) {
                for (RecordFormat format : List.of(RecordFormat.byName("json"), RecordFormat.byName("cbor"))) {
                    List<Reading> source = sixteen ? sixteenBit : readings;
                    for (String kind : List.of("rest-v3", "kafka")) {
                        catchUp(stack, relay, base, kind, format, sixteen, source, lanes);
                    }
                }
            }
        }
    }

    private static void catchUp(DevStack stack, ByteCountingRelay relay, Path base, String kind, RecordFormat format,
                                boolean sixteen, List<Reading> source, int lanes) throws Exception {
        int n = source.size();
        String label = kind + "/" + format.name() + "/" + (sixteen ? "16bit" : "32bit");
        String topic = "bench-" + label.replace('/', '-');
        stack.kafka().createTopic(topic, 3);
        SpoolConfig c = new SpoolConfig(base.resolve("spool-" + topic), 1L << 34, 16L << 20,
                Duration.ofMillis(200), Duration.ofSeconds(1), SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(c, List.of(kind), Clock.systemUTC())) {
            List<SpoolEntry> entries = entries(source, format, topic);
            for (int i = 0; i < n; i += 512) {
                spool.append(entries.subList(i, Math.min(n, i + 512)));
            }
            spool.sync();
            long relayBefore = relay.upstreamBytes();
            KafkaProducerSink kafka = null;
            DeliverySink sink;
            if (kind.equals("kafka")) {
                kafka = new KafkaProducerSink(kind, stack.kafka().bootstrapServers(), Map.of(), Duration.ofSeconds(30));
                sink = kafka;
            } else {
                sink = new RestProxySink(kind, new RestProxyConfig("http://127.0.0.1:" + relay.port(),
                        RestProxyConfig.Api.V3, null, null, null, null, null, null, null, Duration.ofSeconds(30)),
                        format.isJson());
            }
            SenderConfig sender = new SenderConfig(2000, 1 << 20, Duration.ZERO, Duration.ofMillis(50),
                    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), lanes);
            Sender s = new Sender(sink, spool, sender, new DeadLetterFile(base.resolve("dead-" + topic)),
                    Clock.systemUTC(), new SplittableRandom(1));
            Thread t = new Thread(s, "sender-" + kind);
            long t0 = System.nanoTime();
            t.start();
            while (spool.pending(kind) > 0) {
                Thread.sleep(2);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            String wire;
            if (kafka != null) {
                Map<String, Double> m = kafka.producerMetrics();
                wire = String.format("wire %.1f B/reading (producer outgoing-byte-total, zstd; compression-rate-avg %.2f)",
                        m.getOrDefault("outgoing-byte-total", Double.NaN) / n, m.getOrDefault("compression-rate-avg", Double.NaN));
            } else {
                byte[] sample = relay.sample();
                double gzipRatio = sample.length == 0 ? Double.NaN : (double) gzip(sample) / sample.length;
                long bytes = relay.upstreamBytes() - relayBefore;
                wire = String.format("wire %.1f B/reading (HTTP requests as sent); gzip would give ~%.1f B/reading",
                        (double) bytes / n, gzipRatio * bytes / n);
            }
            s.stop(Duration.ZERO);
            t.join();
            relay.resetSample();
            System.out.printf("catch-up %-22s %.0f readings/s = %.1f x real time (%d in %.1f s, %d requests, %d retried, "
                            + "%d lanes); %s%n", label, n / secs, n / secs / (SENSORS * RATE), n, secs,
                    s.counters().requests(), s.counters().retried(), lanes, wire);
        }
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
        ConfigWord word = ConfigWord.of(RATE, true, Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE,
                Output.TEMPERATURE);
        byte[] frame = new byte[256];
        SensorDataCodec.encode(r.tick(), r.values(), word, FirmwareProfile.B2_FW2, frame, 0);
        Sample back = new Sample();
        SensorDataCodec.decode(frame, 0, word, FirmwareProfile.B2_FW2, back);
        return new Reading(r.sensorId(), r.tick(), r.sensorTime(), r.receivedAtNanos(), back.values(), r.lineage());
    }

    /** Readings as the bridge spools them: 20 sensors interleaved, noisy values, lineage. */
    static List<Reading> readings(int n) {
        Random rnd = new Random(7);
        String boot = UUID.randomUUID().toString();
        Sample s = new Sample();
        List<Reading> out = new ArrayList<>(n);
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
            out.add(r);
        }
        return out;
    }
}

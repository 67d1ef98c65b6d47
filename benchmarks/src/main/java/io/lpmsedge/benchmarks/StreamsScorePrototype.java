package io.lpmsedge.benchmarks;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.record.RecordDecoder;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.window.WindowScorer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * NOT the product: the score-service's consume → decode → dedupe → score → produce path on Kafka Streams, to
 * measure what moving onto Streams would cost (docs/score-service.md, "Scaling out"). Exactly-once v2
 * (transactions), dedupe state (highest seq per sensor and boot) in a changelogged, cached in-memory store; the
 * window scorers stay in memory (a real port would have to changelog their ring buffers and feature state too,
 * so this is a lower bound on the cost). Prints {@code stopped {readings=…, duplicates=…, windows=…}} on SIGTERM,
 * as the score-service does, for {@link ScoreServiceScaleBench}.
 *
 * <p>Arguments: bootstrap, input topic, output topic, application id (= consumer group), model file.
 */
public final class StreamsScorePrototype {
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong windows = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[4]);
        Path manifest =
                model.resolveSibling(model.getFileName().toString().replaceFirst("\\.zip$", "") + ".manifest.json");
        ScorerConfig config = ManifestValidator.validate(
                new ManifestIO().read(manifest), ModelLoader.usingTempDir().load(model));
        new StreamsScorePrototype().run(args[0], args[1], args[2], args[3], config);
    }

    private void run(String bootstrap, String in, String out, String appId, ScorerConfig config) throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("streams-proto-").toString());
        Topology t = new Topology();
        t.addSource(
                "readings", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), in);
        t.addProcessor("score", () -> new Score(config), "readings");
        t.addStateStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("dedupe"), Serdes.String(), Serdes.Long())
                        .withCachingEnabled(),
                "score");
        t.addSink(
                "verdicts",
                out,
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer(),
                "score");
        KafkaStreams streams = new KafkaStreams(t, p);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            System.err.printf(
                    Locale.ROOT,
                    "streams prototype: stopped {readings=%d, duplicates=%d, unknownFormat=%d," + " windows=%d}%n",
                    readings.get(),
                    duplicates.get(),
                    unknown.get(),
                    windows.get());
            System.err.flush();
            stopped.countDown();
        }));
        streams.start();
        System.err.println("streams prototype: " + in + " -> " + out + " as " + appId);
        stopped.await();
    }

    /** One task's processor: the score-service's per-record path. */
    private final class Score implements Processor<String, byte[], String, byte[]> {
        private final ScorerConfig config;
        private final RecordDecoder decoder = new RecordDecoder();
        private final Sample sample = new Sample();
        private final Map<String, WindowScorer> lanes = new HashMap<>();
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, Long> highest;
        private Lineage current;
        private long timestamp;

        Score(ScorerConfig config) {
            this.config = config;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.highest = context.getStateStore("dedupe");
        }

        @Override
        public void process(Record<String, byte[]> r) {
            Lineage l;
            try {
                l = r.value() == null ? null : decoder.decode(r.value(), sample);
            } catch (IllegalArgumentException e) {
                l = null;
            }
            if (l == null) {
                unknown.incrementAndGet();
                return;
            }
            String key = l.sensorName() + '/' + l.bootId();
            Long seen = highest.get(key);
            if (seen != null && l.seq() <= seen) {
                duplicates.incrementAndGet();
                return;
            }
            highest.put(key, l.seq());
            readings.incrementAndGet();
            current = l;
            timestamp = r.timestamp();
            lanes.computeIfAbsent(
                            l.sensorName(),
                            s -> config.newWindowScorer(config.newRowScorer(), w -> {
                                windows.incrementAndGet();
                                String json = String.format(
                                        Locale.ROOT,
                                        "{\"schema\":1,\"type\":\"verdict\",\"source\":\"streams\","
                                                + "\"sensor\":\"%s\",\"bootId\":\"%s\",\"firstSeq\":%d,\"lastSeq\":%d,\"rms\":%s,"
                                                + "\"verdict\":\"%s\"}",
                                        s,
                                        current.bootId(),
                                        w.firstRow(),
                                        w.firstRow() + w.rows() - 1,
                                        w.rms(),
                                        w.verdict());
                                context.forward(new Record<>(s, json.getBytes(StandardCharsets.UTF_8), timestamp));
                            }))
                    .accept(sample, sample.sensorTime(), l, l.seq());
        }
    }
}

package io.lpmsedge.scoreservice;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.record.ReadingRecordDecoder;
import io.lpmsedge.record.UnknownFormatException;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.record.verdict.VerdictEventJson;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One score-service instance: a consumer-group member over the readings topic, one {@link SensorLane} per sensor
 * of each assigned partition, verdict events produced keyed by sensor. Single-threaded ({@link #run()}); other
 * threads may only call {@link #stop()} and read {@link #counters()} / {@link #assigned()}.
 *
 * <p>At least once: the service flushes the producer and only then commits the consumed offsets, so a crash
 * between the two re-produces identical events. It commits after a poll once {@link #COMMIT_EVERY} has passed
 * since the last commit (and on revoke and stop), not after every poll: at full speed a poll of 500 records
 * takes a few milliseconds, and a flush plus a synchronous commit per poll cost the instance and the broker CPU
 * for nothing a crash would not repeat anyway. A partition's new owner (after a
 * rebalance or restart) seeks back {@code warmup} before the committed position and re-reads those records to
 * rebuild windows, verdicts and dedupe state without producing their events again.
 *
 * <p>Models: a {@link ModelSet} routes each sensor to its model. {@link #offer} hands over a reloaded set from
 * any thread; the poll loop installs it before the next batch of records and every lane moves to it at its next
 * window boundary (see {@link SensorLane}).
 */
final class ScoreService {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);
    private static final String TS = "ts=";
    /** How often offsets are committed while records flow (a crash re-scores at most this much more). */
    static final Duration COMMIT_EVERY = Duration.ofMillis(100);

    private final ServiceSettings settings;
    private final AtomicReference<ModelSet> offered = new AtomicReference<>();
    /** The set lanes follow; consumer thread only. */
    private ModelSet models;

    private final LaneLog laneLog;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ReadingRecordDecoder decoder = new ReadingRecordDecoder();
    private final Sample sample = new Sample();
    private final VerdictEventJson verdictJson = new VerdictEventJson();
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final Set<TopicPartition> assignedView = ConcurrentHashMap.newKeySet();
    private final ServiceCounters counters = new ServiceCounters();
    private final AtomicReference<Exception> produceFailure = new AtomicReference<>();
    private volatile boolean stopping;
    private final LongSupplier nanos;
    private long lastCommit;

    ScoreService(ServiceSettings settings, ModelSet models) {
        this(settings, models, System::nanoTime);
    }

    /** @param nanos the clock that paces commits ({@link System#nanoTime()}; a test's own) */
    ScoreService(ServiceSettings settings, ModelSet models, LongSupplier nanos) {
        this.settings = settings;
        this.nanos = nanos;
        this.lastCommit = nanos.getAsLong();
        this.models = models;
        this.laneLog = new LaneLog(counters, () -> this.models.source());
        this.consumer = new KafkaConsumer<>(consumerProperties(settings.consumer()));
        this.producer = new KafkaProducer<>(producerProperties(settings.producer()));
    }

    static Properties consumerProperties(Properties given) {
        Properties p = new Properties();
        // A new group starts at the beginning: readings already on the topic are scored, not skipped.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putAll(given);
        // Not overridable: the service commits itself, after the events are produced.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    static Properties producerProperties(Properties given) {
        Properties p = new Properties();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.putAll(given);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    ServiceCounters counters() {
        return counters;
    }

    /** Partitions this instance owns right now. */
    Set<TopicPartition> assigned() {
        return Set.copyOf(assignedView);
    }

    /**
     * Hands over a newly loaded model set; safe from any thread (the reloader). Installed by the poll loop before
     * it processes the next records; an offer not yet installed is replaced by a newer one.
     */
    void offer(ModelSet set) {
        offered.set(set);
    }

    /** Asks {@link #run()} to commit what it has processed and return; safe from any thread (a signal handler). */
    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /**
     * Consumes until {@link #stop()}. On return every processed record's events are produced and its offset
     * committed, and both clients are closed.
     *
     * @throws ServiceFailure when producing events failed (nothing past the last good commit is committed)
     */
    void run() throws ServiceFailure {
        try {
            consumer.subscribe(List.of(settings.inTopic()), new Rebalance());
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break;
                }
                installOffered();
                // Per partition: its state is looked up once per batch, not once per record.
                for (TopicPartition tp : records.partitions()) {
                    PartitionState state = partitions.get(tp);
                    if (state == null) {
                        continue; // cannot happen: records come only from assigned partitions
                    }
                    for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                        process(tp, state, r);
                    }
                }
                if (nanos.getAsLong() - lastCommit >= COMMIT_EVERY.toNanos() && hasUncommitted()) {
                    commit(partitions.keySet());
                }
            }
            commit(partitions.keySet());
        } catch (WakeupException e) {
            // stop() while committing: commit once more below, wakeup is one-shot.
            commit(partitions.keySet());
        } finally {
            try {
                consumer.close();
            } finally {
                producer.close();
            }
        }
    }

    private void process(TopicPartition tp, PartitionState state, ConsumerRecord<byte[], byte[]> r) {
        boolean warm = state.warmingUp(r.offset());
        (warm ? counters.warmupRecords : counters.records).incrementAndGet();
        state.processed = r.offset() + 1;
        state.lastTimestamp = r.timestamp();
        Lineage lineage;
        try {
            lineage = decoder.decode(r.value(), sample);
        } catch (UnknownFormatException e) {
            if (!warm && counters.unknownFormat.incrementAndGet() % 1000 == 1) {
                LOG.error(
                        "record {}@{} skipped: {} (unknown-format records so far: {})",
                        tp,
                        r.offset(),
                        e.getMessage(),
                        counters.unknownFormat.get());
            }
            return;
        }
        if (!state.dedupe.isNew(lineage)) {
            if (!warm) {
                counters.duplicates.incrementAndGet();
            }
            return;
        }
        if (!warm) {
            counters.readings.incrementAndGet();
        }
        state.lane(lineage.sensorName()).accept(sample, lineage, r.offset());
    }

    private boolean hasUncommitted() {
        for (PartitionState s : partitions.values()) {
            if (s.hasUncommitted()) {
                return true;
            }
        }
        return false;
    }

    private void installOffered() {
        ModelSet set = offered.getAndSet(null);
        if (set != null) {
            models = set;
            laneLog.forget();
        }
    }

    private void produce(VerdictEvent e) {
        counters.events.incrementAndGet();
        producer.send(new ProducerRecord<>(settings.outTopic(), e.sensor(), verdictJson.encode(e)), (meta, ex) -> {
            if (ex != null) {
                produceFailure.compareAndSet(null, ex);
            }
        });
    }

    /** Flush the events, then commit: the order that makes this at-least-once. */
    private void commit(Collection<TopicPartition> which) {
        producer.flush();
        Exception failed = produceFailure.get();
        if (failed != null) {
            throw new ServiceFailure(
                    "producing verdict events to '" + settings.outTopic() + "' failed: " + failed.getMessage()
                            + "; nothing after the last commit is committed, a restart re-scores it",
                    failed);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : which) {
            PartitionState s = partitions.get(tp);
            if (s != null && s.hasUncommitted()) {
                offsets.put(tp, new OffsetAndMetadata(s.processed, TS + s.lastTimestamp));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitSync(offsets);
        lastCommit = nanos.getAsLong();
        counters.commits.incrementAndGet();
        offsets.forEach((tp, o) -> partitions.get(tp).committed = o.offset());
    }

    private PartitionState newState(long resumeOffset) {
        return new PartitionState(
                resumeOffset,
                sensor -> new SensorLane(
                        sensor, resumeOffset, settings.emit(), this::produce, counters, () -> models, laneLog));
    }

    /** State is per partition: built on assignment (with a warm-up), committed and dropped on revoke. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            try {
                commit(revoked);
            } finally {
                revoked.forEach(partitions::remove);
                assignedView.removeAll(revoked);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // Another member may own them already: committing would be refused. Its warm-up rebuilds the state.
            lost.forEach(partitions::remove);
            assignedView.removeAll(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            counters.assignments.incrementAndGet();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
            Map<TopicPartition, Long> warmupFrom = new HashMap<>();
            long warmupMillis = settings.warmupFor(models).toMillis();
            for (TopicPartition tp : assigned) {
                OffsetAndMetadata c = committed.get(tp);
                partitions.put(tp, newState(c == null ? -1 : c.offset()));
                if (c != null) {
                    long ts = timestamp(c.metadata());
                    if (ts >= 0) {
                        warmupFrom.put(tp, Math.max(0, ts - warmupMillis));
                    }
                }
            }
            if (!warmupFrom.isEmpty()) {
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(warmupFrom);
                found.forEach((tp, ot) -> {
                    long resume = partitions.get(tp).resumeOffset;
                    if (ot != null && ot.offset() < resume) {
                        consumer.seek(tp, ot.offset());
                    }
                });
            }
            assignedView.addAll(assigned);
            LOG.info("assigned {} (warm-up from {})", assigned, warmupFrom);
        }
    }

    private static long timestamp(String metadata) {
        if (metadata == null || !metadata.startsWith(TS)) {
            return -1;
        }
        try {
            return Long.parseLong(metadata.substring(TS.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Producing events failed: the instance stops without committing past the failure. */
    static final class ServiceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServiceFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

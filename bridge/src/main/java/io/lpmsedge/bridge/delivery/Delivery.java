package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.pipeline.SpoolWriter;
import io.lpmsedge.bridge.spool.FileStore;
import io.lpmsedge.bridge.spool.RecoveryProgress;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolContext;
import io.lpmsedge.record.RecordFormat;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The delivery side of a bridge: the spool, the writer that feeds it, and one sender thread per sink.
 * {@link #stop(Duration)} lets the senders deliver what is spooled for a while, then closes the spool. Which sink
 * kinds exist is not this class's business: it opens each configured sink through the {@link SinkKinds} it is
 * given.
 */
public final class Delivery {
    private final Spool spool;
    private final List<Sender> senders;
    private final List<DeliverySink> sinks;
    private final List<Thread> threads = new ArrayList<>();
    private final SpoolWriter writer;
    private final Map<String, DeadLetterFile> deadLetters;

    private Delivery(
            Spool spool,
            List<Sender> senders,
            List<DeliverySink> sinks,
            Map<String, DeadLetterFile> deadLetters,
            RecordFormat format,
            String topic) {
        this.spool = spool;
        this.deadLetters = Map.copyOf(deadLetters);
        this.senders = List.copyOf(senders);
        this.sinks = List.copyOf(sinks);
        // No wake-up here: the spool tells every sender after each fsync (Spool.addReadableListener).
        this.writer = new SpoolWriter(spool, format, topic);
    }

    /**
     * Opens the spool and the sinks, each through its kind in {@code kinds}; fails with a message naming the
     * setting at fault, leaving nothing open. The spool's older segments are checked in the background (see
     * {@link Spool#openRecoveringInBackground}).
     */
    public static Delivery open(DeliveryConfig config, SinkKinds kinds, Clock clock) throws IOException {
        return open(config, kinds, clock, RecoveryProgress.NONE);
    }

    /** {@link #open(DeliveryConfig, SinkKinds, Clock)}, telling {@code progress} how the spool's start-up scan goes. */
    public static Delivery open(DeliveryConfig config, SinkKinds kinds, Clock clock, RecoveryProgress progress)
            throws IOException {
        kinds.checkKnown(config.sinks());
        List<String> names = config.sinks().stream().map(SinkSpec::name).toList();
        // Only the newest segment is checked before this returns: sensors start at once whatever the spool's size
        // (issue 14.4); older records are delivered once the background check has reached them.
        Spool spool = Spool.openRecoveringInBackground(config.spool(), names, SpoolContext.of(clock), progress);
        List<Sender> senders = new ArrayList<>();
        Map<String, DeadLetterFile> deadLetters = new LinkedHashMap<>();
        List<DeliverySink> sinks = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom();
        RecordFormat format = RecordFormat.byName(config.format());
        try {
            for (SinkSpec spec : config.sinks()) {
                DeliverySink sink = kinds.open(spec, format);
                sinks.add(sink);
                DeadLetterFile dead = new DeadLetterFile(
                        config.spool().dir().resolve("dead-letter-" + spec.name() + ".jsonl"),
                        config.spool().deadLetterMaxBytes(),
                        FileStore.DISK,
                        clock);
                deadLetters.put(spec.name(), dead);
                senders.add(new Sender(sink, spool, spec.sender(), dead, clock, seeds.split()));
            }
        } catch (IOException | RuntimeException e) {
            // The sinks opened so far hold connections and threads (a Kafka producer's network thread): close them.
            sinks.forEach(DeliverySink::close);
            spool.close();
            throw e;
        }
        return new Delivery(spool, senders, sinks, deadLetters, format, config.readingsTopic());
    }

    public SpoolWriter writer() {
        return writer;
    }

    public Spool spool() {
        return spool;
    }

    public List<Sender> senders() {
        return senders;
    }

    /** Each sink's dead-letter file, by sink name. */
    public Map<String, DeadLetterFile> deadLetters() {
        return deadLetters;
    }

    /**
     * The sinks, in config order, for records that must not go through the spool (status events: only the
     * latest matters). Thread-safe like every {@link DeliverySink}; each sender closes its own at the end of
     * {@link #stop(Duration)}, so other users stop before that.
     */
    public List<DeliverySink> sinks() {
        return sinks;
    }

    /** Whether every sender thread started by {@link #start()} is still running. */
    public boolean sendersAlive() {
        return threads.size() == senders.size() && threads.stream().allMatch(Thread::isAlive);
    }

    public void start() {
        for (Sender s : senders) {
            Thread t = new Thread(s, "sender-" + s.name());
            threads.add(t);
            t.start();
        }
    }

    /** Delivers what is spooled for up to {@code drainFor}, then stops the senders and closes the spool. */
    public boolean stop(Duration drainFor) throws InterruptedException {
        long deadline = System.nanoTime() + drainFor.toNanos();
        for (Sender s : senders) {
            s.stop(drainFor);
        }
        boolean clean = true;
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 1000));
            clean &= !t.isAlive();
        }
        try {
            spool.close();
        } catch (IOException e) {
            clean = false;
        }
        return clean;
    }
}

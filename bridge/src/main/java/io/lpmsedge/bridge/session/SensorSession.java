package io.lpmsedge.bridge.session;

import io.lpmsedge.bridge.link.LinkConnection;
import io.lpmsedge.bridge.link.LinkTimings;
import io.lpmsedge.bridge.link.SensorLink;
import io.lpmsedge.bridge.pipeline.ReadingHandoff;
import io.lpmsedge.bridge.retry.Backoff;
import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.command.HostCommands;
import io.lpmsedge.protocol.command.Replies;
import io.lpmsedge.protocol.command.ReplyValue;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.DecoderCounters;
import io.lpmsedge.protocol.frame.FrameView;
import io.lpmsedge.protocol.stream.LpBusStreamDecoder;
import io.lpmsedge.protocol.stream.StreamListener;
import io.lpmsedge.protocol.stream.UndecodableReason;
import java.io.EOFException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sensor's reader: connect → configure → stream → on any failure back off and start again, until stopped.
 * Runs on its own thread; stamps lineage on every reading and hands it off without ever blocking.
 *
 * <p>Lineage: {@code seq} counts every reading of this sensor in this bridge boot, from 0, without holes,
 * across reconnects; {@code linkEpoch} is the number of the connection the reading arrived on (1 for the first,
 * +1 per reconnect), so a consumer can tell that two readings are not contiguous. A sensor started again within
 * the same boot (a reload changed its settings, or removed it and added it back) carries on from its previous
 * session's {@link Carry}: seq and epoch never go back, which consumers rely on (they drop a (sensor, bootId, seq)
 * they have seen as a repeat), and its counters keep counting.
 */
public final class SensorSession implements Runnable, StreamListener {
    private static final Logger LOG = LoggerFactory.getLogger(SensorSession.class);
    /** Undecodable data frames in a row after which the sensor is re-configured. */
    private static final int MAX_CONSECUTIVE_UNDECODABLE = 20;

    private final SensorConfig config;
    private final SensorLink link;
    private final LinkTimings timings;
    private final ReadingHandoff handoff;
    private final SensorCounters counters;
    private final String bridgeName;
    private final String bootId;
    private final Clock wallClock;
    private final Backoff backoff;
    private final LpBusStreamDecoder decoder;
    private final byte[] readBuffer = new byte[4096];
    private final ReplyMatcher replies = new ReplyMatcher(System::nanoTime);
    private final TickGapCounter tickGaps;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;

    private final DecoderCounters.Snapshot carriedFrames;
    private long seq;
    private long linkEpoch;
    // Per connection, touched only by the reader thread.
    private boolean streaming;
    private boolean sawDataThisConnection;
    private long lastDataNanos;
    private int consecutiveUndecodable;

    public SensorSession(
            SensorConfig config,
            SensorLink link,
            LinkTimings timings,
            ReadingHandoff handoff,
            String bridgeName,
            String bootId,
            Clock wallClock,
            RandomGenerator random) {
        this(config, link, timings, handoff, bridgeName, bootId, wallClock, random, null);
    }

    /**
     * @param from where an earlier session of this sensor in this boot ended ({@link #carry()}), or null for the
     *             first
     */
    public SensorSession(
            SensorConfig config,
            SensorLink link,
            LinkTimings timings,
            ReadingHandoff handoff,
            String bridgeName,
            String bootId,
            Clock wallClock,
            RandomGenerator random,
            Carry from) {
        this.config = config;
        this.counters = from == null ? new SensorCounters() : from.counters();
        this.seq = from == null ? 0 : from.seq();
        this.linkEpoch = from == null ? 0 : from.linkEpoch();
        this.carriedFrames = from == null ? null : from.frames();
        this.link = link;
        this.timings = timings;
        this.handoff = handoff;
        this.bridgeName = bridgeName;
        this.bootId = bootId;
        this.wallClock = wallClock;
        this.backoff = new Backoff(timings.backoffInitial(), timings.backoffMax(), random);
        this.decoder = new LpBusStreamDecoder(config.profile(), null, this);
        this.tickGaps = new TickGapCounter(config.ticksPerSample());
        handoff.register(config.name(), counters);
    }

    public String name() {
        return config.name();
    }

    public SensorConfig config() {
        return config;
    }

    public SensorCounters counters() {
        return counters;
    }

    /** Frame counters over all connections (good, bad by reason, bytes), earlier sessions of the sensor included. */
    public DecoderCounters.Snapshot frameCounters() {
        DecoderCounters.Snapshot now = decoder.frameDecoder().counters().snapshot();
        DecoderCounters.Snapshot c = carriedFrames;
        return c == null
                ? now
                : new DecoderCounters.Snapshot(
                        c.goodFrames() + now.goodFrames(),
                        c.lrcMismatch() + now.lrcMismatch(),
                        c.badEndBytes() + now.badEndBytes(),
                        c.lengthOutOfRange() + now.lengthOutOfRange(),
                        c.bytesSkipped() + now.bytesSkipped(),
                        c.bytesFed() + now.bytesFed());
    }

    /**
     * Where a later session of this sensor in this boot carries on: the next seq, the last link epoch, the counters
     * and the frame counts. Only meaningful once this session's reader thread has ended (after {@link #stop()} and a
     * join), which is what makes the fields it reads visible here.
     */
    public Carry carry() {
        return new Carry(seq, linkEpoch, counters, frameCounters());
    }

    /** See {@link #carry()}. */
    public record Carry(long seq, long linkEpoch, SensorCounters counters, DecoderCounters.Snapshot frames) {}

    /** Asks the session to end; it closes its link within one poll interval. */
    public void stop() {
        stopping = true;
        stopSignal.countDown();
    }

    @Override
    public void run() {
        String lastFailure = null;
        while (!stopping) {
            counters.state.set(LinkState.CONNECTING);
            LinkConnection connection;
            try {
                connection = link.open();
            } catch (IOException e) {
                counters.lastError.set("cannot connect: " + e.getMessage());
                counters.connectFailures.incrementAndGet();
                if (!e.getMessage().equals(lastFailure)) {
                    LOG.warn("sensor {}: cannot connect: {}", config.name(), e.getMessage());
                    lastFailure = e.getMessage();
                }
                waitBeforeRetry();
                continue;
            }
            lastFailure = null;
            try (connection) {
                runConnection(connection);
            } catch (ConfigureException e) {
                counters.lastError.set("configuration failed: " + e.getMessage());
                counters.configureFailures.incrementAndGet();
                LOG.error("sensor {}: configuration failed: {}", config.name(), e.getMessage());
            } catch (IOException e) {
                if (!stopping) {
                    counters.lastError.set("link lost: " + e.getMessage());
                    counters.disconnects.incrementAndGet();
                    LOG.warn("sensor {}: link lost: {}", config.name(), e.getMessage());
                }
            }
            waitBeforeRetry();
        }
        counters.state.set(LinkState.STOPPED);
        // Said once, so a stop reads as a stop in the journal (the link was closed by us, not lost).
        LOG.info("sensor {}: stopped", config.name());
    }

    private void runConnection(LinkConnection connection) throws IOException, ConfigureException {
        counters.connects.incrementAndGet();
        linkEpoch++;
        streaming = false;
        sawDataThisConnection = false;
        tickGaps.reset();
        consecutiveUndecodable = 0;
        // Bytes of the previous connection are meaningless, and the word must be read back anew (3.5).
        decoder.resetLink();
        decoder.setConfigWord(null);
        counters.state.set(LinkState.CONFIGURING);
        LOG.info(
                "sensor {}: connected to {} (link epoch {}), configuring",
                config.name(),
                link.address().url(),
                linkEpoch);

        Handshake.Result result = new Handshake(
                        config,
                        (frame, fn, attempts) -> request(connection, frame, fn, attempts),
                        timings.commandRetries())
                .configure();
        connection.write(HostCommands.gotoStreamMode(config.lpbusId()));
        streaming = true;
        counters.state.set(LinkState.STREAMING);
        LOG.info(
                "sensor {}: streaming {} at {} Hz, {} (config word {}, firmware {}, serial {})",
                config.name(),
                Handshake.keys(config.outputs()),
                config.rateHz(),
                config.sixteenBit() ? "16bit" : "32bit",
                result.word(),
                orUnknown(result.firmware()),
                orUnknown(result.serial()));
        stream(connection);
    }

    private void stream(LinkConnection connection) throws IOException, ConfigureException {
        long stallNanos = timings.stallTimeout().toNanos();
        lastDataNanos = System.nanoTime();
        while (!stopping) {
            pump(connection);
            if (System.nanoTime() - lastDataNanos > stallNanos) {
                counters.lastError.set(
                        "stalled: no data for " + timings.stallTimeout().toMillis() + " ms");
                counters.stalls.incrementAndGet();
                LOG.warn(
                        "sensor {}: no data for {} ms, reconnecting",
                        config.name(),
                        timings.stallTimeout().toMillis());
                return;
            }
            if (consecutiveUndecodable >= MAX_CONSECUTIVE_UNDECODABLE) {
                throw new ConfigureException(consecutiveUndecodable + " data frames in a row do not match config word "
                        + decoder.configWord().map(Object::toString).orElse("(none)")
                        + "; the sensor was reconfigured by someone else, re-configuring");
            }
        }
    }

    /** One read (waits at most the link's poll interval); feeds the decoder. */
    private void pump(LinkConnection connection) throws IOException {
        int n = connection.read(readBuffer, 0, readBuffer.length);
        if (n < 0) {
            throw new EOFException("the link was closed by the far end");
        }
        if (n > 0) {
            decoder.feed(readBuffer, 0, n, wallNanos());
        }
    }

    private ReplyValue request(LinkConnection connection, byte[] frame, FunctionCode fn, int attempts)
            throws IOException {
        for (int attempt = 0; attempt < attempts && !stopping; attempt++) {
            connection.write(frame);
            // Only pump() feeds the matcher, so arming it after the write misses nothing.
            replies.expect(fn, timings.commandTimeout());
            while (!stopping && !replies.timedOut()) {
                pump(connection);
                ReplyValue reply = replies.reply();
                if (reply != null) {
                    replies.clear();
                    return reply;
                }
            }
        }
        replies.clear();
        if (stopping) {
            throw new IOException("stopping");
        }
        return null;
    }

    @Override
    public void onSample(Sample sample, FrameView frame) {
        if (!streaming) {
            return; // left over from stream mode while we configure: not a reading of this configuration
        }
        long tick = sample.tick();
        long missed = tickGaps.missedBefore(tick);
        if (missed > 0) {
            counters.tickGaps.incrementAndGet();
            counters.missedSamples.addAndGet(missed);
        }
        consecutiveUndecodable = 0;
        lastDataNanos = System.nanoTime();
        Reading reading = new Reading(
                sample.sensorId(),
                tick,
                sample.sensorTime(),
                sample.receivedAtNanos(),
                sample.values(),
                new Lineage(bridgeName, config.name(), bootId, seq++, linkEpoch));
        counters.readings.incrementAndGet();
        counters.lastReadingNanos.set(lastDataNanos);
        handoff.offer(reading);
        if (!sawDataThisConnection) {
            sawDataThisConnection = true;
            backoff.reset();
        }
    }

    @Override
    public void onOtherFrame(FrameView frame) {
        if (!replies.awaiting()) {
            return; // nobody waits: not worth parsing
        }
        Replies.parse(frame.function(), frame.buffer(), frame.payloadOffset(), frame.payloadLength())
                .ifPresent(v -> replies.offer(frame.function(), v));
    }

    @Override
    public void onUndecodable(FrameView frame, UndecodableReason reason) {
        if (streaming) {
            counters.undecodable.incrementAndGet();
            consecutiveUndecodable++;
        }
    }

    private void waitBeforeRetry() {
        if (stopping) {
            return;
        }
        counters.state.set(LinkState.BACKOFF);
        Duration wait = backoff.next();
        try {
            stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private long wallNanos() {
        Instant now = wallClock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}

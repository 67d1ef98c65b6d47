package io.lpmsedge.bridge;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.pipeline.ReadingHandoff;
import io.lpmsedge.bridge.session.SensorConfig;
import io.lpmsedge.bridge.session.SensorSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's sensor readers: a session and its thread per sensor, in config order. Starts and stops them all with
 * the bridge, and single ones for a reload. A sensor stopped and started again within one boot carries on where it
 * stopped ({@link SensorSession.Carry}: seq, link epochs, counters), whether it restarted for new settings or was
 * removed and later added back. Changed only under the bridge's life-cycle lock; {@link #sessions()} may be read from
 * any thread.
 */
final class SensorReaders {
    private static final Logger LOG = LoggerFactory.getLogger(SensorReaders.class);
    /** Beyond the connect timeout, how long a stopped sensor's reader may take to end (one read poll is enough). */
    private static final Duration READER_STOP = Duration.ofSeconds(5);

    /** A sensor's session and the reader thread that runs it. */
    private record Reader(SensorSession session, Thread thread) {}

    // Bridge-wide settings a reload never changes: taken once.
    private final BridgeConfig config;
    private final SensorLinks links;
    private final ReadingHandoff handoff;
    private final String bootId;
    private final Clock wallClock;
    private final SplittableRandom seeds = new SplittableRandom();
    /** Replaced as a whole, read without a lock. */
    private volatile List<Reader> readers;
    /** Where each sensor a reload removed stopped, so that adding it back carries it on. */
    private final Map<String, SensorSession.Carry> removed = new HashMap<>();

    SensorReaders(BridgeConfig config, SensorLinks links, ReadingHandoff handoff, String bootId, Clock wallClock) {
        this.config = config;
        this.links = links;
        this.handoff = handoff;
        this.bootId = bootId;
        this.wallClock = wallClock;
        List<Reader> initial = new ArrayList<>();
        for (SensorConfig sensor : config.sensors()) {
            initial.add(reader(sensor, null));
        }
        this.readers = List.copyOf(initial);
    }

    List<SensorSession> sessions() {
        return readers.stream().map(Reader::session).toList();
    }

    void startAll() {
        readers.forEach(r -> r.thread().start());
    }

    /** Stops every reader (closing its link) and waits for them until {@code deadlineNanos}; whether all ended. */
    boolean stopAll(long deadlineNanos) throws InterruptedException {
        List<Reader> all = readers;
        all.forEach(r -> r.session().stop());
        boolean clean = true;
        for (Reader r : all) {
            r.thread().join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
            clean &= !r.thread().isAlive();
        }
        return clean;
    }

    /**
     * Stops these sensors, all at once, and waits for their readers: each ends within one read, or once a connect in
     * progress gives up (the connect timeout). They stay listed until {@link #follow}.
     *
     * @return where each stopped
     */
    Map<String, SensorSession.Carry> stop(Collection<String> names) {
        Map<String, Reader> byName = new HashMap<>();
        readers.forEach(r -> byName.put(r.session().name(), r));
        names.forEach(n -> byName.get(n).session().stop());
        Map<String, SensorSession.Carry> out = new HashMap<>();
        for (String name : names) {
            Reader r = byName.get(name);
            try {
                r.thread().join(config.link().connectTimeout().plus(READER_STOP).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (r.thread().isAlive()) {
                LOG.warn("sensor {}: its reader has not ended yet after it was asked to stop", name);
            }
            out.put(name, r.session().carry());
        }
        return out;
    }

    /** A sensor stopped for good (a reload removed it): remembered in case a later reload adds it back. */
    void removed(String name, SensorSession.Carry where) {
        removed.put(name, where);
    }

    /**
     * Makes the readers {@code sensors}, in that order: a running reader of the same name is kept (it must not have
     * been stopped), any other is started, carrying on from {@code restarted} or from where it was removed.
     */
    void follow(List<SensorConfig> sensors, Map<String, SensorSession.Carry> restarted) {
        Map<String, Reader> running = new LinkedHashMap<>();
        readers.forEach(r -> running.put(r.session().name(), r));
        List<Reader> next = new ArrayList<>();
        for (SensorConfig s : sensors) {
            Reader r = restarted.containsKey(s.name()) ? null : running.get(s.name());
            if (r == null) {
                SensorSession.Carry from =
                        restarted.containsKey(s.name()) ? restarted.get(s.name()) : removed.remove(s.name());
                r = reader(s, from);
                r.thread().start();
            }
            next.add(r);
        }
        readers = List.copyOf(next);
    }

    /** A session (not started) for {@code sensor}, carrying on from {@code from} when it ran before in this boot. */
    private Reader reader(SensorConfig sensor, SensorSession.Carry from) {
        SensorSession s = new SensorSession(
                sensor,
                links.forAddress(sensor.link()),
                config.link(),
                handoff,
                config.bridgeName(),
                bootId,
                wallClock,
                seeds.split(),
                from);
        return new Reader(s, new Thread(s, "sensor-" + s.name()));
    }
}

package io.lpmsedge.bridge;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.pipeline.Dispatcher;
import io.lpmsedge.bridge.pipeline.ReadingHandoff;
import io.lpmsedge.bridge.pipeline.ReadingStage;
import io.lpmsedge.bridge.reload.ConfigReloader;
import io.lpmsedge.bridge.reload.ReloadCounters;
import io.lpmsedge.bridge.reload.ReloadPlan;
import io.lpmsedge.bridge.scoring.Pi4jVerdictIndicator;
import io.lpmsedge.bridge.scoring.ScoringStage;
import io.lpmsedge.bridge.scoring.SpoolVerdictPublisher;
import io.lpmsedge.bridge.scoring.VerdictIndicator;
import io.lpmsedge.bridge.scoring.VerdictPublisher;
import io.lpmsedge.bridge.session.SensorSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one bridge: a session (reader thread) per sensor → the bounded hand-off → the dispatcher thread → the
 * spool (write-ahead) → one sender per sink; with {@code [scoring]}, the dispatcher also feeds the scorer thread
 * through its own bounded hand-off, and verdict events go into the same spool. Owns their life cycle:
 * {@link #start()}, then {@link #stop(Duration)} ends readers first, drains the hand-off into the spool, lets the
 * scorer finish its queue, lets the senders deliver what they can in the time left, and closes the spool. While it
 * runs, {@link #reconfigure} adds, removes and restarts single sensors (a reload) without touching the others.
 */
public final class Bridge {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);
    /** At most this much of a stop goes to companions (a last status event), the rest to draining the spool. */
    private static final Duration COMPANION_STOP = Duration.ofSeconds(2);

    /** The configuration running now: the start-up one, then what each reload applied ({@link #reconfigure}). */
    private volatile BridgeConfig config;

    private final String bootId;
    private final ReadingHandoff handoff;
    /** Guards the sensor life cycle: start, stop and reconfigure. */
    private final Object lifecycle = new Object();

    private final SensorReaders readers;

    private final ReloadCounters reloads = new ReloadCounters();
    private final Dispatcher dispatcher;
    private final Thread dispatcherThread;
    private final Delivery delivery;
    private volatile boolean running;
    private final ScoringStage scoring;
    private final List<Companion> companions = new CopyOnWriteArrayList<>();

    /**
     * Something that runs beside delivery and uses its sinks (the status events of docs/fleet.md): started after
     * the readers, stopped before the senders close their sinks.
     */
    public interface Companion {
        void start();

        /** Stops within {@code timeout}; may send a last record through the still open sinks first. */
        void stop(Duration timeout) throws InterruptedException;
    }

    /**
     * @param delivery spool and senders, or null for a bridge that only feeds {@code taps} (tests, benchmarks)
     * @param taps     in-memory consumers fed by the dispatcher beside the spool (e.g. the edge scorer)
     */
    public Bridge(BridgeConfig config, SensorLinks links, Delivery delivery, List<ReadingStage> taps, Clock wallClock) {
        this(config, links, delivery, taps, wallClock, VerdictIndicator.NONE);
    }

    /**
     * @param indicator the verdict output when {@code [scoring]} is on ({@link Pi4jVerdictIndicator#open}); the
     *                  bridge closes it on stop
     */
    public Bridge(
            BridgeConfig config,
            SensorLinks links,
            Delivery delivery,
            List<ReadingStage> taps,
            Clock wallClock,
            VerdictIndicator indicator) {
        this.config = config;
        this.bootId = UUID.randomUUID().toString();
        this.handoff = new ReadingHandoff(
                config.pipeline().queueCapacity(), config.pipeline().queueFull());
        this.readers = new SensorReaders(config, links, handoff, bootId, wallClock);
        this.delivery = delivery;
        List<ReadingStage> sinks = new ArrayList<>(taps);
        this.scoring = config.scoring().enabled()
                ? new ScoringStage(
                        config.scoring(),
                        config.sensors().stream().map(s -> s.name()).toList(),
                        verdictPublisher(config, delivery),
                        indicator)
                : null;
        if (scoring != null) {
            sinks.add(scoring.tap());
        }
        Duration flush = FLUSH_INTERVAL;
        if (delivery != null) {
            sinks.add(0, delivery.writer());
            Duration fsync = config.delivery().spool().fsyncInterval();
            flush = fsync.compareTo(flush) < 0 ? (fsync.isZero() ? Duration.ofMillis(1) : fsync) : flush;
        }
        this.dispatcher = new Dispatcher(handoff, sinks, flush);
        this.dispatcherThread = new Thread(dispatcher, "dispatcher");
    }

    /**
     * Verdict events go into the readings' spool, or nowhere without delivery. The publisher's fsync of a verdict
     * change tells the senders by itself (they listen to this same spool), so there is nothing more to wake.
     */
    private static VerdictPublisher verdictPublisher(BridgeConfig config, Delivery delivery) {
        if (delivery == null) {
            return VerdictPublisher.NONE;
        }
        return new SpoolVerdictPublisher(delivery.spool(), config.scoring().verdictTopic());
    }

    private String deliverySummary() {
        if (delivery == null) {
            return "";
        }
        StringBuilder sb =
                new StringBuilder("; spool ").append(delivery.spool().dropped()).append(" dropped");
        delivery.senders()
                .forEach(s -> sb.append("; sink ")
                        .append(s.name())
                        .append(": ")
                        .append(s.counters().delivered())
                        .append(" delivered ")
                        .append(s.counters().deliveredByTopic())
                        .append(", ")
                        .append(delivery.spool().pending(s.name()))
                        .append(" pending"));
        return sb.toString();
    }

    public String name() {
        return config.bridgeName();
    }

    /** True between {@link #start()} and the end of {@link #stop(Duration)}. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Whether the threads that move readings are alive: the dispatcher, and every sender. A dead one means the
     * bridge can no longer make progress and should be restarted (liveness).
     */
    public boolean threadsAlive() {
        return dispatcherAlive() && (delivery == null || delivery.sendersAlive());
    }

    public String bootId() {
        return bootId;
    }

    /** The sensors running now, in config order (a reload may add, remove or restart them). */
    public List<SensorSession> sessions() {
        return readers.sessions();
    }

    /** The configuration running now (start-up, or what the last reload applied). */
    public BridgeConfig config() {
        return config;
    }

    /** Config reloads since start, bridge-wide (counted by the {@link ConfigReloader} of {@code run}). */
    public ReloadCounters reloads() {
        return reloads;
    }

    public ReadingHandoff handoff() {
        return handoff;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Delivery delivery() {
        return delivery;
    }

    /** Whether the dispatcher thread runs (false before start, after stop, or if it died): for the watchdog. */
    public boolean dispatcherAlive() {
        return dispatcherThread.isAlive();
    }

    /** Live scoring, or {@code null} when {@code [scoring]} is off. */
    public ScoringStage scoring() {
        return scoring;
    }

    /** Adds a companion; call before {@link #start()}. */
    public void attach(Companion companion) {
        if (running) {
            throw new IllegalStateException("attach companions before start()");
        }
        companions.add(companion);
    }

    public void start() {
        LOG.info(
                "bridge {} starting: boot {}, {} sensor(s)",
                config.bridgeName(),
                bootId,
                readers.sessions().size());
        if (delivery != null) {
            delivery.start();
        }
        if (scoring != null) {
            scoring.start();
        }
        dispatcherThread.start();
        synchronized (lifecycle) {
            running = true;
            readers.startAll();
        }
        companions.forEach(Companion::start);
    }

    /**
     * Makes the running bridge what a reload's plan says (docs/install-and-operate.md#reloading-the-configuration),
     * without touching the other sensors: removed sensors and sensors whose settings changed are stopped (their
     * links closed; what they read is already in the hand-off and still reaches the spool and the scorer), new
     * sensors get their scoring state, the models go to the scorer, and then the restarted and the new sensors start.
     * A removed sensor's scoring state (verdict, status entry, its part of the verdict output) retires once its last
     * readings have been scored. A sensor started again within this boot carries on its seq and link epochs.
     *
     * @return what changed, in words
     * @throws IllegalStateException when the bridge is not running
     */
    public String reconfigure(ReloadPlan plan, Set<Path> changedModelFiles, Instant at) {
        synchronized (lifecycle) {
            if (!running) {
                throw new IllegalStateException("the bridge is not running");
            }
            List<String> ending = new ArrayList<>(plan.removed());
            plan.restarted().forEach(s -> ending.add(s.name()));
            Map<String, SensorSession.Carry> ended = new HashMap<>(readers.stop(ending));
            for (String name : plan.removed()) {
                readers.removed(name, ended.remove(name));
                if (scoring != null) {
                    // retired once the dispatcher has passed the sensor's last readings to the scorer's tap
                    handoff.whenPassed(scoring.retire(name));
                }
            }
            String models = "";
            if (scoring != null) {
                plan.added().forEach(s -> scoring.addSensor(s.name()));
                List<String> moved = new ArrayList<>(scoring.install(plan.next().scoring(), changedModelFiles, at));
                moved.removeAll(plan.removed());
                models = plan.next().scoring().models().size() + " model(s), " + ConfigReloader.modelsMoved(moved);
            }
            readers.follow(plan.next().sensors(), ended);
            config = plan.next();
            String sensors = plan.describeSensors();
            return sensors.isEmpty() && models.isEmpty()
                    ? "no change"
                    : sensors.isEmpty() ? models : models.isEmpty() ? sensors : sensors + "; " + models;
        }
    }

    /**
     * Stops readers (closing their links), then lets the dispatcher drain the hand-off into the sinks and close
     * them. Returns whether everything ended within {@code timeout}.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean clean = true;
        synchronized (lifecycle) {
            running = false;
            clean &= readers.stopAll(deadline);
        }
        dispatcher.drainAndStop();
        dispatcherThread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        clean &= !dispatcherThread.isAlive();
        if (scoring != null) {
            // Before the spool closes: the last verdict events still go into it.
            clean &= scoring.awaitStop(Math.max(0, deadline - System.nanoTime()) / 1_000_000);
        }
        for (Companion c : companions) {
            c.stop(Duration.ofNanos(Math.max(0, Math.min(COMPANION_STOP.toNanos(), deadline - System.nanoTime()))));
        }
        if (delivery != null) {
            clean &= delivery.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        LOG.info(
                "bridge {} stopped{}: {} readings dispatched to the spool and scoring, {} dropped by the queue policy{}",
                config.bridgeName(),
                clean ? "" : " (timed out)",
                dispatcher.dispatched(),
                handoff.dropped(),
                deliverySummary() + (scoring == null ? "" : "; " + scoring.summary()));
        return clean;
    }
}

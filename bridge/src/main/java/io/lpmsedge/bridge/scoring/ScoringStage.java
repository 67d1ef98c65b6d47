package io.lpmsedge.bridge.scoring;

import io.lpmsedge.bridge.pipeline.QueueFullPolicy;
import io.lpmsedge.bridge.pipeline.ReadingHandoff;
import io.lpmsedge.bridge.pipeline.ReadingStage;
import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.scorer.window.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live scoring in the bridge: one scorer thread fed by its own bounded hand-off, so scoring never slows the
 * readers or the spool. The dispatcher writes every reading to {@link #tap()} (never blocks: when the scorer falls
 * behind, the oldest queued reading is dropped and counted for its sensor; the scorer then sees a seq gap and
 * does not judge the window that lost it). Per sensor a window scorer from the model's manifest; verdict changes
 * are logged, published (the spool) and shown on the {@link VerdictIndicator}.
 *
 * <p>Life cycle: {@link #start()}; the dispatcher closes the tap when it stops, after which the scorer finishes
 * what is queued; {@link #awaitStop(long)} waits for that and releases the indicator.
 */
public final class ScoringStage {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringStage.class);
    private static final int BATCH_MAX = 512;

    private final ScoringConfig config;
    private final ReadingHandoff handoff;
    private final VerdictPublisher publisher;
    /**
     * The scored sensors in config order: replaced as a whole under {@code this} (sensors come and go with reloads),
     * read without a lock by the dispatcher's tap, the scorer thread and status readers.
     */
    private volatile Map<String, SensorScoring> sensors = Map.of();
    /** Sensors being retired, each with the token of its latest retirement; guarded by {@code this}. */
    private final Map<String, Object> retiring = new HashMap<>();
    /** Windows judged by sensors retired before, so a sensor added back carries on counting; guarded by this. */
    private final Map<String, Long> windowsOfRetired = new HashMap<>();

    private final VerdictIndicator indicator;
    private final Thread thread;
    /** Which model scores which sensor; replaced as a whole by {@link #install}, read by the scorer thread. */
    private volatile Map<String, LiveModel> assignment;

    private volatile boolean inputClosed;
    private volatile boolean anyFailure;

    /** Scores the sensors {@code config} names; others come with {@link #addSensor}. */
    public ScoringStage(ScoringConfig config, VerdictPublisher publisher, VerdictIndicator indicator) {
        this(config, config.sensors(), publisher, indicator);
    }

    /**
     * @param configured every configured sensor: a reload may give any of them a model; sensors a reload adds or
     *                   removes come and go through {@link #addSensor} and {@link #retire}
     */
    public ScoringStage(
            ScoringConfig config, List<String> configured, VerdictPublisher publisher, VerdictIndicator indicator) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("scoring is not enabled in this configuration");
        }
        this.config = config;
        this.indicator = indicator;
        this.publisher = publisher;
        this.handoff = new ReadingHandoff(config.queueCapacity(), QueueFullPolicy.DROP_OLDEST);
        List<String> names = new ArrayList<>(configured);
        config.sensors().stream().filter(n -> !names.contains(n)).forEach(names::add);
        names.forEach(this::addSensor);
        install(config, Set.of(), Instant.now());
        this.thread = new Thread(this::run, "scorer");
    }

    /**
     * Hands a reloaded scoring configuration to the scorer thread (any thread; returns at once). Models whose name
     * and files are the same and not in {@code changedFiles} are kept as they run; every sensor whose model changed
     * moves to the new one at its next window boundary ({@link SensorScoring}). A sensor not known to the stage is
     * ignored: {@link #addSensor} it first.
     *
     * @return the names of the sensors that get another model
     */
    public List<String> install(ScoringConfig next, Set<Path> changedFiles, Instant loadedAt) {
        Map<String, LiveModel> before = assignment == null ? Map.of() : assignment;
        Map<String, LiveModel> byName = new HashMap<>();
        Map<String, LiveModel> now = new HashMap<>();
        List<String> moved = new ArrayList<>();
        for (SensorModel m : next.models()) {
            LiveModel live = byName.computeIfAbsent(
                    m.name(), n -> keep(before.values(), m, changedFiles).orElseGet(() -> new LiveModel(m, loadedAt)));
            Map<String, SensorScoring> known = sensors;
            for (String sensor : m.sensors()) {
                if (known.containsKey(sensor)) {
                    now.put(sensor, live);
                }
            }
        }
        for (String sensor : sensors.keySet()) {
            if (now.get(sensor) != before.get(sensor)) {
                moved.add(sensor);
            }
        }
        assignment = Map.copyOf(now);
        return moved;
    }

    private static Optional<LiveModel> keep(Iterable<LiveModel> running, SensorModel m, Set<Path> changedFiles) {
        if (changedFiles.contains(m.model()) || changedFiles.contains(m.manifest())) {
            return Optional.empty();
        }
        for (LiveModel live : running) {
            if (live.model.sameFiles(m)) {
                return Optional.of(live);
            }
        }
        return Optional.empty();
    }

    /**
     * Makes {@code name} a sensor the stage can score (a reload added it; {@link #install} then gives it its model).
     * A sensor being retired is kept instead, as it is. Any thread.
     */
    public synchronized void addSensor(String name) {
        retiring.remove(name);
        if (sensors.containsKey(name)) {
            return;
        }
        SensorCounters drops = new SensorCounters();
        handoff.register(name, drops);
        Map<String, SensorScoring> next = new LinkedHashMap<>(sensors);
        next.put(
                name,
                new SensorScoring(
                        name,
                        drops,
                        config.windowEvents(),
                        publisher,
                        this::verdictChanged,
                        windowsOfRetired.getOrDefault(name, 0L)));
        sensors = Collections.unmodifiableMap(next);
    }

    /**
     * Retires a sensor a reload removed: its state (verdict, window scorer, status entry) goes once its last
     * readings are scored, and the verdict output is judged again without it. Call when the sensor's reader has
     * ended; run the returned task once every reading it produced has passed the tap (the bridge runs it after the
     * dispatcher's hand-off, {@link ReadingHandoff#whenPassed}). Re-adding the sensor before then cancels it.
     */
    public synchronized Runnable retire(String name) {
        Object token = new Object();
        retiring.put(name, token);
        return () -> handoff.whenPassed(() -> retired(name, token));
    }

    /** Scorer thread: every reading the retired sensor produced has been scored. */
    private void retired(String name, Object token) {
        SensorScoring gone;
        synchronized (this) {
            if (retiring.get(name) != token) {
                return; // added back meanwhile, or retired again (that later retirement finishes it)
            }
            retiring.remove(name);
            Map<String, SensorScoring> next = new LinkedHashMap<>(sensors);
            gone = next.remove(name);
            if (gone == null) {
                return;
            }
            windowsOfRetired.put(name, gone.windows());
            sensors = Collections.unmodifiableMap(next);
        }
        gone.snapshot();
        LOG.info(
                "sensor {} removed from scoring after {} window(s), last verdict {}",
                name,
                gone.windows(),
                gone.verdict());
        verdictChanged();
    }

    /** What the dispatcher writes to, beside the spool. */
    public ReadingStage tap() {
        return new ReadingStage() {
            @Override
            public void write(List<Reading> batch) {
                for (Reading r : batch) {
                    SensorScoring s =
                            r.lineage() == null ? null : sensors.get(r.lineage().sensorName());
                    if (s != null
                            && (s.hasModel()
                                    || assignment.containsKey(r.lineage().sensorName()))) {
                        handoff.offer(r);
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {
                inputClosed = true;
            }
        };
    }

    public void start() {
        indicator.show(false);
        for (SensorModel m : config.models()) {
            LOG.info("scoring sensor(s) {} with model {}", m.sensors(), m.describe());
        }
        thread.start();
    }

    /**
     * Waits for the scorer to finish what was queued after the tap was closed (or stops it at the deadline) and
     * releases the indicator. Returns whether it ended in time.
     */
    public boolean awaitStop(long timeoutMillis) throws InterruptedException {
        inputClosed = true;
        thread.join(Math.max(1, timeoutMillis));
        boolean clean = !thread.isAlive();
        if (!clean) {
            thread.interrupt();
            thread.join(1000);
        }
        try {
            indicator.close();
        } catch (RuntimeException e) {
            LOG.warn("releasing the verdict output failed: {}", e.toString());
        }
        return clean;
    }

    /** Each scored sensor's state now, in config order. */
    public List<VerdictStatus> status() {
        List<VerdictStatus> out = new ArrayList<>();
        for (SensorScoring s : sensors.values()) {
            VerdictStatus v = s.status();
            if (v.model() != null || v.windowsScored() > 0) {
                out.add(v);
            }
        }
        return out;
    }

    public Optional<VerdictStatus> status(String sensor) {
        SensorScoring s = sensors.get(sensor);
        if (s == null) {
            return Optional.empty();
        }
        VerdictStatus v = s.status();
        return v.model() == null && v.windowsScored() == 0 && !assignment.containsKey(sensor)
                ? Optional.empty()
                : Optional.of(v);
    }

    /** Whether any scored sensor is in FAILURE (what the indicator shows). */
    public boolean anyFailure() {
        return anyFailure;
    }

    /** One line for the bridge's stop log. */
    public String summary() {
        long windows = 0;
        long changes = 0;
        for (VerdictStatus s : status()) {
            windows += s.windowsScored();
            changes += s.verdictChanges();
        }
        return "scoring: " + windows + " windows, " + changes + " verdict changes, " + handoff.dropped()
                + " readings dropped in its hand-off" + (anyFailure ? ", FAILURE" : ", all OK");
    }

    /** Readings dropped from the scorer's hand-off, all sensors. */
    public long droppedInHandoff() {
        return handoff.dropped();
    }

    /** Readings waiting in the hand-off (tests). */
    int queued() {
        return handoff.size();
    }

    private void run() {
        List<Reading> batch = new ArrayList<>(BATCH_MAX);
        try {
            while (true) {
                boolean closed = inputClosed;
                batch.clear();
                int n = handoff.drainTo(batch, BATCH_MAX, 50);
                Map<String, LiveModel> models = assignment;
                Map<String, SensorScoring> known = sensors;
                for (Reading r : batch) {
                    String name = r.lineage().sensorName();
                    SensorScoring s = known.get(name);
                    if (s == null) {
                        continue; // cannot happen: a sensor retires only after its last reading passed
                    }
                    s.follow(models.get(name));
                    s.accept(r);
                }
                handoff.runPassed();
                if (closed && n == 0 && handoff.isEmpty()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the scorer thread failed; readings are still spooled and delivered, but not scored", e);
        } finally {
            handoff.runPassed();
            sensors.values().forEach(SensorScoring::snapshot);
        }
    }

    private void verdictChanged() {
        boolean failure = false;
        for (SensorScoring s : sensors.values()) {
            failure |= s.verdict() == Verdict.FAILURE;
        }
        if (failure != anyFailure) {
            anyFailure = failure;
            try {
                indicator.show(failure);
            } catch (RuntimeException e) {
                LOG.error("setting the verdict output failed: {}", e.toString());
            }
        }
    }
}

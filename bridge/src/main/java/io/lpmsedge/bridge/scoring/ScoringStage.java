package io.lpmsedge.bridge.scoring;

import io.lpmsedge.bridge.pipeline.QueueFullPolicy;
import io.lpmsedge.bridge.pipeline.ReadingHandoff;
import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.bridge.pipeline.ReadingStage;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.window.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final Map<String, SensorScoring> sensors = new LinkedHashMap<>();
    private final VerdictIndicator indicator;
    private final Thread thread;
    private volatile boolean inputClosed;
    private volatile boolean anyFailure;

    public ScoringStage(ScoringConfig config, VerdictPublisher publisher, VerdictIndicator indicator) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("scoring is not enabled in this configuration");
        }
        this.config = config;
        this.indicator = indicator;
        this.handoff = new ReadingHandoff(config.queueCapacity(), QueueFullPolicy.DROP_OLDEST);
        // One row scorer for every sensor: they all run on the scorer thread, and a POJO keeps state in fields.
        RowScorer rowScorer = config.scorer().newRowScorer();
        for (String name : config.sensors()) {
            SensorCounters drops = new SensorCounters();
            handoff.register(name, drops);
            sensors.put(name, new SensorScoring(name, config.scorer(), rowScorer, drops, config.modelName(),
                    config.windowEvents(), publisher, this::verdictChanged));
        }
        this.thread = new Thread(this::run, "scorer");
    }

    /** What the dispatcher writes to, beside the spool. */
    public ReadingStage tap() {
        return new ReadingStage() {
            @Override
            public void write(List<Reading> batch) {
                for (Reading r : batch) {
                    if (r.lineage() != null && sensors.containsKey(r.lineage().sensorName())) {
                        handoff.offer(r);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                inputClosed = true;
            }
        };
    }

    public void start() {
        indicator.show(false);
        LOG.info("scoring {} sensor(s) {} with {} ({} layout, window {} stride {}, threshold {}, {})",
                sensors.size(), sensors.keySet(), config.modelName(), config.scorer().layout().key(),
                config.scorer().window().size(), config.scorer().window().stride(), config.scorer().threshold(),
                config.scorer().rule().describe());
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
            out.add(s.status());
        }
        return out;
    }

    public Optional<VerdictStatus> status(String sensor) {
        SensorScoring s = sensors.get(sensor);
        return s == null ? Optional.empty() : Optional.of(s.status());
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
                for (Reading r : batch) {
                    sensors.get(r.lineage().sensorName()).accept(r);
                }
                if (closed && n == 0 && handoff.isEmpty()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the scorer thread failed; readings are still spooled and delivered, but not scored", e);
        } finally {
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

package io.lpmsedge.bridge.scoring;

import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.scorer.window.Continuity;
import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.VerdictTracker;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import io.lpmsedge.scorer.window.WindowScorer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sensor on the scorer thread: the window scorer of its model and what its windows produce (events, log lines,
 * the status snapshot). Windows never span a reconnect or lost readings: the scorer closes the open window when the
 * lineage shows a new link epoch or a skipped seq (readings dropped from the hand-off show up that way too).
 *
 * <p><b>Model swap at a window boundary</b> (a reload gave the sensor another model, see docs/scoring.md). The new
 * model starts at the old model's next window start (a reading where one of the old model's windows begins; at a
 * gap, the reading after it) and is fed alongside the old one until it closes its first window. Every window closing
 * before that is judged by the old model, that window and every later one by the new model; with equal window
 * settings these are exactly the windows the old model would have closed: no reading lost, no window judged twice
 * or skipped. A gap while both run restarts the new model at the reading after the gap. A sensor with no model
 * yet starts on its first reading; one that loses its model stops after the old model's next window.
 *
 * <p><b>The verdict belongs to the sensor</b>, not the model: the new model's rule starts in the sensor's verdict
 * ({@link io.lpmsedge.scorer.window.VerdictRule#newTracker(Verdict)}), so a swap alone publishes no change. Window
 * indices in the events count the sensor's windows since start, across swaps (and across a removal and re-adding of
 * the sensor by reloads: {@code firstWindow}).
 */
final class SensorScoring {
    private static final Logger LOG = LoggerFactory.getLogger(SensorScoring.class);

    private final String sensor;
    private final SensorCounters handoffDrops;
    private final boolean windowEvents;
    private final VerdictPublisher publisher;
    private final Runnable onVerdictChange;

    /** Judges the sensor's windows now; null while it has no model. */
    private Judge active;
    /** The next model, started at an old window start and fed alongside {@link #active} until its first window. */
    private Judge incoming;
    /** The next model, waiting for the old model's next window start. */
    private LiveModel pending;
    /** The sensor lost its model: scoring stops when the active model closes its next window. */
    private boolean retiring;

    private VerdictTracker verdict;
    private volatile boolean hasModel;

    private Reading last;
    private long readings;
    private long windows;
    private long changes;
    private long gaps;
    private long errors;
    private long swaps;
    private double lastRms = Double.NaN;
    private final double[] recent = new double[VerdictStatus.RECENT];
    private int recentCount;
    private volatile VerdictStatus status;

    SensorScoring(
            String sensor,
            SensorCounters handoffDrops,
            boolean windowEvents,
            VerdictPublisher publisher,
            Runnable onVerdictChange,
            long firstWindow) {
        this.sensor = sensor;
        this.windows = firstWindow;
        this.handoffDrops = handoffDrops;
        this.windowEvents = windowEvents;
        this.publisher = publisher;
        this.onVerdictChange = onVerdictChange;
        snapshot();
    }

    /**
     * Whether a model judges this sensor now (any thread). The tap hands a sensor's readings over while this is true
     * or the current assignment gives it a model; only the scorer thread writes it, so a reload racing a retirement
     * cannot leave a sensor's readings held back.
     */
    boolean hasModel() {
        return hasModel;
    }

    /** Picks up the sensor's model of the current assignment (scorer thread, before each reading). */
    void follow(LiveModel model) {
        LiveModel now = active == null ? null : active.model;
        if (model == now) {
            pending = null;
            incoming = null;
            retiring = false;
            return;
        }
        if (model == null) {
            pending = null;
            incoming = null;
            retiring = active != null;
            return;
        }
        retiring = false;
        if (incoming != null && incoming.model == model) {
            return;
        }
        incoming = null;
        pending = model;
    }

    void accept(Reading r) {
        last = r;
        readings++;
        try {
            feed(r);
        } catch (RuntimeException e) {
            // A model that throws on one reading must not stop the scorer thread for every sensor.
            if (errors++ == 0) {
                LOG.error("scoring sensor {} failed (logged once; counted in its status): {}", sensor, e.toString());
            }
        }
        if ((readings & 1023) == 0) {
            snapshot();
        }
    }

    private void feed(Reading r) {
        if (active == null) {
            if (pending == null) {
                return;
            }
            // No model yet: no window is open, the model starts right here.
            take(new Judge(pending), r.lineage().seq());
            pending = null;
        }
        Judge next = incoming;
        if (next != null) {
            next.feed(r);
            if (active == next) {
                return; // it closed its first window on this reading and took over: the old model is done
            }
            if (next.gap) {
                incoming = null; // it lost its window: start it again at the old model's next window start
                pending = next.model;
            }
        }
        Judge old = active;
        old.feed(r);
        if (old.gap && incoming != null) {
            pending = incoming.model;
            incoming = null;
        }
        if (pending != null && incoming == null && old.atWindowStart()) {
            incoming = new Judge(pending);
            pending = null;
            incoming.feed(r);
        }
        if (retiring && old.closed) {
            LOG.info("sensor {} is no longer scored (model '{}' removed from its sensors)", sensor, old.model.name());
            active = null;
            retiring = false;
            hasModel = false;
            snapshot();
        }
    }

    /** {@code j} judges this sensor from the window starting at {@code firstSeq}. */
    private void take(Judge j, long firstSeq) {
        Judge from = active;
        active = j;
        hasModel = true;
        verdict = j.model.model.scorer().rule().newTracker(verdict == null ? Verdict.OK : verdict.current());
        if (from == null) {
            LOG.info("sensor {} is scored by model {}", sensor, j.model.model.describe());
        } else {
            swaps++;
            LOG.info(
                    "sensor {}: model {} replaces '{}' from the window starting at seq {} (window {})",
                    sensor,
                    j.model.model.describe(),
                    from.model.name(),
                    firstSeq,
                    windows);
        }
        snapshot();
    }

    /** Windows judged so far, counting from the first window index given (scorer thread). */
    long windows() {
        return windows;
    }

    Verdict verdict() {
        return verdict == null ? Verdict.OK : verdict.current();
    }

    private void judged(Judge j, WindowResult w) {
        long index = windows++;
        lastRms = w.rms();
        recent[(int) (index % recent.length)] = w.rms();
        recentCount = Math.min(recentCount + 1, recent.length);
        Verdict previous = verdict.current();
        Verdict now = verdict.update(w.exceeds());
        boolean changed = now != previous;
        String model = j.model.name();
        double threshold = j.scorer.threshold();
        if (changed || windowEvents) {
            VerdictEvent event = new VerdictEvent(
                    VerdictEvent.SOURCE_BRIDGE,
                    sensor,
                    last.lineage().bridge(),
                    last.lineage().bootId(),
                    last.lineage().linkEpoch(),
                    index,
                    w.firstRow(),
                    w.firstRow() + w.rows() - 1,
                    w.startTime(),
                    w.endTime(),
                    last.receivedAtNanos(),
                    w.rms(),
                    threshold,
                    w.exceeds(),
                    now.name(),
                    previous.name(),
                    model);
            if (changed) {
                changes++;
                String line = "verdict {} -> {} for sensor {}: window {} (seq {}..{}, sensor time {}..{} s), rms {} "
                        + "vs threshold {}, model {}";
                Object[] args = {
                    previous,
                    now,
                    sensor,
                    index,
                    event.firstSeq(),
                    event.lastSeq(),
                    w.startTime(),
                    w.endTime(),
                    w.rms(),
                    threshold,
                    model
                };
                if (now == Verdict.FAILURE) {
                    LOG.warn(line, args);
                } else {
                    LOG.info(line, args);
                }
            }
            publisher.publish(event, changed);
        }
        snapshot();
        if (changed) {
            onVerdictChange.run();
        }
    }

    /** The last window scores, oldest first. */
    private List<Double> recentRms() {
        List<Double> out = new ArrayList<>(recentCount);
        for (long w = windows - recentCount; w < windows; w++) {
            out.add(recent[(int) (w % recent.length)]);
        }
        return out;
    }

    /** The latest snapshot, with the hand-off's drop count read now. */
    VerdictStatus status() {
        VerdictStatus s = status;
        return new VerdictStatus(
                s.sensor(),
                s.verdict(),
                s.lastRms(),
                s.threshold(),
                s.windowsScored(),
                s.verdictChanges(),
                s.readingsScored(),
                s.gaps(),
                handoffDrops.droppedQueueFull(),
                s.scoreErrors(),
                s.recentRms(),
                s.model(),
                s.modelLoadedAt(),
                s.swaps());
    }

    /** Publishes the scorer thread's counters for other threads (one volatile write of an immutable record). */
    void snapshot() {
        Judge a = active;
        status = new VerdictStatus(
                sensor,
                verdict(),
                lastRms,
                a == null ? Double.NaN : a.scorer.threshold(),
                windows,
                changes,
                readings,
                gaps,
                0,
                errors,
                recentRms(),
                a == null ? null : a.model.name(),
                a == null ? null : a.model.loadedAt,
                swaps);
    }

    /** One model's window scorer on this sensor, with where the last reading fed sits in its run of readings. */
    private final class Judge implements WindowListener {
        final LiveModel model;
        final WindowScorer scorer;
        final int stride;
        /** Index of the last reading fed within its run (a run restarts at a gap); -1 before the first. */
        long position = -1;

        boolean gap;
        boolean closed;

        Judge(LiveModel model) {
            this.model = model;
            this.scorer = model.model.scorer().newWindowScorer(model.rowScorer, this);
            this.stride = model.model.scorer().window().stride();
        }

        void feed(Reading r) {
            gap = false;
            closed = false;
            scorer.accept(r);
            position = gap ? 0 : position + 1;
        }

        /** Whether one of this model's windows begins at the reading just fed. */
        boolean atWindowStart() {
            return position % stride == 0;
        }

        @Override
        public void onGap(long row, Continuity reason, int droppedRows) {
            gap = true;
            if (this == active) {
                gaps++;
            }
        }

        @Override
        public void onWindow(WindowResult w) {
            closed = true;
            if (this == incoming) {
                incoming = null;
                take(this, w.firstRow());
            }
            judged(this, w);
        }
    }
}

package io.lpmsedge.scoreservice;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.scorer.features.FeatureMapper;
import io.lpmsedge.scorer.window.Continuity;
import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.VerdictTracker;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import io.lpmsedge.scorer.window.WindowScorer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One sensor's scoring inside a partition, with windows anchored on the lineage seq: a window starts only at a
 * seq that is a multiple of the stride (at the sensor's first reading and again after every gap, readings are
 * skipped until one is). That makes window boundaries a function of the stream, not of where an instance
 * started reading, so after a rebalance the new owner closes exactly the windows the old owner would have.
 *
 * <p><b>Which model.</b> The lane follows the service's current {@link ModelSet}: the first entry matching its
 * sensor scores it; with none, its readings are counted as unmatched. When a reload gives the sensor another
 * model, the swap happens at a window boundary, so no reading is lost and no window judged twice: the new model
 * starts at its next anchor (a seq that is a multiple of its stride) and is fed alongside the old one until it
 * closes its first window; every window closing before that is the old model's, that one and every later one the
 * new model's (with equal window settings exactly the windows the old model would have closed). While no window
 * is open (first reading, after a gap) the new model simply starts there.
 *
 * <p><b>The verdict belongs to the lane</b>, not to a model: it survives a swap. The new model's rule starts in
 * the verdict the sensor has (its counters empty, as right after entering that verdict), so swapping models does
 * not by itself publish a change; the rule's own windows decide from there.
 */
final class SensorLane {
    /** What the service wants to know about a lane (logs, the per-sensor model map). */
    interface Events {
        /** {@code to} scores the sensor from the window starting at {@code firstSeq} ({@code from}: before it). */
        void modelChosen(String sensor, ScoringModel from, ScoringModel to, long firstSeq);

        /** A reading of a sensor no model matches (called for every such reading; report once). */
        void unmatched(String sensor);

        /**
         * {@code model} cannot score this sensor: its readings lack outputs the model's features need. Called at
         * every anchor it is tried at; report once.
         */
        void missingOutputs(String sensor, ScoringModel model, String problem);
    }

    private final String sensor;
    private final long resumeOffset;
    private final Emit emit;
    private final Consumer<VerdictEvent> out;
    private final ServiceCounters counters;
    private final Supplier<ModelSet> models;
    private final Events events;

    private ModelSet seen;
    /** Scores the sensor now; null while no model matches it. */
    private Judge active;
    /** The next model, started at an anchor and fed alongside {@link #active} until its first window. */
    private Judge incoming;
    /** The next model, waiting for its anchor. */
    private ScoringModel pending;
    /** The sensor left the model set: scoring stops when the active model closes its next window. */
    private boolean retiring;
    /** The pending model whose outputs this sensor's readings lacked at its last anchor. */
    private ScoringModel cannotScore;

    private VerdictTracker verdict;
    private boolean aligned;
    private Lineage current;
    private long currentOffset;
    /** Host receive time of the current reading (the bridge's {@code recvNs}), 0 when the record had none. */
    private long currentRecvNs;

    /**
     * @param resumeOffset windows closed by a record below this offset were published by the partition's previous
     *                     owner (this one is warming up): they update the state but are not produced again
     * @param models       the service's current model set (read on every reading; changes at most per poll)
     */
    SensorLane(
            String sensor,
            long resumeOffset,
            Emit emit,
            Consumer<VerdictEvent> out,
            ServiceCounters counters,
            Supplier<ModelSet> models,
            Events events) {
        this.sensor = sensor;
        this.resumeOffset = resumeOffset;
        this.emit = emit;
        this.out = out;
        this.counters = counters;
        this.models = models;
        this.events = events;
    }

    void accept(Sample values, Lineage lineage, long offset) {
        follow();
        if (active == null && pending == null) {
            counters.unmatched.incrementAndGet();
            events.unmatched(sensor);
            return;
        }
        if (!aligned) {
            // No window is open: a new model starts right at its anchor, unless it was found unable to score this
            // sensor, in which case the old one (if any) carries on.
            boolean fresh = pending != null && (active == null || pending != cannotScore);
            int stride = fresh ? pending.config().window().stride() : active.stride;
            if (lineage.seq() % stride != 0) {
                (active == null && pending == cannotScore ? counters.missingOutputs : counters.unalignedSkipped)
                        .incrementAndGet();
                return;
            }
            if (fresh) {
                if (canScore(pending, values)) {
                    activate(new Judge(pending), lineage.seq());
                    pending = null;
                } else if (active == null) {
                    counters.missingOutputs.incrementAndGet();
                    return;
                } else if (lineage.seq() % active.stride != 0) {
                    counters.unalignedSkipped.incrementAndGet();
                    return;
                }
            }
            aligned = true;
        }
        current = lineage;
        currentOffset = offset;
        currentRecvNs = values.receivedAtNanos();
        if (pending != null
                && incoming == null
                && lineage.seq() % pending.config().window().stride() == 0
                && canScore(pending, values)) {
            incoming = new Judge(pending);
            pending = null;
        }
        if (incoming != null) {
            Judge next = incoming;
            next.feed(values, lineage);
            if (active == next) {
                return; // it closed its first window on this reading and took over: the old model is done
            }
            if (next.gap) {
                incoming = null; // it lost its window: start it again at the next anchor
                pending = next.model;
            }
        }
        Judge a = active;
        a.feed(values, lineage);
        if (a.gap) {
            if (incoming != null) {
                pending = incoming.model;
                incoming = null;
            }
            // The scorer restarted its window at this reading; keep it only if it is an anchor.
            if (lineage.seq() % a.stride != 0) {
                a.scorer.breakWindow();
                aligned = false;
            }
        }
        if (retiring && a.closed) {
            active = null;
            retiring = false;
            aligned = false;
        }
    }

    /**
     * Whether the sensor's readings carry what {@code model} needs; checked where the model would start, since a
     * model fed a missing output scores NaN and would call every window OK. If not, the lane keeps what it had
     * (nothing: its readings are counted as {@code missingOutputs}; or the old model) and tries again at the next
     * anchor.
     */
    private boolean canScore(ScoringModel model, Sample values) {
        try {
            new FeatureMapper(model.config().features()).requireOutputs(values, "sensor '" + sensor + "'");
            return true;
        } catch (IllegalArgumentException e) {
            cannotScore = model;
            events.missingOutputs(sensor, model, e.getMessage());
            return false;
        }
    }

    /** The model scoring this sensor now, or null. */
    ScoringModel model() {
        return active == null ? null : active.model;
    }

    Verdict verdict() {
        return verdict == null ? Verdict.OK : verdict.current();
    }

    /** Picks up a new model set: decides what this sensor moves to, applied at its next window boundary. */
    private void follow() {
        ModelSet set = models.get();
        if (set == seen) {
            return;
        }
        seen = set;
        ScoringModel m = set.modelFor(sensor);
        ScoringModel now = active == null ? null : active.model;
        incoming = incoming != null && incoming.model == m ? incoming : null;
        pending = m == now || incoming != null ? null : m;
        retiring = m == null && active != null;
    }

    private void activate(Judge j, long firstSeq) {
        ScoringModel from = active == null ? null : active.model;
        active = j;
        verdict = carried(j.model.config().rule(), verdict == null ? Verdict.OK : verdict.current());
        if (from != null) {
            counters.swaps.incrementAndGet();
        }
        events.modelChosen(sensor, from, j.model, firstSeq);
    }

    /** A fresh tracker of {@code rule} in {@code state} ({@link VerdictRule#newTracker(Verdict)}). */
    static VerdictTracker carried(VerdictRule rule, Verdict state) {
        return rule.newTracker(state);
    }

    private void judged(Judge j, WindowResult w) {
        Verdict before = verdict.current();
        Verdict after = verdict.update(w.exceeds());
        if (currentOffset < resumeOffset) {
            return;
        }
        counters.windows.incrementAndGet();
        counters.windowsOf(j.model.name()).incrementAndGet();
        if (emit == Emit.CHANGES && after == before) {
            return;
        }
        // The lane counts no windows (it may start mid-stream, and a hand-over must not change an event), so no
        // window index; everything else is the readings' and the model's, as the bridge writes it.
        out.accept(new VerdictEvent(
                VerdictEvent.SOURCE_SCORE_SERVICE,
                sensor,
                current.bridge(),
                current.bootId(),
                current.linkEpoch(),
                VerdictEvent.NO_WINDOW,
                w.firstRow(),
                current.seq(),
                w.startTime(),
                w.endTime(),
                currentRecvNs,
                w.rms(),
                j.scorer.threshold(),
                w.exceeds(),
                after.name(),
                before.name(),
                j.model.name()));
    }

    /** One model's window scorer on this sensor. */
    private final class Judge implements WindowListener {
        final ScoringModel model;
        final WindowScorer scorer;
        final int stride;
        boolean gap;
        boolean closed;

        Judge(ScoringModel model) {
            this.model = model;
            this.scorer = model.config().newWindowScorer(model.rowScorer(), this);
            this.stride = model.config().window().stride();
        }

        void feed(Sample values, Lineage lineage) {
            gap = false;
            closed = false;
            scorer.accept(values, values.sensorTime(), lineage, lineage.seq());
        }

        @Override
        public void onGap(long row, Continuity reason, int droppedRows) {
            gap = true;
        }

        @Override
        public void onWindow(WindowResult w) {
            closed = true;
            if (this == incoming) {
                incoming = null;
                activate(this, w.firstRow());
            }
            judged(this, w);
        }
    }
}

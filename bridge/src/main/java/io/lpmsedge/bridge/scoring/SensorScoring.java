package io.lpmsedge.bridge.scoring;

import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.window.Continuity;
import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import io.lpmsedge.scorer.window.WindowScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * One sensor on the scorer thread: its {@link WindowScorer} and what its windows produce (events, log lines, the
 * status snapshot). Windows never span a reconnect or lost readings: the scorer closes the open window when the
 * lineage shows a new link epoch or a skipped seq (readings dropped from the hand-off show up that way too).
 */
final class SensorScoring implements WindowListener {
    private static final Logger LOG = LoggerFactory.getLogger(SensorScoring.class);

    private final String sensor;
    private final WindowScorer scorer;
    private final SensorCounters handoffDrops;
    private final String model;
    private final boolean windowEvents;
    private final VerdictPublisher publisher;
    private final Runnable onVerdictChange;

    private Reading last;
    private long readings;
    private long windows;
    private long changes;
    private long gaps;
    private long errors;
    private double lastRms = Double.NaN;
    private final double[] recent = new double[VerdictStatus.RECENT];
    private int recentCount;
    private volatile VerdictStatus status;

    SensorScoring(String sensor, ScorerConfig config, RowScorer rowScorer, SensorCounters handoffDrops, String model,
                  boolean windowEvents, VerdictPublisher publisher, Runnable onVerdictChange) {
        this.sensor = sensor;
        this.scorer = config.newWindowScorer(rowScorer, this);
        this.handoffDrops = handoffDrops;
        this.model = model;
        this.windowEvents = windowEvents;
        this.publisher = publisher;
        this.onVerdictChange = onVerdictChange;
        snapshot();
    }

    void accept(Reading r) {
        last = r;
        readings++;
        try {
            scorer.accept(r);
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

    Verdict verdict() {
        return scorer.verdict();
    }

    @Override
    public void onWindow(WindowResult w) {
        windows++;
        lastRms = w.rms();
        recent[(int) ((windows - 1) % recent.length)] = w.rms();
        recentCount = Math.min(recentCount + 1, recent.length);
        Verdict previous = w.changed() ? (w.verdict() == Verdict.OK ? Verdict.FAILURE : Verdict.OK) : w.verdict();
        if (w.changed() || windowEvents) {
            VerdictEvent event = new VerdictEvent(VerdictEvent.SOURCE_BRIDGE, sensor, last.lineage().bridge(),
                    last.lineage().bootId(), last.lineage().linkEpoch(), w.window(), w.firstRow(),
                    w.firstRow() + w.rows() - 1, w.startTime(), w.endTime(), last.receivedAtNanos(), w.rms(),
                    scorer.threshold(), w.exceeds(), w.verdict().name(), previous.name(), model);
            if (w.changed()) {
                changes++;
                String line = "verdict {} -> {} for sensor {}: window {} (seq {}..{}, sensor time {}..{} s), rms {} "
                        + "vs threshold {}, model {}";
                Object[] args = {previous, w.verdict(), sensor, w.window(), event.firstSeq(), event.lastSeq(),
                        w.startTime(), w.endTime(), w.rms(), scorer.threshold(), model};
                if (w.verdict() == Verdict.FAILURE) {
                    LOG.warn(line, args);
                } else {
                    LOG.info(line, args);
                }
            }
            publisher.publish(event, w.changed());
        }
        snapshot();
        if (w.changed()) {
            onVerdictChange.run();
        }
    }

    @Override
    public void onGap(long row, Continuity reason, int droppedRows) {
        gaps++;
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
        return new VerdictStatus(s.sensor(), s.verdict(), s.lastRms(), s.threshold(), s.windowsScored(),
                s.verdictChanges(), s.readingsScored(), s.gaps(), handoffDrops.droppedQueueFull(), s.scoreErrors(),
                s.recentRms());
    }

    /** Publishes the scorer thread's counters for other threads (one volatile write of an immutable record). */
    void snapshot() {
        status = new VerdictStatus(sensor, scorer.verdict(), lastRms, scorer.threshold(), windows, changes, readings,
                gaps, 0, errors, recentRms());
    }
}

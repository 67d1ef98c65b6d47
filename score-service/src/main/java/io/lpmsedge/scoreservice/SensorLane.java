package io.lpmsedge.scoreservice;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.window.Continuity;
import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import io.lpmsedge.scorer.window.WindowScorer;

import java.util.function.Consumer;

/**
 * One sensor's scorer inside a partition, with windows anchored on the lineage seq: a window starts only at a
 * seq that is a multiple of the stride (at the sensor's first reading and again after every gap, readings are
 * skipped until one is). That makes window boundaries a function of the stream, not of where an instance
 * started reading, so after a rebalance the new owner closes exactly the windows the old owner would have.
 */
final class SensorLane implements WindowListener {
    private final String sensor;
    private final WindowScorer scorer;
    private final int stride;
    private final long resumeOffset;
    private final Emit emit;
    private final String model;
    private final Consumer<VerdictEvent> out;
    private final ServiceCounters counters;
    private boolean aligned;
    private boolean gap;
    private Lineage current;
    private long currentOffset;

    /**
     * @param resumeOffset windows closed by a record below this offset were published by the partition's previous
     *                     owner (this one is warming up): they update the state but are not produced again
     */
    SensorLane(String sensor, ScorerConfig config, RowScorer rowScorer, long resumeOffset, Emit emit, String model,
               Consumer<VerdictEvent> out, ServiceCounters counters) {
        this.sensor = sensor;
        this.scorer = config.newWindowScorer(rowScorer, this);
        this.stride = config.window().stride();
        this.resumeOffset = resumeOffset;
        this.emit = emit;
        this.model = model;
        this.out = out;
        this.counters = counters;
    }

    void accept(Sample values, Lineage lineage, long offset) {
        if (!aligned) {
            if (lineage.seq() % stride != 0) {
                counters.unalignedSkipped.incrementAndGet();
                return;
            }
            aligned = true;
        }
        current = lineage;
        currentOffset = offset;
        scorer.accept(values, values.sensorTime(), lineage, lineage.seq());
        if (gap) {
            gap = false;
            // The scorer restarted its window at this reading; keep it only if it is an anchor.
            if (lineage.seq() % stride != 0) {
                scorer.breakWindow();
                aligned = false;
            }
        }
    }

    Verdict verdict() {
        return scorer.verdict();
    }

    @Override
    public void onGap(long row, Continuity reason, int droppedRows) {
        gap = true;
    }

    @Override
    public void onWindow(WindowResult w) {
        if (currentOffset < resumeOffset) {
            return;
        }
        counters.windows.incrementAndGet();
        if (emit == Emit.CHANGES && !w.changed()) {
            return;
        }
        Verdict previous = w.changed() ? (w.verdict() == Verdict.OK ? Verdict.FAILURE : Verdict.OK) : w.verdict();
        out.accept(new VerdictEvent(sensor, current.bridge(), current.bootId(), current.linkEpoch(), w.firstRow(),
                current.seq(), w.rows(), w.startTime(), w.endTime(), w.rms(), scorer.threshold(), w.exceeds(),
                w.verdict(), previous, model));
    }
}

package io.lpmsedge.scorer.window;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.scorer.features.FeatureMapper;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.model.RowScorer;

/**
 * Readings of ONE sensor in, window results and verdict changes out: the object the bridge, the score-service
 * and {@code score} on files all run, so offline numbers are the live numbers.
 *
 * <p>Per-reading layout: each reading is mapped to a model row and scored; the window's value is the RMS of
 * the last {@code size} scores, taken every {@code stride} readings. Window-vector layout: the last
 * {@code size} readings' features are flattened reading-major into one model row, scored every
 * {@code stride} readings. Either way, a gap (time, sequence or reconnect; see {@link GapDetector}) drops the
 * open window instead of letting it span the gap, and the verdict rule keeps its state across the gap. The
 * mapper's derived features (one mapper per scorer, i.e. per sensor) restart their history there too.
 *
 * <p>Single-threaded, like its {@link RowScorer}. All buffers are allocated here, so accepting a reading
 * allocates nothing beyond what the model's {@code score0} does (a {@link WindowResult} per window).
 */
public final class WindowScorer {
    private final RowScorer scorer;
    private final FeatureMapper mapper;
    private final Layout layout;
    private final int size;
    private final int stride;
    private final int width;
    private final double threshold;
    private final VerdictTracker tracker;
    private final GapDetector gaps;
    private final WindowListener listener;

    private final double[] row;
    /** Per-reading: last {@code size} scores. Window-vector: last {@code size} readings × {@code width}. */
    private final double[] ring;

    private final long[] ringRows;
    private final double[] ringTimes;
    private final double[] windowVector;
    private int next;
    private int filled;
    private int sinceClose;
    private long windows;

    /**
     * @param mapper        reading → features; may be {@code null} if only {@link #acceptRow} is used
     * @param sampleRateHz  expected reading rate for the gap check; 0 if unknown
     */
    public WindowScorer(
            RowScorer scorer,
            FeatureMapper mapper,
            Layout layout,
            WindowConfig window,
            double threshold,
            VerdictRule rule,
            double sampleRateHz,
            WindowListener listener) {
        this.scorer = scorer;
        this.mapper = mapper;
        this.layout = layout;
        this.size = window.size();
        this.stride = window.stride();
        this.threshold = threshold;
        this.tracker = rule.newTracker();
        this.gaps = new GapDetector(sampleRateHz);
        this.listener = listener;
        if (layout == Layout.PER_READING) {
            this.width = scorer.width();
            this.ring = new double[size];
            this.windowVector = null;
        } else {
            if (scorer.width() % size != 0) {
                throw new IllegalArgumentException("window-vector model has " + scorer.width()
                        + " inputs, not a multiple of the window size " + size);
            }
            this.width = scorer.width() / size;
            this.ring = new double[size * width];
            this.windowVector = new double[size * width];
        }
        if (mapper != null && mapper.width() != width) {
            throw new IllegalArgumentException(
                    "feature mapping gives " + mapper.width() + " values per reading, " + "the model needs " + width);
        }
        this.row = new double[width];
        this.ringRows = new long[size];
        this.ringTimes = new double[size];
    }

    /** A reading with lineage as the bridge stamps it; the row id is the lineage seq (or the tick offline). */
    public void accept(Reading r) {
        accept(
                r.values(),
                r.sensorTime(),
                r.lineage(),
                r.lineage() != null ? r.lineage().seq() : r.tick());
    }

    /** A reading's values (a decoder's reused flyweight is fine: it is read before returning). */
    public void accept(SampleFields values, double sensorTime, Lineage lineage, long rowId) {
        accept(values, sensorTime, lineage, rowId, GapDetector.NO_FRAME);
    }

    /**
     * As above, from an input with its own per-sensor sample counter ({@code frame}, e.g. LpmsControl's
     * FrameNumber): a skipped frame is a gap, and timestamp jitter between contiguous frames is not.
     */
    public void accept(SampleFields values, double sensorTime, Lineage lineage, long rowId, long frame) {
        if (mapper == null) {
            throw new IllegalStateException("this scorer has no feature mapping (its manifest names CSV columns, not "
                    + "reading fields); use acceptRow");
        }
        // Continuity first: derived features (vibration, rest drift) must not difference across a gap.
        Continuity c = gaps.next(sensorTime, lineage, frame);
        if (c != Continuity.CONTINUES) {
            mapper.reset();
        }
        mapper.map(values, row, 0);
        accept(row, sensorTime, rowId, c);
    }

    /** Features already in model units and order (a CSV naming the model's columns). */
    public void acceptRow(double[] features, double sensorTime, Lineage lineage, long rowId) {
        accept(features, sensorTime, rowId, gaps.next(sensorTime, lineage));
    }

    private void accept(double[] features, double sensorTime, long rowId, Continuity c) {
        if (c != Continuity.CONTINUES && c != Continuity.FIRST) {
            closeOpenWindow(rowId, c);
        }
        int slot = next;
        ringRows[slot] = rowId;
        ringTimes[slot] = sensorTime;
        if (layout == Layout.PER_READING) {
            double s = scorer.score(features);
            ring[slot] = s;
            listener.onRowScore(rowId, s);
        } else {
            System.arraycopy(features, 0, ring, slot * width, width);
        }
        next = slot + 1 == size ? 0 : slot + 1;
        if (filled < size) {
            filled++;
        }
        sinceClose++;
        if (filled == size && sinceClose >= stride) {
            close();
        }
    }

    /**
     * The link was re-established (or the caller otherwise knows continuity is lost): drop the open window.
     * The bridge calls this on reconnect even when lineage would also show it.
     */
    public void breakWindow() {
        gaps.reset();
        if (mapper != null) {
            mapper.reset();
        }
        filled = 0;
        sinceClose = 0;
    }

    public Verdict verdict() {
        return tracker.current();
    }

    /** Windows closed so far. */
    public long windows() {
        return windows;
    }

    public double threshold() {
        return threshold;
    }

    /** Timestamp jumps between contiguous frames that were not taken for gaps (see {@link GapDetector}). */
    public long timeJumpsBridged() {
        return gaps.timeJumpsBridged();
    }

    private void closeOpenWindow(long rowId, Continuity reason) {
        // A window that was just closed (sinceClose == 0) loses nothing; a sliding one loses its partial stride.
        int dropped = filled == size ? sinceClose : filled;
        listener.onGap(rowId, reason, dropped);
        filled = 0;
        sinceClose = 0;
    }

    private void close() {
        sinceClose = 0;
        // The ring is full, so `next` is the oldest slot.
        double value;
        if (layout == Layout.PER_READING) {
            double sum = 0;
            for (double s : ring) {
                sum += s * s;
            }
            value = Math.sqrt(sum / size);
        } else {
            int head = (size - next) * width;
            System.arraycopy(ring, next * width, windowVector, 0, head);
            System.arraycopy(ring, 0, windowVector, head, next * width);
            value = scorer.score(windowVector);
        }
        boolean exceeds = value > threshold;
        Verdict before = tracker.current();
        Verdict after = tracker.update(exceeds);
        int last = next == 0 ? size - 1 : next - 1;
        listener.onWindow(new WindowResult(
                windows++,
                ringRows[next],
                size,
                ringTimes[next],
                ringTimes[last],
                value,
                exceeds,
                after,
                after != before));
    }
}

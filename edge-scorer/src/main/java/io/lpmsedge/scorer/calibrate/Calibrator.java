package io.lpmsedge.scorer.calibrate;

import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the row and window scores that {@link io.lpmsedge.scorer.window.WindowScorer}s produce on normal data
 * (with any threshold: only the values matter), per stream, and derives a {@link Calibration} from them. A
 * stream is one sensor of one input file: its windows go through a verdict rule of their own, and it is split
 * by time on its own (its last {@code holdout} share of readings is held out). Shared by {@code calibrate} and
 * {@code train}, which feed it the same windows, so both give the same threshold and rule for the same data.
 *
 * <p>Row ids must be the reading's index within its stream (0, 1, …), which is what the split compares.
 */
public final class Calibrator {
    private final boolean windowScoresAreRows;
    private final Map<String, Stream> streams = new LinkedHashMap<>();

    /** @param windowScoresAreRows true for window-vector models, whose only scores are per window */
    public Calibrator(boolean windowScoresAreRows) {
        this.windowScoresAreRows = windowScoresAreRows;
    }

    /** The listener for one stream's scorer. */
    public WindowListener forStream(String key) {
        Stream s = streams.computeIfAbsent(key, k -> new Stream());
        return new WindowListener() {
            @Override
            public void onRowScore(long row, double score) {
                s.rowScores.add(score);
            }

            @Override
            public void onWindow(WindowResult w) {
                s.values.add(w.rms());
                s.firstRows.add(w.firstRow());
            }
        };
    }

    /** A stream's length in readings, known once it has been read: where its held-out part starts. */
    public void readings(String key, long n) {
        streams.computeIfAbsent(key, k -> new Stream()).readings = n;
    }

    /**
     * @throws IllegalStateException when the data has too few scores for any threshold (fewer than 2 windows, or
     *                               for the 2017 rule fewer than 2 rows before the split)
     */
    public Calibration result(CalibrationOptions o) {
        List<Selection.Part> parts = new ArrayList<>();
        Doubles fitRows = new Doubles();
        for (Map.Entry<String, Stream> e : streams.entrySet()) {
            Stream s = e.getValue();
            if (s.readings == 0 && s.values.size > 0) {
                throw new IllegalStateException(
                        "stream '" + e.getKey() + "' has windows but no length: call readings()");
            }
            long split = (long) Math.floor(s.readings * (1 - o.holdout()));
            int heldFrom = 0;
            while (heldFrom < s.values.size && s.firstRows.values[heldFrom] < split) {
                heldFrom++;
            }
            parts.add(new Selection.Part(Arrays.copyOf(s.values.values, s.values.size), heldFrom));
            if (windowScoresAreRows) {
                fitRows.addAll(s.values.values, heldFrom);
            } else {
                fitRows.addAll(s.rowScores.values, (int) Math.min(split, s.rowScores.size));
            }
        }
        return new Selection(o, parts, fitRows.values, fitRows.size, windowScoresAreRows).run();
    }

    private static final class Stream {
        final Doubles values = new Doubles();
        final Longs firstRows = new Longs();
        final Doubles rowScores = new Doubles();
        long readings;
    }

    /** Growable double array: millions of row scores without boxing. */
    static final class Doubles {
        double[] values = new double[256];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(double[] v, int n) {
            for (int i = 0; i < n; i++) {
                add(v[i]);
            }
        }
    }

    private static final class Longs {
        long[] values = new long[256];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}

package io.lpmsedge.scorer.features;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleFields;

/**
 * Whether one sensor stands still, judged from its gyroscope against the gyroscope's own noise floor. Over the
 * last {@link Derivation#REST_READINGS} readings two things must hold, and must have held for
 * {@link Derivation#REST_HOLD} readings in a row (a minimum time at rest):
 * <ul>
 *   <li><b>still</b>: the readings scatter about their mean by no more than {@link Derivation#REST_SPREAD_FACTOR}
 *       × the noise floor (RMS per axis): no rocking, shaking, or change of rate beyond noise;</li>
 *   <li><b>not turning</b>: the magnitude of their mean rate is at most {@link Derivation#REST_LEVEL_FACTOR} ×
 *       the noise floor: what is left is a calibrated gyro's bias, not a rotation.</li>
 * </ul>
 * Why both: a range test alone (the earlier rule) also passes a <em>steady rotation</em>. The middle of a slow,
 * small move (e.g. at a 0.5x speed override) holds its rate at ~2.7 °/s within 0.1 °/s for a third of a second,
 * and was taken as rest; its rate then entered the at-rest means of {@link Derivation#REST_DRIFT} as a bias
 * change of the gyro. A level test alone would pass the first and last instants of every move. Whether a move
 * is fast or slow, its rate is far above the bound for most of it, and its ends change faster than noise; a
 * dwell's readings are bias plus noise. So rest is rest at any move speed.
 *
 * <p>Why relative to the noise floor rather than fixed °/s: the bounds then follow the sensor's own noise (a
 * unit, a sample rate or a filter setting with more noise still rests; one with less is judged more finely).
 * The floor is the lowest estimate of the gyro's white noise over the last
 * {@link Derivation#NOISE_FLOOR_READINGS}–2× that many readings (a sliding minimum, so a quiet unit is not
 * judged by a noisy minute and a changed unit is re-learnt within two spans). Each estimate comes from the
 * second difference of the rate (for white noise its variance is 6σ², while a move's smooth rate barely changes
 * it at 100 Hz), so it is right even while the arm moves, from the first readings of a stream on. It is never
 * taken below {@link Derivation#NOISE_FLOOR_MIN_DPS}, so quantised or noiseless input does not make the bounds 0.
 * A gyro whose bias exceeds the level bound (uncalibrated, or drifting away) never rests: rest-drift then stays
 * still and since-rest climbs, which is itself abnormal.
 *
 * <p>One per {@link FeatureMapper}, updated once per reading before the features that use it. Allocation-free.
 */
final class RestDetector {
    private static final int N = Derivation.REST_READINGS;
    private static final double MIN_FLOOR = Math.toRadians(Derivation.NOISE_FLOOR_MIN_DPS);
    private final double[] ring = new double[3 * N];
    private final double[] mean = new double[3];
    private int next;
    private int filled;
    private boolean atRest;
    private int sinceRest;
    private int still;
    private int staleCount;
    /** Sliding minimum of the noise estimate: the current span's minimum and the previous span's. */
    private double spanMin;

    private double previousSpanMin;
    private int spanFill;

    RestDetector() {
        reset();
    }

    void update(SampleFields reading) {
        for (int c = 0; c < 3; c++) {
            ring[next * 3 + c] = reading.get(Output.GYRO, c);
        }
        next = next + 1 == N ? 0 : next + 1;
        if (filled < N) {
            filled++;
        }
        still = filled == N && restLike() ? still + 1 : 0;
        atRest = still >= Derivation.REST_HOLD;
        if (!atRest && sinceRest + 1 == Derivation.SINCE_REST_CAP) {
            staleCount++;
        }
        sinceRest = atRest ? 0 : Math.min(sinceRest + 1, Derivation.SINCE_REST_CAP);
    }

    /** The two tests over the full ring; also feeds the noise floor. Oldest reading at {@code next}. */
    private boolean restLike() {
        double d2Squares = 0;
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double prev2 = 0;
            double prev1 = 0;
            for (int k = 0; k < N; k++) {
                double v = ring[((next + k) % N) * 3 + c];
                sum += v;
                if (k >= 2) {
                    double d2 = v - 2 * prev1 + prev2;
                    d2Squares += d2 * d2;
                }
                prev2 = prev1;
                prev1 = v;
            }
            mean[c] = sum / N;
        }
        double scatter = 0;
        for (int k = 0; k < N; k++) {
            for (int c = 0; c < 3; c++) {
                double d = ring[k * 3 + c] - mean[c];
                scatter += d * d;
            }
        }
        double spread = Math.sqrt(scatter / (3 * N));
        double floor = noiseFloor(Math.sqrt(d2Squares / (6.0 * 3 * (N - 2))));
        double level = Math.sqrt(mean[0] * mean[0] + mean[1] * mean[1] + mean[2] * mean[2]);
        return spread <= Derivation.REST_SPREAD_FACTOR * floor && level <= Derivation.REST_LEVEL_FACTOR * floor;
    }

    /** Adds one noise estimate and returns the floor: the minimum over the current and the previous span. */
    private double noiseFloor(double estimate) {
        spanMin = Math.min(spanMin, estimate);
        if (++spanFill == Derivation.NOISE_FLOOR_READINGS) {
            previousSpanMin = spanMin;
            spanMin = Double.POSITIVE_INFINITY;
            spanFill = 0;
        }
        return Math.max(MIN_FLOOR, Math.min(spanMin, previousSpanMin));
    }

    /**
     * How often the sensor went {@link Derivation#SINCE_REST_CAP} readings without rest (since the last reset).
     * Means taken at rest before such a stretch are stale: the unit warmed up or cooled while nothing could be
     * measured, so comparing with them would read a slow healthy change as a sudden one.
     */
    int staleCount() {
        return staleCount;
    }

    boolean atRest() {
        return atRest;
    }

    int sinceRest() {
        return sinceRest;
    }

    void reset() {
        next = 0;
        filled = 0;
        atRest = false;
        sinceRest = 0;
        still = 0;
        staleCount = 0;
        spanMin = Double.POSITIVE_INFINITY;
        previousSpanMin = Double.POSITIVE_INFINITY;
        spanFill = 0;
    }
}

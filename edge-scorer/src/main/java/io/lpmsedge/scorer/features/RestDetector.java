package io.lpmsedge.scorer.features;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleFields;

/**
 * Whether one sensor stands still, judged from its gyroscope: every component stayed within
 * {@link Derivation#REST_RANGE_DPS} over the last {@link Derivation#REST_READINGS} readings. A range rather than a
 * level, so a constant (or drifting) bias does not stop rest being seen, while motion, rocking and shaking do.
 * The range must have held for {@link Derivation#REST_HOLD} readings in a row: the slow tail of a long move can
 * pass the range test for a reading or two at ~1 °/s, which would pull a rest mean by far more than a bias
 * drifts in minutes; a real dwell passes it continuously.
 * One per {@link FeatureMapper}, updated once per reading before the features that use it.
 */
final class RestDetector {
    private static final double RANGE = Math.toRadians(Derivation.REST_RANGE_DPS);
    private final double[] ring = new double[3 * Derivation.REST_READINGS];
    private int next;
    private int filled;
    private boolean atRest;
    private int sinceRest;
    private int still;
    private int staleCount;

    void update(SampleFields reading) {
        for (int c = 0; c < 3; c++) {
            ring[next * 3 + c] = reading.get(Output.GYRO, c);
        }
        next = next + 1 == Derivation.REST_READINGS ? 0 : next + 1;
        if (filled < Derivation.REST_READINGS) {
            filled++;
        }
        still = filled == Derivation.REST_READINGS && withinRange() ? still + 1 : 0;
        atRest = still >= Derivation.REST_HOLD;
        if (!atRest && sinceRest + 1 == Derivation.SINCE_REST_CAP) {
            staleCount++;
        }
        sinceRest = atRest ? 0 : Math.min(sinceRest + 1, Derivation.SINCE_REST_CAP);
    }

    /**
     * How often the sensor went {@link Derivation#SINCE_REST_CAP} readings without rest (since the last reset).
     * Means taken at rest before such a stretch are stale: the unit warmed up or cooled while nothing could be
     * measured, so comparing with them would read a slow healthy change as a sudden one.
     */
    int staleCount() {
        return staleCount;
    }

    private boolean withinRange() {
        for (int c = 0; c < 3; c++) {
            double min = ring[c];
            double max = ring[c];
            for (int k = 1; k < Derivation.REST_READINGS; k++) {
                double v = ring[k * 3 + c];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max - min >= RANGE) {
                return false;
            }
        }
        return true;
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
    }
}

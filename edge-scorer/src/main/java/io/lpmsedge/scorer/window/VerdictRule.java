package io.lpmsedge.scorer.window;

/**
 * How window outcomes become a verdict: an immutable description (from the manifest) that makes a fresh
 * {@link VerdictTracker} per sensor.
 */
public interface VerdictRule {
    VerdictTracker newTracker();

    /**
     * A fresh tracker already in {@code state}, its counters empty, as right after entering that verdict: fed
     * exceeding windows until it says FAILURE, the shortest history giving that verdict (enter windows for
     * hysteresis, k for k-of-m). What a model swap starts the new model's rule in (the score-service's lanes, the
     * bridge's sensors): the verdict belongs to the sensor, not to the model.
     */
    default VerdictTracker newTracker(Verdict state) {
        VerdictTracker t = newTracker();
        for (int i = 0; state == Verdict.FAILURE && t.current() != Verdict.FAILURE && i < 100_000; i++) {
            t.update(true);
        }
        return t;
    }

    /** For summaries and messages, e.g. {@code hysteresis 2:3}. */
    String describe();

    /**
     * FAILURE after {@code enter} consecutive exceeding windows; back to OK after {@code exit} consecutive
     * non-exceeding ones. {@code 1:1} is a plain threshold.
     */
    record Hysteresis(int enter, int exit) implements VerdictRule {
        public Hysteresis {
            if (enter < 1 || exit < 1) {
                throw new IllegalArgumentException(
                        "hysteresis needs enter >= 1 and exit >= 1 windows, got " + enter + ":" + exit);
            }
        }

        @Override
        public VerdictTracker newTracker() {
            return new HysteresisTracker(enter, exit);
        }

        @Override
        public String describe() {
            return "hysteresis " + enter + ":" + exit;
        }
    }

    /** The 2017 system's rule: FAILURE while at least {@code k} of the last {@code m} windows exceed. */
    record KOfM(int k, int m) implements VerdictRule {
        public KOfM {
            if (m < 1 || k < 1 || k > m) {
                throw new IllegalArgumentException("k-of-m needs 1 <= k <= m, got k=" + k + ", m=" + m);
            }
        }

        @Override
        public VerdictTracker newTracker() {
            return new KOfMTracker(k, m);
        }

        @Override
        public String describe() {
            return k + " of last " + m;
        }
    }
}

package io.lpmsedge.scorer.features;

/**
 * State of one derived feature of one sensor: the field's wire value in, the feature out, once per reading.
 * Allocation-free; {@link #reset()} forgets the history where the reading stream breaks.
 */
abstract class DerivedFeature {
    abstract double next(double value);

    abstract void reset();

    static DerivedFeature of(Derivation d, RestDetector rest) {
        return switch (d) {
            case VIB -> new Vibration();
            case REST_DRIFT -> new RestDrift(rest);
            case SINCE_REST -> new SinceRest(rest);
            case NONE -> throw new IllegalArgumentException("not a derived feature");
        };
    }

    /** {@link Derivation#VIB}: RMS of the second difference over the last few readings. */
    static final class Vibration extends DerivedFeature {
        private final double[] squares = new double[Derivation.VIB_READINGS];
        private int seen;
        private double prev1;
        private double prev2;
        private int next;

        @Override
        double next(double v) {
            // Until three readings are in, there is no second difference: report 0 (quiet) rather than a spike.
            double d2 = seen >= 2 ? v - 2 * prev1 + prev2 : 0;
            prev2 = prev1;
            prev1 = v;
            if (seen < 2) {
                seen++;
            }
            squares[next] = d2 * d2;
            next = next + 1 == squares.length ? 0 : next + 1;
            double sum = 0;
            for (double s : squares) {
                sum += s;
            }
            return Math.sqrt(sum / squares.length);
        }

        @Override
        void reset() {
            seen = 0;
            next = 0;
            java.util.Arrays.fill(squares, 0);
        }
    }

    /** {@link Derivation#REST_DRIFT}: recent minus long-term mean at rest (0 until the sensor has rested). */
    static final class RestDrift extends DerivedFeature {
        private final RestDetector rest;
        private long n;
        private double fast;
        private double slow;
        private int stale;

        RestDrift(RestDetector rest) {
            this.rest = rest;
        }

        @Override
        double next(double v) {
            if (rest.atRest()) {
                if (stale != rest.staleCount()) {
                    // No rest for a long stretch: start both means afresh rather than compare with old ones.
                    stale = rest.staleCount();
                    n = 0;
                }
                n++;
                // Plain means until each has its length, then exponential: no start-up bias towards 0.
                fast += (v - fast) / Math.min(n, Derivation.REST_FAST);
                slow += (v - slow) / Math.min(n, Derivation.REST_SLOW);
            }
            return fast - slow;
        }

        @Override
        void reset() {
            n = 0;
            fast = 0;
            slow = 0;
            stale = 0;
        }
    }

    /** {@link Derivation#SINCE_REST}: readings since the gyro last stood still. */
    static final class SinceRest extends DerivedFeature {
        private final RestDetector rest;

        SinceRest(RestDetector rest) {
            this.rest = rest;
        }

        @Override
        double next(double v) {
            return rest.sinceRest();
        }

        @Override
        void reset() {
            // The detector's state is reset by the mapper.
        }
    }
}

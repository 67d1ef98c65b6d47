package io.lpmsedge.scorer.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.model.ScoreKind;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.WindowConfig;
import io.lpmsedge.scorer.window.WindowScorer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Derived features on crafted readings: what each computes, its warm-up, and that history resets at gaps. */
class DerivedFeaturesTest {
    private static final double DPS = Math.toRadians(1);

    private static SampleValues reading(double acc0, double gx, double gy, double gz) {
        return SampleValues.builder()
                .set(Output.ACC, acc0, 0, -1)
                .set(Output.GYRO, gx, gy, gz)
                .build();
    }

    private static FeatureMapper mapper(String... sources) {
        List<FeatureMapping> m = new ArrayList<>();
        for (String s : sources) {
            Derivation.Source src = Derivation.parse(s);
            m.add(new FeatureMapping(s, src.field(), 1, 0, src.derive()));
        }
        return new FeatureMapper(m);
    }

    @Test
    void parsesAndWritesDerivedFeatures() {
        assertEquals(new Derivation.Source(FieldRef.parse("acc[0]"), Derivation.VIB), Derivation.parse("vib(acc[0])"));
        assertEquals(
                "rest-drift(gyro[2])",
                Derivation.parse(" rest-drift( gyro[2] ) ").toString());
        assertEquals("since-rest(gyro)", Derivation.parse("since-rest(gyro)").toString());
        assertEquals("acc[1]", Derivation.parse("acc[1]").toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Derivation.parse("vib(acc[0]"))
                .getMessage()
                .contains("malformed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Derivation.parse("lowpass(acc[0])"))
                .getMessage()
                .startsWith("unknown derived feature 'lowpass(acc[0])'; known: vib: "));
    }

    @Test
    void vibrationIgnoresSmoothMotionAndMeasuresRinging() {
        FeatureMapper m = mapper("vib(acc[0])");
        double[] out = new double[1];
        // A straight ramp (constant velocity of the value): second difference 0.
        for (int i = 0; i < 30; i++) {
            m.map(reading(0.01 * i, 0, 0, 0), out, 0);
        }
        assertEquals(0, out[0], 1e-12);
        // Alternating ±a: second difference ±4a, so the RMS over a full ring is 4a.
        for (int i = 0; i < Derivation.VIB_READINGS + 2; i++) {
            m.map(reading(i % 2 == 0 ? 0.05 : -0.05, 0, 0, 0), out, 0);
        }
        assertEquals(0.2, out[0], 1e-12);
    }

    /** A gyro reading: rate (°/s per axis) plus white noise of {@code noiseDps} per axis, as a real gyro has. */
    private static SampleValues gyro(java.util.Random noise, double noiseDps, double gx, double gy, double gz) {
        return reading(
                0,
                (gx + noiseDps * noise.nextGaussian()) * DPS,
                (gy + noiseDps * noise.nextGaussian()) * DPS,
                (gz + noiseDps * noise.nextGaussian()) * DPS);
    }

    /** {@code n} readings of a gyro at a constant rate (gx, gy, gz) °/s with 0.05 °/s of noise. */
    private static void dwell(
            FeatureMapper m, java.util.Random noise, int n, double gx, double gy, double gz, double[] out) {
        for (int i = 0; i < n; i++) {
            m.map(gyro(noise, 0.05, gx, gy, gz), out, 0);
        }
    }

    @Test
    void restDriftFollowsTheBiasAtRestAndSinceRestCountsMotion() {
        java.util.Random noise = new java.util.Random(1);
        FeatureMapper m = mapper("rest-drift(gyro[2])", "since-rest(gyro)");
        double[] out = new double[2];
        dwell(m, noise, 2000, 0.1, 0, 0.05, out);
        assertEquals(0, Math.toDegrees(out[0]), 0.02, "a constant bias is the unit's own, not drift");
        assertEquals(0, out[1], 0);
        double before = out[0];
        // Moving: never still, so since-rest counts and the rest means do not move.
        for (int i = 0; i < 50; i++) {
            m.map(gyro(noise, 0.05, 20 * Math.sin((i + 1) / 5.0), 0, 0), out, 0);
        }
        assertEquals(50, out[1], 0);
        assertEquals(before, out[0], 0);
        // At rest again with the z bias 0.15 °/s higher: the recent mean leaves the long-term one.
        dwell(m, noise, 400, 0.1, 0, 0.2, out);
        assertTrue(out[0] > 0.1 * DPS, "rest drift " + Math.toDegrees(out[0]) + " °/s");
        assertEquals(0, out[1], 0);
    }

    @Test
    void aSteadySlowRotationIsNotRest() {
        // The middle of a small move at a 0.5x speed override: 2.7 °/s, steady within noise for seconds. A range
        // test passes it; its rate must not enter the at-rest means as a bias change.
        java.util.Random noise = new java.util.Random(2);
        FeatureMapper m = mapper("rest-drift(gyro[0])", "since-rest(gyro)");
        double[] out = new double[2];
        dwell(m, noise, 2000, 0.1, 0.05, 0, out);
        assertEquals(0, out[1], 0);
        double before = out[0];
        for (int i = 0; i < 300; i++) {
            m.map(gyro(noise, 0.05, 1.5, 2.2, 0.8), out, 0);
            assertTrue(out[1] > 0, "taken as rest after " + i + " readings of a 2.8 °/s rotation");
        }
        assertEquals(before, out[0], 0, "a rotation does not move the at-rest means");
    }

    @Test
    void restIsJudgedAgainstTheGyrosOwnNoise() {
        // Four times the noise (another unit, rate or filter): its dwells are still rest.
        java.util.Random noise = new java.util.Random(3);
        FeatureMapper noisy = mapper("since-rest(gyro)");
        double[] out = new double[1];
        int rests = 0;
        for (int i = 0; i < 3000; i++) {
            noisy.map(gyro(noise, 0.2, 0.3, -0.2, 0.1), out, 0);
            rests += out[0] == 0 ? 1 : 0;
        }
        assertTrue(rests > 2900, rests + " of 3000 readings of a noisy dwell at rest");
        // A quiet gyro whose rate creeps from -0.3 to +0.3 °/s in a third of a second is not at rest, though its
        // mean stays near 0 (the level test alone would pass it).
        FeatureMapper quiet = mapper("since-rest(gyro)");
        dwell(quiet, noise, 3000, 0, 0, 0, out);
        assertEquals(0, out[0], 0);
        for (int i = 0; i < 30; i++) {
            quiet.map(gyro(noise, 0.05, 0, 0, -0.3 + 0.6 * i / 29.0), out, 0);
        }
        assertTrue(out[0] > 0, "a creeping rate taken as rest");
    }

    @Test
    void aLongStretchWithoutRestRestartsTheRestMeans() {
        java.util.Random noise = new java.util.Random(4);
        FeatureMapper m = mapper("rest-drift(gyro[0])", "since-rest(gyro)");
        double[] out = new double[2];
        dwell(m, noise, 2000, 0, 0, 0, out);
        for (int i = 0; i < Derivation.SINCE_REST_CAP + 10; i++) {
            m.map(gyro(noise, 0.05, 10 * Math.sin(i / 5.0), 0, 0), out, 0);
        }
        assertEquals(Derivation.SINCE_REST_CAP, out[1], 0);
        // The bias moved while nothing could be measured: compared afresh, not with the stale mean.
        dwell(m, noise, 200, 0.2, 0, 0, out);
        assertEquals(0, out[1], 0);
        assertEquals(0, Math.toDegrees(out[0]), 0.02);
    }

    @Test
    void restBasedFeaturesNeedTheGyro() {
        FeatureMapper m = mapper("since-rest(gyro)");
        assertTrue(m.requiredOutputs().contains(Output.GYRO));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> m.requireOutputs(
                        SampleValues.builder().set(Output.ACC, 0, 0, -1).build(), "capture.bin sensor 1"));
        assertTrue(
                e.getMessage()
                        .startsWith("the manifest maps [since-rest(gyro) <- since-rest(gyro)] but "
                                + "capture.bin sensor 1 sends only [acc]"),
                e.getMessage());
    }

    /** score = the row's only feature, so window RMS shows what the mapper produced. */
    private static final class Echo implements RowScorer {
        final List<Double> rows = new ArrayList<>();

        @Override
        public int width() {
            return 1;
        }

        @Override
        public ScoreKind kind() {
            return ScoreKind.REGRESSION;
        }

        @Override
        public double score(double[] row) {
            rows.add(row[0]);
            return row[0];
        }
    }

    @Test
    void theWindowScorerResetsDerivedFeaturesAtAGapAndOnBreakWindow() {
        Echo echo = new Echo();
        WindowScorer s = new WindowScorer(
                echo,
                mapper("vib(acc[0])"),
                Layout.PER_READING,
                new WindowConfig(10, 10),
                1,
                new VerdictRule.Hysteresis(1, 1),
                100,
                w -> {});
        // Steady ramp, then a tick gap after which the value jumps: without a reset the jump would be a spike.
        for (int i = 0; i < 20; i++) {
            s.accept(reading(0.001 * i, 0, 0, 0), i * 0.01, null, i);
        }
        s.accept(reading(0.5, 0, 0, 0), 1.0, null, 20);
        s.accept(reading(0.5, 0, 0, 0), 1.01, null, 21);
        assertEquals(0, echo.rows.get(20), 0, "first reading after the gap starts a fresh history");
        assertEquals(0, echo.rows.get(21), 0);
        s.breakWindow();
        s.accept(reading(-0.5, 0, 0, 0), 1.02, null, 22);
        assertEquals(0, echo.rows.get(22), 0, "breakWindow() forgets the history too");
    }
}

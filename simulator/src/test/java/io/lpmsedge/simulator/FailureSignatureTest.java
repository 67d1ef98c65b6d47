package io.lpmsedge.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.simulator.fault.FailureKind;
import io.lpmsedge.simulator.motion.ImuModel;
import io.lpmsedge.simulator.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Each failure mode leaves a measurable, physically placed signature that grows with severity, while mild
 * severities stay small against the motion itself. OK and failing runs share the seed, so trajectory and noise
 * are identical and only the failure differs.
 */
class FailureSignatureTest {
    private static final int SECONDS = 60;
    private static final int N = 400 * SECONDS;

    /** Output samples at 400 Hz: acc (3 axes), gyro (3 axes), and whether the arm rested. */
    private record Run(double[][] acc, double[][] gyro, boolean[] dwell) {}

    private static Run run(Scenario scenario) {
        ImuModel m = new ImuModel(1234, 0, scenario, null);
        Sample s = new Sample();
        double[][] acc = new double[3][N];
        double[][] gyro = new double[3][N];
        boolean[] dwell = new boolean[N];
        for (int i = 0; i < N; i++) {
            m.step();
            m.fill(s);
            for (int k = 0; k < 3; k++) {
                acc[k][i] = s.get(Output.ACC, k);
                gyro[k][i] = s.get(Output.GYRO, k);
            }
            dwell[i] = m.arm().joints.dwell;
        }
        return new Run(acc, gyro, dwell);
    }

    private static Run run(FailureKind kind, double severity) {
        return run(kind == FailureKind.OK ? Scenario.ok() : Scenario.failure(kind, severity));
    }

    /** Sum over axes of the Hann-windowed spectral energy between f1 and f2 Hz, 512-sample blocks. */
    private static double bandEnergy(double[][] x, double f1, double f2) {
        int block = 512;
        int k1 = (int) Math.ceil(f1 * block / 400.0);
        int k2 = (int) Math.floor(f2 * block / 400.0);
        double[] w = new double[block];
        for (int i = 0; i < block; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (block - 1));
        }
        double energy = 0;
        for (double[] axis : x) {
            for (int start = 0; start + block <= axis.length; start += block) {
                for (int k = k1; k <= k2; k++) {
                    double re = 0;
                    double im = 0;
                    double step = 2 * Math.PI * k / block;
                    for (int i = 0; i < block; i++) {
                        double v = axis[start + i] * w[i];
                        re += v * Math.cos(step * i);
                        im -= v * Math.sin(step * i);
                    }
                    energy += re * re + im * im;
                }
            }
        }
        return energy;
    }

    private static double meanGyroShiftAtRest(Run ok, Run failing) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            double d = 0;
            int n = 0;
            for (int i = 0; i < N; i++) {
                if (ok.dwell[i]) {
                    d += failing.gyro[k][i] - ok.gyro[k][i];
                    n++;
                }
            }
            sum += (d / n) * (d / n);
        }
        return Math.sqrt(sum);
    }

    private static double rms(double[][] a, double[][] b) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < N; i++) {
                double d = a[k][i] - b[k][i];
                sum += d * d;
            }
        }
        return Math.sqrt(sum / (3.0 * N));
    }

    private static double motionRms(Run r) {
        // RMS of acc about its mean per axis: how big the arm's own signal is.
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            double mean = 0;
            for (int i = 0; i < N; i++) {
                mean += r.acc[k][i];
            }
            mean /= N;
            for (int i = 0; i < N; i++) {
                sum += (r.acc[k][i] - mean) * (r.acc[k][i] - mean);
            }
        }
        return Math.sqrt(sum / (3.0 * N));
    }

    private static void assertGrows(String what, double ok, double mild, double strong) {
        String values = what + ": ok=" + ok + " mild=" + mild + " strong=" + strong;
        assertTrue(ok < mild, "mild differs from OK; " + values);
        assertTrue(mild < strong, "strong differs more; " + values);
        assertTrue(mild - ok < (strong - ok) / 2, "mild is well below strong; " + values);
    }

    @Test
    void bearingDefectAddsEnergyAroundItsDefectFrequency() {
        Run ok = run(FailureKind.OK, 0);
        Run mild = run(FailureKind.BEARING, 0.15);
        Run strong = run(FailureKind.BEARING, 1.0);
        assertGrows(
                "acc energy 30–120 Hz",
                bandEnergy(ok.acc, 30, 120),
                bandEnergy(mild.acc, 30, 120),
                bandEnergy(strong.acc, 30, 120));
        assertHidden(ok, mild);
    }

    @Test
    void backlashRingsTheArmsStructuralMode() {
        Run ok = run(FailureKind.OK, 0);
        Run mild = run(FailureKind.BACKLASH, 0.15);
        Run strong = run(FailureKind.BACKLASH, 1.0);
        assertGrows(
                "acc energy 24–32 Hz",
                bandEnergy(ok.acc, 24, 32),
                bandEnergy(mild.acc, 24, 32),
                bandEnergy(strong.acc, 24, 32));
        assertHidden(ok, mild);
    }

    @Test
    void looseMountResonatesAndTilts() {
        Run ok = run(FailureKind.OK, 0);
        Run mild = run(FailureKind.LOOSE_MOUNT, 0.15);
        Run strong = run(FailureKind.LOOSE_MOUNT, 1.0);
        assertGrows(
                "acc energy 15–45 Hz",
                bandEnergy(ok.acc, 15, 45),
                bandEnergy(mild.acc, 15, 45),
                bandEnergy(strong.acc, 15, 45));
        assertHidden(ok, mild);
    }

    @Test
    void gyroBiasDriftShiftsTheRateAtRest() {
        Run ok = run(FailureKind.OK, 0);
        Run mild = run(FailureKind.GYRO_DRIFT, 0.15);
        Run strong = run(FailureKind.GYRO_DRIFT, 1.0);
        assertGrows(
                "mean gyro shift at rest (rad/s)", 0, meanGyroShiftAtRest(ok, mild), meanGyroShiftAtRest(ok, strong));
        // Mild drift is below 0.05 °/s after a minute: the size of the sensor's own residual bias.
        assertTrue(meanGyroShiftAtRest(ok, mild) < Math.toRadians(0.05));
    }

    /** A mild failure changes acc by less than a tenth of the arm's own signal: hard to see in a raw plot. */
    private static void assertHidden(Run ok, Run mild) {
        double change = rms(ok.acc, mild.acc);
        double motion = motionRms(ok);
        assertTrue(change < 0.1 * motion, "mild change " + change + " g vs motion " + motion + " g");
    }
}

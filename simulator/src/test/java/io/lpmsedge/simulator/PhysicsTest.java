package io.lpmsedge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.simulator.motion.ImuModel;
import io.lpmsedge.simulator.motion.Quat;
import io.lpmsedge.simulator.motion.SensorErrors;
import io.lpmsedge.simulator.scenario.Scenario;
import org.junit.jupiter.api.Test;

class PhysicsTest {
    private static final int TICKS = 400 * 60;

    @Test
    void accelerationIsOneGWhileTheArmRests() {
        ImuModel m = new ImuModel(7, 0, Scenario.ok(), null);
        Sample s = new Sample();
        int rest = 0;
        for (int i = 0; i < TICKS; i++) {
            m.step();
            if (m.arm().joints.dwell) {
                m.fill(s);
                double g = norm(s, Output.ACC);
                // bias ≤ 4 mg/axis, noise ≈ 1 mg, ambient vibration 2 mg: well inside 3 %.
                assertEquals(1.0, g, 0.03, "|acc| at rest, tick " + i);
                // Residual: acc bias plus the orientation filter's error (up to ~1° just after a move).
                assertTrue(norm(s, Output.LIN_ACC) < 0.05, "linAcc at rest " + norm(s, Output.LIN_ACC));
                rest++;
            }
        }
        assertTrue(rest > 400 * 5, "the cycle has dwells: " + rest);
    }

    @Test
    void orientationOutputsAreConsistentAndMagnetometerMatchesTheField() {
        ImuModel m = new ImuModel(11, 2.0, Scenario.ok(), null);
        SensorErrors e = m.errors();
        double field = m.environment().fieldUt();
        Sample s = new Sample();
        double[] q = new double[4];
        double[] fromEuler = new double[4];
        double[] gravity = new double[3];
        double maxMoveAcc = 0;
        for (int i = 0; i < TICKS; i += 3) {
            m.step();
            m.step();
            m.step();
            m.fill(s);
            for (int k = 0; k < 4; k++) {
                q[k] = s.get(Output.QUAT, k);
            }
            assertEquals(1.0, Quat.norm(q), 1e-9, "quaternion norm");
            Quat.fromEuler(s.get(Output.EULER, 0), s.get(Output.EULER, 1), s.get(Output.EULER, 2), fromEuler);
            double dot =
                    Math.abs(q[0] * fromEuler[0] + q[1] * fromEuler[1] + q[2] * fromEuler[2] + q[3] * fromEuler[3]);
            assertEquals(1.0, dot, 1e-9, "euler describes the same rotation as quat");
            // Undo hard and soft iron: what is left is Earth's field, within noise.
            double[] mag = new double[3];
            for (int k = 0; k < 3; k++) {
                mag[k] = s.get(Output.MAG, k) - e.hardIron()[k];
            }
            double[] trueField = solve(e.softIron(), mag);
            assertEquals(field, Quat.length(trueField), 1.5, "|mag| without iron effects");
            // acc − linAcc is gravity along the sensor's own orientation: exactly 1 g.
            for (int k = 0; k < 3; k++) {
                gravity[k] = s.get(Output.ACC, k) - s.get(Output.LIN_ACC, k);
            }
            assertEquals(1.0, Quat.length(gravity), 1e-6);
            maxMoveAcc = Math.max(maxMoveAcc, norm(s, Output.LIN_ACC));
        }
        assertTrue(maxMoveAcc > 0.1, "the arm moves: peak linAcc " + maxMoveAcc + " g");
    }

    @Test
    void gyroIntegratesToTheAttitude() {
        ImuModel m = new ImuModel(3, 0, Scenario.ok(), null);
        double[] q = m.arm().attitude.clone();
        double[] dq = new double[4];
        double[] next = new double[4];
        for (int i = 0; i < 400 * 16; i++) {
            // Midpoint rule: rotate by the body rate over one tick.
            double[] w0 = m.arm().omega.clone();
            m.step();
            double[] w1 = m.arm().omega;
            double wx = (w0[0] + w1[0]) / 2;
            double wy = (w0[1] + w1[1]) / 2;
            double wz = (w0[2] + w1[2]) / 2;
            double rate = Math.sqrt(wx * wx + wy * wy + wz * wz);
            if (rate > 0) {
                Quat.fromAxisAngle(wx / rate, wy / rate, wz / rate, rate * ImuModel.TICK_SECONDS, dq);
                Quat.multiply(q, dq, next);
                System.arraycopy(next, 0, q, 0, 4);
            }
        }
        double[] truth = m.arm().attitude;
        double dot = Math.abs(q[0] * truth[0] + q[1] * truth[1] + q[2] * truth[2] + q[3] * truth[3]);
        double angleDeg = Math.toDegrees(2 * Math.acos(Math.min(1, dot)));
        assertTrue(angleDeg < 0.5, "integrated gyro is off the attitude by " + angleDeg + "° after two cycles");
    }

    @Test
    void pressureAltitudeAndTemperatureArePlausible() {
        ImuModel m = new ImuModel(5, 0, Scenario.ok(), null);
        Sample s = new Sample();
        m.fill(s);
        double p0 = s.get(Output.PRESSURE, 0);
        assertTrue(p0 > 99 && p0 < 102, "pressure " + p0 + " kPa");
        double altitude = s.get(Output.ALTITUDE, 0);
        assertTrue(altitude > -100 && altitude < 250, "altitude " + altitude + " m");
        double t0 = s.get(Output.TEMPERATURE, 0);
        for (int i = 0; i < 400 * 600; i++) {
            m.step();
        }
        m.fill(s);
        assertTrue(s.get(Output.TEMPERATURE, 0) > t0 + 2, "the sensor warms up after power-on");
    }

    private static double norm(Sample s, Output o) {
        double sum = 0;
        for (int i = 0; i < o.components(); i++) {
            sum += s.get(o, i) * s.get(o, i);
        }
        return Math.sqrt(sum);
    }

    /** Solves a 3×3 system by Cramer's rule. */
    private static double[] solve(double[] a, double[] b) {
        double det = det(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
        return new double[] {
            det(b[0], a[1], a[2], b[1], a[4], a[5], b[2], a[7], a[8]) / det,
            det(a[0], b[0], a[2], a[3], b[1], a[5], a[6], b[2], a[8]) / det,
            det(a[0], a[1], b[0], a[3], a[4], b[1], a[6], a[7], b[2]) / det
        };
    }

    private static double det(
            double a, double b, double c, double d, double e, double f, double g, double h, double i) {
        return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    }
}

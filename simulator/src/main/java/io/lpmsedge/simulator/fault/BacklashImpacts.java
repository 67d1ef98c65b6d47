package io.lpmsedge.simulator.fault;

import io.lpmsedge.simulator.motion.ArmState;
import io.lpmsedge.simulator.motion.JointState;
import io.lpmsedge.simulator.motion.Quat;
import java.util.SplittableRandom;

/**
 * Worn gearbox (backlash) with occasional joint slip. When a joint reverses, the motor crosses the lash gap
 * unloaded and the teeth strike the other flank: a short impact that rings the arm's first structural mode
 * ({@value #MODE_HZ} Hz, 8 % damping, typical for a 1 m serial arm). While moving, a worn joint also slips now
 * and then (stick-slip), a smaller impact at random times. Between reversals the link hangs on one flank, so
 * the shoulder angle is off by half the lash: the sensor's attitude flips by the lash angle at every reversal.
 * Severity scales the lash (up to {@value #MAX_LASH_DEG}°), the impact strength and the slip rate.
 */
public final class BacklashImpacts implements Failure {
    static final double MODE_HZ = 28;
    static final double ZETA = 0.08;
    static final double MAX_LASH_DEG = 0.6;
    /** Velocity kick given to the ringing mode by one reversal impact at severity 1, m/s² × s. */
    static final double IMPACT = 0.015;

    private static final double MOVING = 0.02;

    private final SplittableRandom random;
    private final int[] lastDirection = new int[JointState.JOINTS];
    private final double[] ringPos = new double[3];
    private final double[] ringVel = new double[3];
    private final double[] impactDirection = new double[3];
    private final double omega = 2 * Math.PI * MODE_HZ;
    private double flank;

    public BacklashImpacts(SplittableRandom random) {
        this.random = random;
    }

    @Override
    public void apply(double phaseTime, double severity, ArmState arm, FaultEffects out) {
        JointState j = arm.joints;
        for (int k = 0; k < JointState.JOINTS; k++) {
            double v = j.qd[k];
            int dir = v > MOVING ? 1 : (v < -MOVING ? -1 : 0);
            if (dir != 0) {
                if (lastDirection[k] != 0 && dir != lastDirection[k]) {
                    kick(severity * IMPACT * (1 + Math.abs(j.qdd[k])));
                }
                lastDirection[k] = dir;
            }
        }
        boolean moving = !j.dwell;
        if (moving && random.nextDouble() < severity * 0.4 * DT) {
            kick(severity * IMPACT * 0.5);
        }
        double target = lastDirection[JointState.SHOULDER] * Math.toRadians(MAX_LASH_DEG) * severity / 2;
        // The link swings across the gap within ~30 ms rather than teleporting.
        flank += (target - flank) * (DT / 0.03);
        for (int i = 0; i < 3; i++) {
            double a = -omega * omega * ringPos[i] - 2 * ZETA * omega * ringVel[i];
            ringVel[i] += a * DT;
            ringPos[i] += ringVel[i] * DT;
            out.acc[i] += a;
        }
        out.omega[1] += 0.01 * ringVel[2] * omega;
        Quat.fromAxisAngle(0, 1, 0, flank, out.tilt);
    }

    private void kick(double strength) {
        // Random direction, mostly across the forearm where the gear forces act.
        double x = 0.3 * random.nextGaussian();
        double y = random.nextGaussian();
        double z = random.nextGaussian();
        double n = Math.sqrt(x * x + y * y + z * z) + 1e-12;
        impactDirection[0] = x / n;
        impactDirection[1] = y / n;
        impactDirection[2] = z / n;
        for (int i = 0; i < 3; i++) {
            // A velocity kick to the oscillator whose acceleration we output: a unit impulse response ringing at
            // the mode frequency with peak ≈ strength × ω.
            ringVel[i] += strength * impactDirection[i];
        }
    }

    @Override
    public void reset() {
        for (int i = 0; i < 3; i++) {
            ringPos[i] = 0;
            ringVel[i] = 0;
        }
        java.util.Arrays.fill(lastDirection, 0);
        flank = 0;
    }
}

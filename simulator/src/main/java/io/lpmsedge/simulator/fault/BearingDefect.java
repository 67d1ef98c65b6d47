package io.lpmsedge.simulator.fault;

import io.lpmsedge.simulator.motion.ArmState;
import io.lpmsedge.simulator.motion.JointState;
import java.util.SplittableRandom;

/**
 * Outer-race defect in the base-axis drive bearing. Each ball rolling over the defect strikes the housing, so
 * the vibration repeats at the ball-pass frequency of the outer race, BPFO = (n/2)(1 − d/D·cos φ) × shaft
 * rate (standard rolling-bearing kinematics). With n = 9 balls, d/D = 0.2, φ = 0 that is 3.6 × the motor shaft
 * rate; the motor turns {@value #GEAR_RATIO} × the joint rate. At a typical base speed of 1 rad/s the defect
 * frequency is ≈ 46 Hz, sweeping with the move profile and vanishing in dwells: the fault only exists while
 * the joint turns, and its amplitude grows with speed (impact energy), which is what makes mild cases hide in
 * the motion.
 */
public final class BearingDefect implements Failure {
    static final double GEAR_RATIO = 80;
    static final double BPFO_FACTOR = 4.5 * (1 - 0.2);
    /** Peak housing acceleration at severity 1 and 1 rad/s joint speed, m/s² (≈ 0.04 g). */
    static final double PEAK = 0.4;

    private final double[] direction = new double[3];
    private final SplittableRandom random;
    private double defectPhase;
    private double shaftPhase;

    public BearingDefect(SplittableRandom random) {
        this.random = random;
        // Mostly radial to the base axis as seen by the sensor; fixed per sensor.
        double x = 0.3 + 0.2 * random.nextDouble();
        double y = 0.8;
        double z = 0.4 * random.nextDouble();
        double n = Math.sqrt(x * x + y * y + z * z);
        direction[0] = x / n;
        direction[1] = y / n;
        direction[2] = z / n;
    }

    /** The defect frequency in Hz at a base joint rate (rad/s). */
    public static double defectFrequency(double jointRate) {
        double shaftHz = GEAR_RATIO * Math.abs(jointRate) / (2 * Math.PI);
        return BPFO_FACTOR * shaftHz;
    }

    @Override
    public void apply(double phaseTime, double severity, ArmState arm, FaultEffects out) {
        double rate = arm.joints.qd[JointState.BASE];
        double shaftHz = GEAR_RATIO * Math.abs(rate) / (2 * Math.PI);
        defectPhase += 2 * Math.PI * BPFO_FACTOR * shaftHz * DT;
        shaftPhase += 2 * Math.PI * shaftHz * DT;
        defectPhase %= 2 * Math.PI;
        shaftPhase %= 2 * Math.PI;
        double load = Math.min(1.5, Math.abs(rate));
        if (load < 1e-3) {
            return;
        }
        // Impacts ring as a harmonic series, modulated once per shaft turn as the defect enters the load zone,
        // plus broadband roughness.
        double impact = Math.sin(defectPhase) + 0.5 * Math.sin(2 * defectPhase) + 0.25 * Math.sin(3 * defectPhase);
        double modulation = 1 + 0.5 * Math.sin(shaftPhase);
        double v = severity * PEAK * load * (impact * modulation + 0.3 * random.nextGaussian());
        for (int i = 0; i < 3; i++) {
            out.acc[i] += v * direction[i];
        }
        // The housing also rocks a little about the base axis.
        out.omega[2] += 0.004 * v;
    }

    @Override
    public void reset() {
        defectPhase = 0;
        shaftPhase = 0;
    }
}

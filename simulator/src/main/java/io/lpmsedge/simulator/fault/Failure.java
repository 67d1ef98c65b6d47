package io.lpmsedge.simulator.fault;

import io.lpmsedge.simulator.motion.ArmState;

/**
 * One physical failure mechanism. Called once per 400 Hz tick while its phase is in force; keeps its own state
 * (oscillators, phases, seeded random stream), so one instance belongs to one sensor.
 */
public interface Failure {
    /** Seconds per model tick. */
    double DT = 0.0025;

    /**
     * Adds this failure's effect for the current tick.
     *
     * @param phaseTime seconds since this failure's phase started
     * @param severity  (0, 1]: 1 is an obvious fault, 0.1 is barely visible in raw plots
     */
    void apply(double phaseTime, double severity, ArmState arm, FaultEffects out);

    /** Forgets dynamic state: called when the failure's phase starts. */
    void reset();
}

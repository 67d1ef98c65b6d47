package io.lpmsedge.simulator.motion;

import java.util.SplittableRandom;

/**
 * Healthy but varied running (issue 13): what changes on a real cell without anything being wrong, so that a
 * detector is tested on variation it was not designed around.
 *
 * <ul>
 *   <li><b>Cycle time and speed override</b>: every 3–8 minutes the cell runs at another speed (0.8–1.25× the
 *       nominal cycle, and now and then 0.5× "slow mode" as an operator's override); a new speed takes effect
 *       at the next cycle start, as a controller applies a new program speed, never in the middle of a move.</li>
 *   <li><b>Payload</b>: per stretch, parts of 0–2 kg; while a part is carried (grip to release) the wrist sags
 *       by 0.3° per kg, easing in and out over the grip and release dwells.</li>
 *   <li><b>Hall temperature</b>: ±2 °C over a 50-minute swing, which moves the gyro bias through its
 *       temperature coefficient.</li>
 *   <li><b>A recalibrated sensor</b>: once, 10–50 minutes in, the gyro bias steps by up to ±0.02 °/s per axis
 *       (what a fresh bias calibration leaves).</li>
 * </ul>
 * Drawn from its own seeded stream, so a sensor without varied running is exactly what it was before.
 */
public final class OperatingConditions {
    private static final double[] SPEEDS = {0.8, 0.9, 1.0, 1.1, 1.25};
    static final double SAG_RAD_PER_KG = Math.toRadians(0.3);

    private final SplittableRandom random;
    private final double recalibrationAt;
    private final double[] recalibrationStep = new double[3];
    private final double temperaturePhase;
    private double stretchEnd;
    private double speed = 1;
    private double payloadKg;

    public OperatingConditions(long seed) {
        this.random = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
        this.recalibrationAt = 600 + 2400 * random.nextDouble();
        for (int i = 0; i < 3; i++) {
            recalibrationStep[i] = Math.toRadians(0.02) * (2 * random.nextDouble() - 1);
        }
        this.temperaturePhase = 2 * Math.PI * random.nextDouble();
        this.payloadKg = 2 * random.nextDouble();
        this.stretchEnd = 180 + 300 * random.nextDouble();
    }

    /** The cycle speed factor for a cycle starting at {@code t} (call at cycle starts only, t non-decreasing). */
    public double speedForCycleAt(double t) {
        while (t >= stretchEnd) {
            speed = random.nextDouble() < 0.15 ? 0.5 : SPEEDS[random.nextInt(SPEEDS.length)];
            payloadKg = 2 * random.nextDouble();
            stretchEnd += 180 + 300 * random.nextDouble();
        }
        return speed;
    }

    /** Wrist sag while a part is carried, rad (the payload of the current stretch). */
    public double sagRad(double carried) {
        return SAG_RAD_PER_KG * payloadKg * carried;
    }

    /** Hall temperature offset from its mean, °C. */
    public double hallOffsetC(double t) {
        return 2 * Math.sin(2 * Math.PI * t / 3000 + temperaturePhase);
    }

    /** Gyro bias change since the start (the recalibration's step once it happened), rad/s, added to {@code out}. */
    public void addBiasStep(double t, double[] out) {
        if (t >= recalibrationAt) {
            for (int i = 0; i < 3; i++) {
                out[i] += recalibrationStep[i];
            }
        }
    }
}

package io.lpmsedge.simulator.motion;

import java.util.SplittableRandom;

/**
 * Where the simulated robot cell is: Earth's field, site altitude, weather and hall temperature. Values are
 * drawn per sensor from its seed within ranges typical of a factory hall in central Europe. The default field
 * (≈ 48 µT, inclination ≈ 64°, declination ≈ 3°) is roughly what the World Magnetic Model gives for southern
 * Germany, where LP-RESEARCH's customers' cells often are; the exact site does not matter, the magnitude and
 * dip do.
 *
 * @param fieldUt            total field intensity, µT
 * @param inclinationRad     dip below the horizontal
 * @param declinationRad     angle of magnetic north from the world x axis
 * @param siteAltitudeM      height of the robot base above sea level
 * @param seaLevelPressureKpa weather: sea-level pressure at t = 0
 * @param weatherAmplitudeKpa weather: slow drift amplitude
 * @param weatherPhase        phase of the weather drift
 * @param hallTemperatureC    ambient temperature
 * @param warmUpRiseC         how much the sensor warms up from power-on
 * @param warmUpTauS          warm-up time constant
 */
public record Environment(
        double fieldUt,
        double inclinationRad,
        double declinationRad,
        double siteAltitudeM,
        double seaLevelPressureKpa,
        double weatherAmplitudeKpa,
        double weatherPhase,
        double hallTemperatureC,
        double warmUpRiseC,
        double warmUpTauS) {
    public static final double STANDARD_PRESSURE_KPA = 101.325;
    /** Standard gravity, m/s². */
    public static final double G = 9.80665;

    public static Environment draw(SplittableRandom r) {
        return new Environment(
                48.0 + r.nextDouble() - 0.5,
                Math.toRadians(64 + r.nextDouble() - 0.5),
                Math.toRadians(3 + r.nextDouble()),
                20 + 100 * r.nextDouble(),
                STANDARD_PRESSURE_KPA + 0.8 * (r.nextDouble() - 0.5),
                0.15 + 0.2 * r.nextDouble(),
                2 * Math.PI * r.nextDouble(),
                20 + 5 * r.nextDouble(),
                6 + 4 * r.nextDouble(),
                600 + 600 * r.nextDouble());
    }

    /** Earth's field in the world frame (x north-ish, y west, z up), µT. */
    public void field(double[] out) {
        double horizontal = fieldUt * Math.cos(inclinationRad);
        out[0] = horizontal * Math.cos(declinationRad);
        out[1] = -horizontal * Math.sin(declinationRad);
        out[2] = -fieldUt * Math.sin(inclinationRad);
    }

    /** Sea-level pressure at time t: a slow weather drift (periods of 3 h and 11 h). */
    public double seaLevelPressure(double t) {
        return seaLevelPressureKpa
                + weatherAmplitudeKpa
                        * (0.6 * Math.sin(2 * Math.PI * t / 10800 + weatherPhase)
                                + 0.4 * Math.sin(2 * Math.PI * t / 39600 + 2 * weatherPhase));
    }

    /** International barometric formula: pressure at height h above sea level. */
    public static double pressureAt(double seaLevelKpa, double heightM) {
        return seaLevelKpa * Math.pow(1 - heightM / 44330.0, 5.255);
    }

    /** The inverse the sensor uses for its altitude output: standard sea-level pressure assumed. */
    public static double altitudeOf(double pressureKpa) {
        return 44330.0 * (1 - Math.pow(pressureKpa / STANDARD_PRESSURE_KPA, 1 / 5.255));
    }

    /** Sensor temperature: hall temperature plus self-heating after power-on. */
    public double temperature(double t) {
        return hallTemperatureC + warmUpRiseC * (1 - Math.exp(-t / warmUpTauS));
    }
}

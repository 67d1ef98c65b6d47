package io.lpmsedge.simulator.motion;

/**
 * Noise and error magnitudes of the simulated sensor, per output sample. These are typical figures of the
 * consumer/industrial MEMS parts an LPMS-B2-class sensor is built from, not numbers from an LPMS-B2 datasheet
 * (the stored sources have none); see docs/simulator.md#where-the-noise-numbers-come-from.
 * Noise densities are turned into per-sample standard deviations over the sensor's internal {@value #BANDWIDTH_HZ}
 * Hz output bandwidth.
 */
public final class NoiseSpec {
    /** Output bandwidth of the internal low-pass filter, Hz. */
    public static final double BANDWIDTH_HZ = 100;
    /** Gyro rate noise density, °/s/√Hz (typical 6-axis MEMS IMU: 0.004–0.007). */
    public static final double GYRO_DENSITY_DPS = 0.005;
    /** Accelerometer noise density, g/√Hz (typical: 70–120 µg/√Hz). */
    public static final double ACC_DENSITY_G = 90e-6;
    /** Magnetometer RMS noise, µT (typical 3-axis AMR/Hall magnetometer in high-resolution mode: 0.3–0.6). */
    public static final double MAG_RMS_UT = 0.3;
    /** Barometer RMS noise, kPa (typical MEMS barometer: ~1.3 Pa in standard resolution). */
    public static final double PRESSURE_RMS_KPA = 0.0013;
    /** Temperature sensor RMS noise, °C. */
    public static final double TEMPERATURE_RMS_C = 0.02;
    /** Heave estimate RMS noise, m. */
    public static final double HEAVE_RMS_M = 0.004;
    /** Residual gyro bias after the sensor's bias calibration, per axis, °/s (uniform ±). */
    public static final double GYRO_BIAS_DPS = 0.1;
    /** Gyro bias temperature coefficient, °/s per °C. */
    public static final double GYRO_TEMPCO_DPS = 0.01;
    /** Residual accelerometer offset after factory calibration, per axis, g (uniform ±). */
    public static final double ACC_BIAS_G = 0.004;
    /** Hard-iron offset of the mounting (screws, motor), per axis, µT (uniform ±). */
    public static final double HARD_IRON_UT = 6;
    /** Soft-iron distortion: diagonal scale ± and off-diagonal coupling ±. */
    public static final double SOFT_IRON_SCALE = 0.04;

    public static final double SOFT_IRON_COUPLING = 0.02;
    /**
     * Orientation error of the sensor's fusion filter, 1σ, degrees: static and added per rad/s of rotation.
     * LP-RESEARCH quotes < 0.5° static and < 2° dynamic for its LPMS-B2 orientation output.
     */
    public static final double ATTITUDE_STATIC_DEG = 0.25;

    public static final double ATTITUDE_DYNAMIC_DEG_PER_RADS = 0.6;
    /** Correlation time of the fusion error, s: it wanders slowly rather than jittering. */
    public static final double ATTITUDE_TAU_S = 2;
    /** Broadband machine vibration reaching the arm (motors, drives, neighbours), m/s² RMS per axis. */
    public static final double AMBIENT_VIBRATION = 0.02;

    private NoiseSpec() {}

    public static double gyroSigma() {
        return Math.toRadians(GYRO_DENSITY_DPS * Math.sqrt(BANDWIDTH_HZ));
    }

    public static double accSigma() {
        return ACC_DENSITY_G * Math.sqrt(BANDWIDTH_HZ);
    }
}

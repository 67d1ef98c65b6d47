package io.lpmsedge.simulator.motion;

/**
 * The minimum-jerk point-to-point profile s(τ) = 10τ³ − 15τ⁴ + 6τ⁵ on τ ∈ [0, 1]: zero velocity and zero
 * acceleration at both ends, which is how industrial arm controllers blend moves and what human reaching looks
 * like. Acceleration is continuous, so the simulated accelerometer never sees a step that a real arm cannot make.
 */
public final class MinimumJerk {
    private MinimumJerk() {}

    public static double position(double tau) {
        double t = clamp(tau);
        return t * t * t * (10 + t * (-15 + 6 * t));
    }

    /** ds/dτ. */
    public static double velocity(double tau) {
        double t = clamp(tau);
        return 30 * t * t * (1 - t) * (1 - t);
    }

    /** d²s/dτ². */
    public static double acceleration(double tau) {
        double t = clamp(tau);
        return 60 * t * (1 - t) * (1 - 2 * t);
    }

    private static double clamp(double t) {
        return t < 0 ? 0 : (t > 1 ? 1 : t);
    }
}

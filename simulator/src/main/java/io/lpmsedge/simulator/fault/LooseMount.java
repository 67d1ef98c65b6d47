package io.lpmsedge.simulator.fault;

import io.lpmsedge.simulator.motion.ArmState;
import io.lpmsedge.simulator.motion.Quat;
import java.util.SplittableRandom;

/**
 * The sensor's mount has worked loose. A tight mount is stiff enough that its own resonance is far above the
 * machine's vibration; a loose one becomes a lightly damped spring-mass whose resonance drops (here from
 * 45 Hz at the first sign to 20 Hz when really loose) and which amplifies the machine's broadband vibration and
 * every move's jerk (base excitation of a single-degree-of-freedom oscillator, 4 % damping). The sensor also
 * settles at a different angle on the loose mount: a static tilt of up to {@value #MAX_TILT_DEG}° about a
 * fixed axis, and it rocks with the relative motion.
 */
public final class LooseMount implements Failure {
    static final double MAX_TILT_DEG = 4;
    static final double ZETA = 0.04;
    /** Distance from the pivot to the sensor, m: converts relative displacement into rocking angle. */
    static final double LEVER = 0.03;

    private final double[] axis = new double[3];
    private final double[] pos = new double[3];
    private final double[] vel = new double[3];
    private final double[] rock = new double[4];
    private final double[] offset = new double[4];
    private final double[] combined = new double[4];

    public LooseMount(SplittableRandom random) {
        double ay = 0.5 + random.nextDouble();
        double az = random.nextDouble() - 0.5;
        double ax = 0.2 * (random.nextDouble() - 0.5);
        double n = Math.sqrt(ax * ax + ay * ay + az * az);
        axis[0] = ax / n;
        axis[1] = ay / n;
        axis[2] = az / n;
    }

    /** Resonance of the loosened mount in Hz at a severity. */
    public static double resonanceHz(double severity) {
        return 45 - 25 * severity;
    }

    @Override
    public void apply(double phaseTime, double severity, ArmState arm, FaultEffects out) {
        double w = 2 * Math.PI * resonanceHz(severity);
        // Compliance: how much of the base motion the loose joint lets through.
        double participation = severity;
        for (int i = 0; i < 3; i++) {
            // Relative displacement of the sensor on its mount: x'' + 2ζω x' + ω² x = −participation · a_base.
            double a = -w * w * pos[i] - 2 * ZETA * w * vel[i] - participation * arm.accMotion[i];
            vel[i] += a * DT;
            pos[i] += vel[i] * DT;
            out.acc[i] += a;
        }
        out.omega[1] += vel[2] / LEVER;
        out.omega[2] -= vel[1] / LEVER;
        // Settling over the first second of the phase, not a jump.
        double settle = Math.min(1, phaseTime);
        Quat.fromAxisAngle(axis[0], axis[1], axis[2], Math.toRadians(MAX_TILT_DEG) * severity * settle, offset);
        double rockAngle = pos[2] / LEVER;
        Quat.fromAxisAngle(0, 1, 0, rockAngle, rock);
        Quat.multiply(offset, rock, combined);
        System.arraycopy(combined, 0, out.tilt, 0, 4);
    }

    @Override
    public void reset() {
        for (int i = 0; i < 3; i++) {
            pos[i] = 0;
            vel[i] = 0;
        }
    }
}

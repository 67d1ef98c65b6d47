package io.lpmsedge.simulator.motion;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.simulator.fault.Failure;
import io.lpmsedge.simulator.fault.FailureKind;
import io.lpmsedge.simulator.fault.FailureSet;
import io.lpmsedge.simulator.fault.FaultEffects;
import io.lpmsedge.simulator.scenario.Phase;
import io.lpmsedge.simulator.scenario.Scenario;
import java.util.SplittableRandom;

/**
 * One simulated LPMS-B2 on a pick-and-place arm: true motion, environment, failure effects and sensor errors,
 * stepped at the sensor's internal 400 Hz tick, and sampled into LP-BUS outputs (wire units,
 * docs/lpms-protocol.md#wire-units).
 *
 * <p>Conventions: acc = motion + gravity in the sensor frame, in g, so a sensor lying flat reads (0, 0, −1);
 * linAcc = acc − gravity (from the sensor's own orientation estimate); quat is world ← sensor (w, x, y, z);
 * euler is roll/pitch/yaw (Z-Y-X) of that quaternion.
 *
 * <p>Deterministic: everything comes from the seed through separate random streams (trajectory, environment,
 * unit errors, vibration, failures, output noise), so switching on a failure never changes the trajectory or
 * the noise, only adds the failure. Allocation-free after construction. Not thread-safe.
 */
public final class ImuModel {
    /** Seconds per model tick: the LP-BUS 400 Hz counter (docs/lpms-protocol.md#timestamp). */
    public static final double TICK_SECONDS = 0.0025;

    private static final double[] DOWN = {0, 0, -1};

    /** Told when the machine state changes (and once at the start). */
    @FunctionalInterface
    public interface PhaseListener {
        void onPhase(long modelTick, double time, Phase phase);
    }

    private final Scenario scenario;
    private final PhaseListener listener;
    private final double cycleOffset;
    private final PickPlaceCycle cycle;
    private final ArmKinematics kinematics = new ArmKinematics();
    private final Environment env;
    private final SensorErrors errors;
    private final FailureSet failures;
    private final SplittableRandom vibration;
    private final SplittableRandom noise;
    private final ArmState arm = new ArmState();
    private final FaultEffects effects = new FaultEffects();

    private final double[] fieldWorld = new double[3];
    private final double[] linkAttitude = new double[4];
    private final double[] omegaWorld = new double[3];
    private final double[] accWorld = new double[3];
    private final double[] attitude = new double[4];
    private final double[] estimate = new double[4];
    private final double[] error = new double[4];
    private final double[] fusionError = new double[3];
    private final double[] accTrue = new double[3];
    private final double[] linTrue = new double[3];
    private final double[] omegaTrue = new double[3];
    private final double[] magTrue = new double[3];
    private final double[] tmp = new double[3];
    private final double[] out3 = new double[3];
    /** Broadband machine vibration of this tick, sensor frame, m/s². */
    private final double[] ambient = new double[3];
    /** Healthy variation (speed, payload, hall temperature, recalibration); null: the nominal cell. */
    private final OperatingConditions conditions;

    private final double[] sag = new double[4];
    private final double[] tiltTmp = new double[4];
    private final double[] biasStep = new double[3];
    private double cycleTime;
    private double lastTime;
    private double speed = 1;
    private long lastCycle;
    private double carried;
    private double height;
    private double homeHeight;
    private double pressure;
    private double temperature;

    private long tick;
    private int phaseIndex = -1;
    private double phaseStart;
    private Failure failure;
    private double severity;

    /**
     * @param seed        everything random about this sensor
     * @param cycleOffset seconds into the pick-and-place cycle at t = 0 (so a fleet's arms are out of phase)
     */
    public ImuModel(long seed, double cycleOffset, Scenario scenario, PhaseListener listener) {
        this(seed, cycleOffset, scenario, listener, null);
    }

    /** @param conditions healthy variation of the cell over time; {@code null} for the nominal cell */
    public ImuModel(
            long seed, double cycleOffset, Scenario scenario, PhaseListener listener, OperatingConditions conditions) {
        this.conditions = conditions;
        SplittableRandom root = new SplittableRandom(seed);
        this.cycle = new PickPlaceCycle(root.split());
        this.env = Environment.draw(root.split());
        this.errors = SensorErrors.draw(root.split());
        this.vibration = root.split();
        this.failures = new FailureSet(root.split());
        this.noise = root.split();
        this.scenario = scenario;
        this.listener = listener;
        this.cycleOffset = cycleOffset;
        env.field(fieldWorld);
        JointState home = new JointState();
        new PickPlaceCycle(new SplittableRandom(0)).evaluate(0, home);
        homeHeight = kinematics.solve(home, linkAttitude, omegaWorld, accWorld);
        compute();
    }

    /** Model ticks since the start (not the LP-BUS timestamp, which the host may set). */
    public long tick() {
        return tick;
    }

    public double time() {
        return tick * TICK_SECONDS;
    }

    /** Advances one 400 Hz tick. */
    public void step() {
        tick++;
        compute();
    }

    public Phase phase() {
        return scenario.phases().get(phaseIndex);
    }

    /** The true sensor temperature, °C (GET_SENSOR_TEMPERATURE). */
    public double temperature() {
        return temperature;
    }

    /** The true state (for tests). */
    public ArmState arm() {
        return arm;
    }

    public Environment environment() {
        return env;
    }

    public SensorErrors errors() {
        return errors;
    }

    private void compute() {
        double t = time();
        arm.time = t;
        int index = scenario.phaseIndexAt(t);
        if (index != phaseIndex) {
            phaseIndex = index;
            phaseStart = scenario.phaseStart(index);
            Phase p = scenario.phases().get(index);
            failure = failures.of(p.kind());
            severity = p.severity();
            if (failure != null) {
                failure.reset();
            }
            if (listener != null) {
                listener.onPhase(tick, t, p);
            }
        }

        if (conditions == null) {
            cycle.evaluate(t + cycleOffset, arm.joints);
        } else {
            variedCycle(t);
        }
        height = kinematics.solve(arm.joints, linkAttitude, omegaWorld, accWorld);
        Quat.multiply(linkAttitude, errors.mount(), arm.attitude);
        Quat.rotateInverse(arm.attitude, accWorld, arm.accMotion);
        for (int i = 0; i < 3; i++) {
            ambient[i] = NoiseSpec.AMBIENT_VIBRATION * vibration.nextGaussian();
            arm.accMotion[i] += ambient[i];
        }
        Quat.rotateInverse(arm.attitude, omegaWorld, arm.omega);

        effects.clear();
        if (failure != null) {
            failure.apply(t - phaseStart, severity, arm, effects);
        }
        if (conditions != null) {
            addPayloadSag();
        }

        Quat.multiply(arm.attitude, effects.tilt, attitude);
        Quat.rotateInverse(attitude, accWorld, linTrue);
        Quat.rotateInverse(attitude, omegaWorld, omegaTrue);
        for (int i = 0; i < 3; i++) {
            linTrue[i] = (linTrue[i] + ambient[i] + effects.acc[i]) / Environment.G;
            omegaTrue[i] += effects.omega[i];
        }
        Quat.rotateInverse(attitude, DOWN, tmp);
        for (int i = 0; i < 3; i++) {
            accTrue[i] = linTrue[i] + tmp[i];
        }
        Quat.rotateInverse(attitude, fieldWorld, magTrue);

        double z = env.siteAltitudeM() + height;
        pressure = Environment.pressureAt(env.seaLevelPressure(t), z);
        temperature = env.temperature(t) + (conditions == null ? 0 : conditions.hallOffsetC(t));
        if (conditions != null) {
            java.util.Arrays.fill(biasStep, 0);
            conditions.addBiasStep(t, biasStep);
        }

        // Fusion error: first-order Gauss-Markov per axis, larger while rotating (reference: "dynamic" accuracy).
        double rate = Quat.length(omegaTrue);
        double sigma = Math.toRadians(
                NoiseSpec.ATTITUDE_STATIC_DEG + NoiseSpec.ATTITUDE_DYNAMIC_DEG_PER_RADS * Math.min(rate, 3));
        double a = Math.exp(-TICK_SECONDS / NoiseSpec.ATTITUDE_TAU_S);
        double b = sigma * Math.sqrt(1 - a * a);
        for (int i = 0; i < 3; i++) {
            fusionError[i] = a * fusionError[i] + b * vibration.nextGaussian();
        }
    }

    /**
     * The cycle on its own clock, which runs at the current speed: a new speed starts with a new cycle (the arm
     * is at rest at home then), and rates and accelerations scale with it as they do on a real controller.
     */
    private void variedCycle(double t) {
        cycleTime += (t - lastTime) * speed;
        lastTime = t;
        cycle.evaluate(cycleTime + cycleOffset, arm.joints);
        if (arm.joints.cycle != lastCycle) {
            lastCycle = arm.joints.cycle;
            speed = conditions.speedForCycleAt(t);
        }
        for (int j = 0; j < JointState.JOINTS; j++) {
            arm.joints.qd[j] *= speed;
            arm.joints.qdd[j] *= speed * speed;
        }
    }

    /**
     * While a part is carried (from the grip dwell to the release dwell) the wrist sags with its weight; the
     * sag eases in and out with a 0.2 s time constant, as a gripper's load transfers.
     */
    private void addPayloadSag() {
        int seg = arm.joints.segment;
        double target = seg >= 2 && seg <= 5 ? 1 : 0;
        carried += (target - carried) * (1 - Math.exp(-TICK_SECONDS / 0.2));
        Quat.fromAxisAngle(1, 0, 0, conditions.sagRad(carried), sag);
        Quat.multiply(effects.tilt, sag, tiltTmp);
        System.arraycopy(tiltTmp, 0, effects.tilt, 0, 4);
    }

    /** Fills every LP-BUS output for the current tick, with sensor noise and errors, in wire units. */
    public void fill(Sample s) {
        s.clear();
        double gyroSigma = NoiseSpec.gyroSigma();
        double accSigma = NoiseSpec.accSigma();
        double tempDrift = Math.toRadians(NoiseSpec.GYRO_TEMPCO_DPS) * (temperature - env.hallTemperatureC());
        double[] gb = errors.gyroBias();
        for (int i = 0; i < 3; i++) {
            s.set(
                    Output.GYRO,
                    i,
                    omegaTrue[i]
                            + gb[i]
                            + biasStep[i]
                            + tempDrift
                            + effects.gyroBias[i]
                            + gyroSigma * noise.nextGaussian());
        }
        double[] ab = errors.accBias();
        for (int i = 0; i < 3; i++) {
            s.set(Output.ACC, i, accTrue[i] + ab[i] + accSigma * noise.nextGaussian());
        }
        double[] si = errors.softIron();
        double[] hi = errors.hardIron();
        for (int i = 0; i < 3; i++) {
            double m = si[i * 3] * magTrue[0] + si[i * 3 + 1] * magTrue[1] + si[i * 3 + 2] * magTrue[2];
            s.set(Output.MAG, i, m + hi[i] + NoiseSpec.MAG_RMS_UT * noise.nextGaussian());
        }
        // Angular velocity: the filter's bias-compensated rate; it cannot see a drifting bias.
        for (int i = 0; i < 3; i++) {
            s.set(Output.ANG_VEL, i, omegaTrue[i] + effects.gyroBias[i] + 0.5 * gyroSigma * noise.nextGaussian());
        }
        // Orientation estimate = truth ⊗ small fusion error (incl. a failure's heading error).
        double ex = fusionError[0];
        double ey = fusionError[1];
        double ez = fusionError[2] + effects.yawError;
        double angle = Math.sqrt(ex * ex + ey * ey + ez * ez);
        if (angle > 1e-12) {
            Quat.fromAxisAngle(ex / angle, ey / angle, ez / angle, angle, error);
        } else {
            Quat.identity(error);
        }
        Quat.multiply(attitude, error, estimate);
        Quat.normalize(estimate);
        if (estimate[0] < 0) {
            for (int i = 0; i < 4; i++) {
                estimate[i] = -estimate[i]; // canonical hemisphere, as filters usually report
            }
        }
        s.set(Output.QUAT, estimate[0], estimate[1], estimate[2], estimate[3]);
        Quat.toEuler(estimate, out3);
        s.set(Output.EULER, 0, out3[0]);
        s.set(Output.EULER, 1, out3[1]);
        s.set(Output.EULER, 2, out3[2]);
        // Linear acceleration as the sensor computes it: its acc minus gravity along its own estimate.
        Quat.rotateInverse(estimate, DOWN, tmp);
        for (int i = 0; i < 3; i++) {
            s.set(Output.LIN_ACC, i, s.get(Output.ACC, i) - tmp[i]);
        }
        double p = pressure + NoiseSpec.PRESSURE_RMS_KPA * noise.nextGaussian();
        s.set(Output.PRESSURE, 0, p);
        s.set(Output.ALTITUDE, 0, Environment.altitudeOf(p));
        s.set(Output.TEMPERATURE, 0, temperature + NoiseSpec.TEMPERATURE_RMS_C * noise.nextGaussian());
        s.set(Output.HEAVE, 0, height - homeHeight + NoiseSpec.HEAVE_RMS_M * noise.nextGaussian());
    }

    /** Whether the machine is in a failure phase now. */
    public boolean failing() {
        return phase().kind() != FailureKind.OK;
    }
}

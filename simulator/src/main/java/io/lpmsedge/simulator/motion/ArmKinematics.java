package io.lpmsedge.simulator.motion;

/**
 * Forward kinematics of the arm carrying the sensor at the end of its forearm: joint state in, sensor attitude,
 * body angular rate, world acceleration and height out. World frame: x north, y west, z up (metres).
 *
 * <p>The base yaws about z; shoulder and elbow pitch in the vertical plane of the arm (elevation angles add);
 * the wrist rolls about the forearm axis. The sensor's x axis points along the forearm. Acceleration is exact
 * (cylindrical coordinates, including centripetal and Coriolis terms), not a finite difference, so |acc| at
 * rest is exactly gravity.
 */
public final class ArmKinematics {
    /** Shoulder height above the robot base (m). */
    public static final double SHOULDER_HEIGHT = 0.65;
    /** Upper arm length (m). */
    public static final double UPPER_ARM = 0.60;
    /** Forearm length to the sensor (m). */
    public static final double FOREARM = 0.55;

    private final double[] qa = new double[4];
    private final double[] qb = new double[4];
    private final double[] axis = new double[3];

    /**
     * @param attitude out: world ← forearm link quaternion
     * @param omegaWorld out: angular velocity of the link in the world frame (rad/s)
     * @param accWorld out: acceleration of the sensor point in the world frame (m/s²), gravity excluded
     * @return height of the sensor point above the robot base (m)
     */
    public double solve(JointState j, double[] attitude, double[] omegaWorld, double[] accWorld) {
        double yaw = j.q[JointState.BASE];
        double e1 = j.q[JointState.SHOULDER];
        double e2 = e1 + j.q[JointState.ELBOW];
        double e1d = j.qd[JointState.SHOULDER];
        double e2d = e1d + j.qd[JointState.ELBOW];
        double e1dd = j.qdd[JointState.SHOULDER];
        double e2dd = e1dd + j.qdd[JointState.ELBOW];
        double yawD = j.qd[JointState.BASE];
        double yawDd = j.qdd[JointState.BASE];

        double c1 = Math.cos(e1);
        double s1 = Math.sin(e1);
        double c2 = Math.cos(e2);
        double s2 = Math.sin(e2);
        double r = UPPER_ARM * c1 + FOREARM * c2;
        double rd = -UPPER_ARM * s1 * e1d - FOREARM * s2 * e2d;
        double rdd = -UPPER_ARM * (c1 * e1d * e1d + s1 * e1dd) - FOREARM * (c2 * e2d * e2d + s2 * e2dd);
        double z = SHOULDER_HEIGHT + UPPER_ARM * s1 + FOREARM * s2;
        double zdd = UPPER_ARM * (-s1 * e1d * e1d + c1 * e1dd) + FOREARM * (-s2 * e2d * e2d + c2 * e2dd);

        double aRadial = rdd - r * yawD * yawD;
        double aTangential = r * yawDd + 2 * rd * yawD;
        double cy = Math.cos(yaw);
        double sy = Math.sin(yaw);
        accWorld[0] = aRadial * cy - aTangential * sy;
        accWorld[1] = aRadial * sy + aTangential * cy;
        accWorld[2] = zdd;

        // Attitude: yaw about z, then pitch down by −e2 about the new y (x up for positive elevation), then roll.
        Quat.fromAxisAngle(0, 0, 1, yaw, qa);
        Quat.fromAxisAngle(0, 1, 0, -e2, qb);
        Quat.multiply(qa, qb, attitude);
        Quat.fromAxisAngle(1, 0, 0, j.q[JointState.WRIST], qb);
        Quat.multiply(attitude, qb, qa);
        System.arraycopy(qa, 0, attitude, 0, 4);

        // Angular velocity: sum of joint rates about their world-frame axes.
        omegaWorld[0] = 0;
        omegaWorld[1] = 0;
        omegaWorld[2] = yawD;
        // Pitch axis is the yawed −y axis (elevation raises x).
        omegaWorld[0] += e2d * sy;
        omegaWorld[1] += -e2d * cy;
        axis[0] = 1;
        axis[1] = 0;
        axis[2] = 0;
        Quat.rotate(attitude, axis, axis);
        double wd = j.qd[JointState.WRIST];
        omegaWorld[0] += wd * axis[0];
        omegaWorld[1] += wd * axis[1];
        omegaWorld[2] += wd * axis[2];
        return z;
    }
}

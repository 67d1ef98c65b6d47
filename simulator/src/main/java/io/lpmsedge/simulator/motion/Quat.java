package io.lpmsedge.simulator.motion;

/**
 * Quaternion and vector helpers on plain {@code double[]} (w, x, y, z and x, y, z), so that the 400 Hz model
 * loop allocates nothing. Outputs must not alias inputs unless stated. A unit quaternion {@code q} here always
 * maps sensor-frame vectors into the world frame (world ← sensor), the usual meaning of an IMU's orientation.
 */
public final class Quat {
    private Quat() {}

    public static void identity(double[] q) {
        q[0] = 1;
        q[1] = 0;
        q[2] = 0;
        q[3] = 0;
    }

    /** Rotation by {@code angle} rad about the unit axis (ax, ay, az). */
    public static void fromAxisAngle(double ax, double ay, double az, double angle, double[] out) {
        double h = angle / 2;
        double s = Math.sin(h);
        out[0] = Math.cos(h);
        out[1] = ax * s;
        out[2] = ay * s;
        out[3] = az * s;
    }

    /** out = a ⊗ b (apply b first, then a). */
    public static void multiply(double[] a, double[] b, double[] out) {
        double w = a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3];
        double x = a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2];
        double y = a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1];
        double z = a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0];
        out[0] = w;
        out[1] = x;
        out[2] = y;
        out[3] = z;
    }

    /** out = q v q* : a sensor-frame vector expressed in the world frame. {@code out} may alias {@code v}. */
    public static void rotate(double[] q, double[] v, double[] out) {
        rotate(q[0], q[1], q[2], q[3], v, out);
    }

    /** out = q* v q : a world-frame vector expressed in the sensor frame. {@code out} may alias {@code v}. */
    public static void rotateInverse(double[] q, double[] v, double[] out) {
        rotate(q[0], -q[1], -q[2], -q[3], v, out);
    }

    private static void rotate(double w, double x, double y, double z, double[] v, double[] out) {
        // v' = v + w t + q×t with t = 2 q×v: 15 multiplications, no matrix.
        double tx = 2 * (y * v[2] - z * v[1]);
        double ty = 2 * (z * v[0] - x * v[2]);
        double tz = 2 * (x * v[1] - y * v[0]);
        double ox = v[0] + w * tx + (y * tz - z * ty);
        double oy = v[1] + w * ty + (z * tx - x * tz);
        double oz = v[2] + w * tz + (x * ty - y * tx);
        out[0] = ox;
        out[1] = oy;
        out[2] = oz;
    }

    public static double norm(double[] q) {
        return Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    }

    public static void normalize(double[] q) {
        double n = norm(q);
        for (int i = 0; i < 4; i++) {
            q[i] /= n;
        }
    }

    /**
     * Euler angles (roll about x, pitch about y, yaw about z; aerospace Z-Y-X order, radians) of a unit
     * quaternion. The LP sources do not define their convention (docs/lpms-protocol.md#wire-units); this one is
     * documented in the
     * docs/simulator.md and is what {@link #fromEuler} inverts.
     */
    public static void toEuler(double[] q, double[] out) {
        double w = q[0];
        double x = q[1];
        double y = q[2];
        double z = q[3];
        out[0] = Math.atan2(2 * (w * x + y * z), 1 - 2 * (x * x + y * y));
        double sp = 2 * (w * y - z * x);
        out[1] = Math.asin(Math.max(-1, Math.min(1, sp)));
        out[2] = Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
    }

    /** Quaternion of Z-Y-X Euler angles: yaw about z, then pitch about the new y, then roll about the new x. */
    public static void fromEuler(double roll, double pitch, double yaw, double[] out) {
        double cr = Math.cos(roll / 2);
        double sr = Math.sin(roll / 2);
        double cp = Math.cos(pitch / 2);
        double sp = Math.sin(pitch / 2);
        double cy = Math.cos(yaw / 2);
        double sy = Math.sin(yaw / 2);
        out[0] = cr * cp * cy + sr * sp * sy;
        out[1] = sr * cp * cy - cr * sp * sy;
        out[2] = cr * sp * cy + sr * cp * sy;
        out[3] = cr * cp * sy - sr * sp * cy;
    }

    public static double length(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
}

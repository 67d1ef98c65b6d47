package io.lpmsedge.protocol.data;

/**
 * The outputs of a function-9 data frame, declared in payload order (docs/lpms-protocol.md#field-order: field order is
 * not bit
 * order). Units are the wire units of docs/lpms-protocol.md#wire-units; nothing is converted here.
 */
public enum Output {
    GYRO("gyro", 12, 3, "rad/s"),
    ACC("acc", 11, 3, "g"),
    MAG("mag", 10, 3, "uT"),
    ANG_VEL("angVel", 16, 3, "rad/s"),
    /** Quaternion in w, x, y, z order. */
    QUAT("quat", 18, 4, "1"),
    EULER("euler", 17, 3, "rad"),
    LIN_ACC("linAcc", 21, 3, "g"),
    PRESSURE("pressure", 9, 1, "kPa"),
    ALTITUDE("altitude", 19, 1, "m"),
    TEMPERATURE("temperature", 13, 1, "degC"),
    HEAVE("heave", 14, 1, "m"),
    /**
     * No LPMS-B2 firmware sends humidity (docs/lpms-protocol.md#humidity): the config word has no bit for it. The slot
     * exists so
     * that a firmware which adds one can be described by a {@link FirmwareProfile} giving its bit; with the
     * built-in profiles it is always absent.
     */
    HUMIDITY("humidity", -1, 1, "%RH");

    /** Number of value slots over all outputs (26 LP-BUS components + humidity). */
    public static final int SLOTS;

    private static final Output[] VALUES = values();

    static {
        int slot = 0;
        for (Output o : VALUES) {
            o.slot = slot;
            slot += o.components;
        }
        SLOTS = slot;
    }

    private final String key;
    private final int configBit;
    private final int components;
    private final String unit;
    private int slot;

    Output(String key, int configBit, int components, String unit) {
        this.key = key;
        this.configBit = configBit;
        this.components = components;
        this.unit = unit;
    }

    /** The JSON key used in every output of the project (decode, bridge records, scorer manifests). */
    public String key() {
        return key;
    }

    /** Config-word / transmit-mask bit on LPMS2 firmware, or -1 when the profile decides (humidity). */
    public int configBit() {
        return configBit;
    }

    /** The SET_TRANSMIT_DATA mask bit of this output, or 0 for humidity. */
    public int maskBit() {
        return configBit < 0 ? 0 : 1 << configBit;
    }

    public int components() {
        return components;
    }

    public String unit() {
        return unit;
    }

    /** Index of component 0 in a flat value array of {@link #SLOTS} doubles. */
    public int slot() {
        return slot;
    }

    public static Output byKey(String key) {
        for (Output o : VALUES) {
            if (o.key.equalsIgnoreCase(key) || o.name().equalsIgnoreCase(key)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown output '" + key + "'; known: " + keys());
    }

    public static String keys() {
        StringBuilder sb = new StringBuilder();
        for (Output o : VALUES) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(o.key);
        }
        return sb.toString();
    }

    /** Transmit mask for a set of outputs (humidity contributes nothing). */
    public static int mask(Output... outputs) {
        int mask = 0;
        for (Output o : outputs) {
            mask |= o.maskBit();
        }
        return mask;
    }

    static Output of(int ordinal) {
        return VALUES[ordinal];
    }
}

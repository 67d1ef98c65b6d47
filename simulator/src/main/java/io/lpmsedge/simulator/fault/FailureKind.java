package io.lpmsedge.simulator.fault;

import java.util.Locale;

/** The machine states a scenario can schedule. */
public enum FailureKind {
    OK("ok", "healthy machine"),
    BEARING("bearing", "outer-race defect in the base drive bearing: vibration at the defect frequency"),
    BACKLASH("backlash", "worn gearbox: impacts at direction reversals and slips, link hangs on one flank"),
    LOOSE_MOUNT("loose-mount", "sensor mount loosened: low resonance, rocking and a changed orientation offset"),
    GYRO_DRIFT("gyro-drift", "gyroscope bias drifting away (ageing or thermal fault)");

    private final String key;
    private final String description;

    FailureKind(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static FailureKind byKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (FailureKind f : values()) {
            if (f.key.equals(k)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown machine state '" + key + "'; use one of: " + keys());
    }

    public static String keys() {
        StringBuilder sb = new StringBuilder();
        for (FailureKind f : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.key);
        }
        return sb.toString();
    }
}

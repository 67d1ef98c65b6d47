package io.lpmsedge.scorer.features;

import io.lpmsedge.protocol.data.Output;
import java.util.Locale;

/**
 * How a feature is computed from its reading field. {@link #NONE} is the field itself; the others are
 * <b>derived features</b>, computed causally per sensor from a short history of readings (state in the sensor's
 * {@link FeatureMapper}, reset where windows break). Written in the manifest as a function of the field,
 * {@code "field": "vib(acc[0])"}; lengths are in readings (the manifest's {@code sampleRateHz} fixes their time).
 */
public enum Derivation {
    /** The field's value. */
    NONE("", "the field itself, e.g. acc[0]"),
    /**
     * Vibration: RMS over the last {@value #VIB_READINGS} readings of the field's second difference. The second
     * difference removes the smooth motion (a move's acceleration changes slowly against the sample rate) and
     * keeps what rings or rattles: bearing defect frequencies, gear impacts, a loose mount's resonance.
     */
    VIB("vib", "RMS of the second difference over the last " + Derivation.VIB_READINGS + " readings, e.g. vib(acc[0])"),
    /**
     * Rest drift: the field's mean over the last ~{@value #REST_FAST} readings at rest minus its mean over the
     * last ~{@value #REST_SLOW} readings at rest (see {@link #SINCE_REST} for "at rest"). At rest a gyroscope
     * reads its bias, so for {@code gyro[i]} this is how far the bias has moved lately: independent of the unit's
     * own (calibrated-out) bias and of slow warm-up, large when the bias drifts within minutes. After
     * {@value #SINCE_REST_CAP} readings without rest both means start afresh (0 until they have data again): the
     * old ones are stale, and the missing rest is {@link #SINCE_REST}'s to report.
     */
    REST_DRIFT("rest-drift", "recent minus long-term mean of the field while at rest, e.g. rest-drift(gyro[2])"),
    /**
     * Readings since the sensor was last at rest, capped at {@value #SINCE_REST_CAP}. At rest: over the last
     * {@value #REST_READINGS} readings the gyro scattered by at most {@value #REST_SPREAD_FACTOR} × its noise floor
     * and its mean rate was at most {@value #REST_LEVEL_FACTOR} × the noise floor in magnitude, for
     * {@value #REST_HOLD} readings in a row. The noise floor is measured from the gyro itself (see
     * {@code RestDetector}), so "at rest" means standing still at any move speed: a calibrated bias passes, a
     * rocking or shaking mount and a slow steady rotation do not. A pick-and-place arm rests every cycle.
     */
    SINCE_REST("since-rest", "readings since the gyro last stood still, capped; written since-rest(gyro)");

    /** Readings over which {@link #VIB} takes its RMS: 0.1 s at 100 Hz. */
    public static final int VIB_READINGS = 10;
    /** Readings over which rest is judged: 0.3 s at 100 Hz. */
    public static final int REST_READINGS = 30;
    /** Consecutive readings that must pass the rest test before the sensor counts as at rest. */
    public static final int REST_HOLD = 10;
    /**
     * Largest RMS scatter (per axis, about the mean) of the gyro over {@link #REST_READINGS} readings at rest, in
     * noise floors. At rest the scatter is the noise (the floor, a minimum of estimates, is ~0.7-1x it); a change
     * of rate of ~0.2 °/s within the 0.3 s (at the simulator's 0.05 °/s noise) exceeds it.
     */
    public static final double REST_SPREAD_FACTOR = 2.0;
    /**
     * Largest magnitude of the gyro's mean rate over {@link #REST_READINGS} readings at rest, in noise floors:
     * 0.35-0.5 °/s at 0.05 °/s noise (the floor is a low estimate of it), room for a calibrated gyro's bias
     * (≤ 0.17 °/s in the simulator) and its temperature drift, and far below the rate of any move worth the name.
     */
    public static final double REST_LEVEL_FACTOR = 10.0;
    /** Span of the gyro noise floor's sliding minimum: 30 s at 100 Hz (the floor covers the last 30-60 s). */
    public static final int NOISE_FLOOR_READINGS = 3000;
    /** Lowest noise floor, °/s: below any MEMS gyro's noise, so quantised or noiseless input still has bounds. */
    public static final double NOISE_FLOOR_MIN_DPS = 0.005;
    /** Readings at rest in the recent mean of {@link #REST_DRIFT}: 1 s of rest at 100 Hz. */
    public static final int REST_FAST = 100;
    /** Readings at rest in the long-term mean of {@link #REST_DRIFT}: 15 s of rest (~2 min of a busy arm). */
    public static final int REST_SLOW = 1500;
    /** Cap of {@link #SINCE_REST}: 60 s at 100 Hz. */
    public static final int SINCE_REST_CAP = 6000;

    private final String key;
    private final String help;

    Derivation(String key, String help) {
        this.key = key;
        this.help = help;
    }

    public String key() {
        return key;
    }

    /** Whether this derivation needs the gyro (rest detection) besides its own field. */
    public boolean needsRest() {
        return this == REST_DRIFT || this == SINCE_REST;
    }

    /** How the manifest writes this derivation of {@code field}. */
    public String format(FieldRef field) {
        if (this == NONE) {
            return field.toString();
        }
        if (this == SINCE_REST) {
            return key + "(" + field.output().key() + ")";
        }
        return key + "(" + field + ")";
    }

    /** A manifest {@code field}: a reading field or a derived feature of one. */
    public record Source(FieldRef field, Derivation derive) {
        @Override
        public String toString() {
            return derive.format(field);
        }
    }

    /**
     * Parses {@code acc[0]}, {@code vib(acc[0])}, {@code rest-drift(gyro[2])} or {@code since-rest(gyro)}.
     *
     * @throws IllegalArgumentException naming the unknown derived feature and the known ones
     */
    public static Source parse(String text) {
        String t = text.strip();
        int open = t.indexOf('(');
        if (open < 0) {
            return new Source(FieldRef.parse(t), NONE);
        }
        String name = t.substring(0, open).strip().toLowerCase(Locale.ROOT);
        if (!t.endsWith(")")) {
            throw new IllegalArgumentException(
                    "derived feature '" + text + "' is malformed; write it like vib(acc[0])");
        }
        String arg = t.substring(open + 1, t.length() - 1).strip();
        Derivation d;
        try {
            d = byKey(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown derived feature '" + text + "'; known: " + known());
        }
        if (d == SINCE_REST) {
            if (!arg.equals(Output.GYRO.key())) {
                throw new IllegalArgumentException("derived feature '" + text + "': since-rest judges rest "
                        + "from the gyroscope; write since-rest(gyro)");
            }
            return new Source(new FieldRef(Output.GYRO, 0), d);
        }
        return new Source(FieldRef.parse(arg), d);
    }

    /** A derived feature by its name ({@code vib}, {@code rest-drift}, {@code since-rest}). */
    public static Derivation byKey(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (Derivation d : values()) {
            if (d != NONE && d.key.equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown derived feature '" + name + "'; known: " + known());
    }

    /** The derived features, for messages and help. */
    public static String known() {
        StringBuilder b = new StringBuilder();
        for (Derivation d : values()) {
            if (d != NONE) {
                b.append(b.length() == 0 ? "" : "; ").append(d.key).append(": ").append(d.help);
            }
        }
        return b.toString();
    }
}

package io.lpmsedge.scorer.features;

/**
 * One model input: {@code column ← derive(field) × scale + offset}. The reading is in wire units (g, rad/s, µT,
 * rad, kPa); scale and offset convert to what the model was trained on, e.g. {@code accel_x ← acc[0] × 9.80665}
 * for m/s². {@code derive} is {@link Derivation#NONE} for the field itself, or a derived feature such as
 * {@code vib(acc[0])} computed from the sensor's recent readings.
 *
 * @param column the model column name (for window-vector models, the per-reading field name used in CSV headers)
 * @param field  the reading field, or {@code null} when the column is read by name from a CSV only
 */
public record FeatureMapping(String column, FieldRef field, double scale, double offset, Derivation derive) {
    public FeatureMapping {
        if (derive == null) {
            derive = Derivation.NONE;
        }
        if (field == null && derive != Derivation.NONE) {
            throw new IllegalArgumentException("feature '" + column + "': a derived feature needs a reading field");
        }
    }

    /** A plain field (no derivation). */
    public FeatureMapping(String column, FieldRef field, double scale, double offset) {
        this(column, field, scale, offset, Derivation.NONE);
    }

    public double apply(double wireValue) {
        return wireValue * scale + offset;
    }

    public boolean derived() {
        return derive != Derivation.NONE;
    }

    /** The manifest's {@code field} text: {@code acc[0]} or {@code vib(acc[0])}; {@code null} for CSV-only. */
    public String source() {
        return field == null ? null : derive.format(field);
    }

    @Override
    public String toString() {
        String f = field == null ? "(CSV column)" : source();
        return column + " <- " + f + (scale != 1.0 ? " * " + scale : "") + (offset != 0.0 ? " + " + offset : "");
    }
}

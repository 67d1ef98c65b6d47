package io.lpmsedge.scorer.features;

/**
 * One model input: {@code column ← field × scale + offset}. The reading is in wire units (g, rad/s, µT, rad,
 * kPa); scale and offset convert to what the model was trained on, e.g. {@code accel_x ← acc[0] × 9.80665}
 * for m/s².
 *
 * @param column the model column name (for window-vector models, the per-reading field name used in CSV headers)
 * @param field  the reading field, or {@code null} when the column is read by name from a CSV only
 */
public record FeatureMapping(String column, FieldRef field, double scale, double offset) {
    public double apply(double wireValue) {
        return wireValue * scale + offset;
    }

    @Override
    public String toString() {
        String f = field == null ? "(CSV column)" : field.toString();
        return column + " <- " + f + (scale != 1.0 ? " * " + scale : "") + (offset != 0.0 ? " + " + offset : "");
    }
}

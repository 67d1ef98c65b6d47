package io.lpmsedge.scorer.manifest;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.scorer.model.LoadedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The manifest a model gets when it has none: one feature per model column, mapped to a reading field when
 * the column follows the trainer's naming ({@code acc_x} → {@code acc[0]}, {@code quat_w} → {@code quat[0]},
 * {@code pressure} → {@code pressure}), otherwise readable from a CSV only.
 */
public final class ManifestDefaults {
    /** The 2017 system's window: 200 readings. */
    public static final int WINDOW_SIZE = 200;

    private ManifestDefaults() {}

    public static ManifestFile forModel(LoadedModel m) {
        List<ManifestFile.Feature> features = new ArrayList<>();
        for (String column : m.columns()) {
            features.add(new ManifestFile.Feature(column, guessField(column), null, null));
        }
        return new ManifestFile(
                1, m.file().getFileName().toString(), null, features, null, null, null, null, null, null);
    }

    /** {@code acc_x} → {@code acc[0]}; {@code null} when the name is not of that form. */
    public static String guessField(String column) {
        for (Output o : Output.values()) {
            if (o.components() == 1 && column.equals(o.key())) {
                return o.key();
            }
            String prefix = o.key() + "_";
            if (o.components() > 1 && column.startsWith(prefix) && column.length() == prefix.length() + 1) {
                int i = axisIndex(
                        o,
                        column.substring(prefix.length())
                                .toLowerCase(Locale.ROOT)
                                .charAt(0));
                if (i >= 0) {
                    return o.key() + "[" + i + "]";
                }
            }
        }
        return null;
    }

    /** Component names the trainer writes: x/y/z, and w/x/y/z for the quaternion (w first, as on the wire). */
    public static String axisName(Output o, int component) {
        String axes = o == Output.QUAT ? "wxyz" : "xyz";
        return o.components() == 1 ? o.key() : o.key() + "_" + axes.charAt(component);
    }

    private static int axisIndex(Output o, char axis) {
        return (o == Output.QUAT ? "wxyz" : "xyz").indexOf(axis);
    }
}

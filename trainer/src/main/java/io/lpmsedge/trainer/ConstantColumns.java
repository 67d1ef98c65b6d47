package io.lpmsedge.trainer;

import io.lpmsedge.scorer.features.Derivation;
import io.lpmsedge.scorer.features.FeatureMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * H2O drops a column that is constant in the training rows (it carries no information and its 1/(max − min)
 * normalisation is infinite), so the exported model has fewer inputs than the manifest names and fails its own
 * check after minutes of training. Found before training, it is named with its cause and the fix.
 */
final class ConstantColumns {
    private ConstantColumns() {}

    /** @throws IllegalArgumentException naming every constant column, its value, why it may be constant and the fix */
    static void require(TrainingData data) {
        double[][] rows = data.rows();
        if (rows.length == 0) {
            return;
        }
        List<String> constant = new ArrayList<>();
        Set<String> why = new LinkedHashSet<>();
        for (int c = 0; c < data.features().size(); c++) {
            double first = rows[0][c];
            boolean same = true;
            for (double[] r : rows) {
                if (Double.compare(r[c], first) != 0) {
                    same = false;
                    break;
                }
            }
            if (same) {
                FeatureMapping f = data.features().get(c);
                constant.add(String.format(Locale.ROOT, "%s = %s", f.column(), first));
                why.add(reason(f));
            }
        }
        if (!constant.isEmpty()) {
            throw new IllegalArgumentException("training data: " + constant + " never change"
                    + (constant.size() == 1 ? "s" : "") + " in the " + rows.length + " training rows, and H2O drops "
                    + "constant columns, so the model could not score with this manifest. " + String.join(" ", why)
                    + " Train without " + (constant.size() == 1 ? "it" : "them") + " (--fields / --columns) or on data "
                    + "where " + (constant.size() == 1 ? "it varies" : "they vary") + ".");
        }
    }

    private static String reason(FeatureMapping f) {
        Derivation d = f.derive();
        if (d == Derivation.REST_DRIFT) {
            return "rest-drift(...) stays 0 on data that never rests (the gyro never stood still for 10 readings), "
                    + "so it cannot see drift there.";
        }
        if (d == Derivation.SINCE_REST) {
            return "since-rest(gyro) is constant when the sensor rests all the time or never does.";
        }
        if (d == Derivation.VIB) {
            return "vib(...) is 0 on a signal without any change between readings.";
        }
        return "A reading field that never changes is switched off or stuck on the sensor.";
    }
}

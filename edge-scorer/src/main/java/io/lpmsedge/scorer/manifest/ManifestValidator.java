package io.lpmsedge.scorer.manifest;

import io.lpmsedge.scorer.features.Derivation;
import io.lpmsedge.scorer.features.FeatureMapping;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.RowScorers;
import io.lpmsedge.scorer.model.ScoreKind;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.WindowConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@link ManifestFile} against the model it describes and fills defaults. Every error names what the
 * manifest says and what the model has, so the fix is obvious from one line.
 */
public final class ManifestValidator {
    private ManifestValidator() {}

    public static ScorerConfig validate(ManifestFile f, LoadedModel m) throws ManifestException {
        try {
            return check(f, m);
        } catch (IllegalArgumentException e) {
            throw new ManifestException("manifest for " + m.file().getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static ScorerConfig check(ManifestFile f, LoadedModel m) {
        if (f.formatVersion() != null && f.formatVersion() != 1) {
            throw new IllegalArgumentException("formatVersion " + f.formatVersion() + " is not supported; this "
                    + "lpms-edge reads formatVersion 1");
        }
        Layout layout = f.layout() == null ? Layout.PER_READING : Layout.byKey(f.layout());
        Map<String, FeatureMapping> byColumn = features(f);
        WindowConfig window = window(f, layout);
        List<FeatureMapping> ordered =
                layout == Layout.PER_READING ? orderLikeModel(byColumn, m) : checkVectorWidth(byColumn, window, m);
        double rate = 0;
        if (f.sampleRateHz() != null) {
            rate = f.sampleRateHz();
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException(
                        "sampleRateHz must be a positive number of readings per second, " + "got " + f.sampleRateHz());
            }
        }
        ScoreKind kind = f.score() == null || f.score().kind() == null
                ? m.naturalScoreKind()
                : ScoreKind.byKey(f.score().kind());
        String failureClass = f.score() == null ? null : f.score().failureClass();
        if (kind == ScoreKind.CLASS_PROBABILITY && failureClass == null) {
            throw new IllegalArgumentException(
                    "score.failureClass is missing; model " + m.file().getFileName() + " is a classifier with classes "
                            + m.classes() + ": name the one that means failure");
        }
        RowScorers.create(m, kind, failureClass);
        double threshold = f.threshold() == null ? Double.NaN : threshold(f.threshold(), kind);
        return new ScorerConfig(m, layout, ordered, rate, window, kind, failureClass, threshold, rule(f));
    }

    /**
     * A threshold the score kind can actually cross both ways. A reconstruction error is never negative and a
     * probability lies in [0, 1], so a threshold at or below 0 (e.g. {@code -1e308}) makes every window FAILURE
     * and one at or above 1 makes a class probability never exceed: both are typos or corrupt files, not settings.
     */
    private static double threshold(double t, ScoreKind kind) {
        String fix = "; set it from normal data with 'lpms-edge calibrate --model MODEL --input NORMAL'";
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("threshold must be a finite number, got " + t + fix);
        }
        if (kind == ScoreKind.RECONSTRUCTION_MSE && !(t > 0)) {
            throw new IllegalArgumentException("threshold " + t + " is not above 0: a reconstruction error is never "
                    + "negative, so every window would exceed it and be FAILURE" + fix);
        }
        if (kind == ScoreKind.CLASS_PROBABILITY && !(t > 0 && t < 1)) {
            throw new IllegalArgumentException("threshold " + t + " is not between 0 and 1: a class probability "
                    + "would " + (t <= 0 ? "always" : "never") + " exceed it" + fix);
        }
        return t;
    }

    private static Map<String, FeatureMapping> features(ManifestFile f) {
        if (f.features() == null || f.features().isEmpty()) {
            throw new IllegalArgumentException("features is missing or empty; list one {\"column\", \"field\"} per "
                    + "model input, e.g. {\"column\": \"acc_x\", \"field\": \"acc[0]\"}");
        }
        Map<String, FeatureMapping> byColumn = new LinkedHashMap<>();
        for (ManifestFile.Feature x : f.features()) {
            if (x.column() == null || x.column().isBlank()) {
                throw new IllegalArgumentException("a feature has no column name (field " + x.field() + ")");
            }
            Derivation.Source source = x.field() == null ? null : parseField(x);
            double scale = x.scale() == null ? 1.0 : x.scale();
            double offset = x.offset() == null ? 0.0 : x.offset();
            if (!Double.isFinite(scale) || scale == 0 || !Double.isFinite(offset)) {
                throw new IllegalArgumentException("feature '" + x.column() + "' has scale " + x.scale()
                        + " and offset " + x.offset() + "; scale must be finite and non-zero, offset finite");
            }
            FeatureMapping mapping = source == null
                    ? new FeatureMapping(x.column(), null, scale, offset)
                    : new FeatureMapping(x.column(), source.field(), scale, offset, source.derive());
            if (byColumn.put(x.column(), mapping) != null) {
                throw new IllegalArgumentException("feature column '" + x.column() + "' is listed twice");
            }
        }
        return byColumn;
    }

    /** A reading field ({@code acc[0]}) or a derived feature of one ({@code vib(acc[0])}). */
    private static Derivation.Source parseField(ManifestFile.Feature x) {
        try {
            return Derivation.parse(x.field());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feature '" + x.column() + "': " + e.getMessage(), e);
        }
    }

    /** A list as a message shows it: whole up to 12 names, else its first 5 and last 2 and the count. */
    public static String brief(List<String> names) {
        if (names.size() <= 12) {
            return names.toString();
        }
        return "[" + String.join(", ", names.subList(0, 5)) + ", ..., " + names.get(names.size() - 2) + ", "
                + names.get(names.size() - 1) + "] (" + names.size() + " in all)";
    }

    /** Per-reading: the manifest's columns must be exactly the model's; they are put in the model's order. */
    private static List<FeatureMapping> orderLikeModel(Map<String, FeatureMapping> byColumn, LoadedModel m) {
        List<String> modelColumns = m.columns();
        List<String> unmapped = new ArrayList<>();
        for (String c : modelColumns) {
            if (!byColumn.containsKey(c)) {
                unmapped.add(c);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String c : byColumn.keySet()) {
            if (!modelColumns.contains(c)) {
                unknown.add(c);
            }
        }
        if (!unmapped.isEmpty() || !unknown.isEmpty()) {
            int k = byColumn.size();
            if (modelColumns.size() > k && modelColumns.size() % k == 0 && unknown.size() == k) {
                // A 2017-style model (V1..V600) with a manifest that forgot its layout: say that, not 600 names.
                int n = modelColumns.size() / k;
                throw new IllegalArgumentException("model " + m.file().getFileName() + " has " + modelColumns.size()
                        + " inputs " + brief(modelColumns) + ", " + n + " x the manifest's " + k + " features, and "
                        + "none has a feature's name: if it is a window-vector model (one row per window of " + n
                        + " readings x " + k + " fields, as the 2017 models were), add \"layout\": \"window-vector\" "
                        + "and \"window\": {\"size\": " + n + "} to the manifest");
            }
            StringBuilder msg = new StringBuilder();
            if (!unmapped.isEmpty()) {
                msg.append("model columns ").append(brief(unmapped)).append(" have no feature in the manifest");
            }
            if (!unknown.isEmpty()) {
                msg.append(msg.length() > 0 ? "; " : "")
                        .append("manifest features ")
                        .append(brief(unknown))
                        .append(" are not columns of the model");
            }
            msg.append(" (model ")
                    .append(m.file().getFileName())
                    .append(" has ")
                    .append(brief(modelColumns))
                    .append("; manifest has ")
                    .append(brief(new ArrayList<>(byColumn.keySet())))
                    .append(')');
            throw new IllegalArgumentException(msg.toString());
        }
        List<FeatureMapping> ordered = new ArrayList<>();
        for (String c : modelColumns) {
            ordered.add(byColumn.get(c));
        }
        return ordered;
    }

    /**
     * Window-vector: the model's inputs are N readings × K features, so its width must be N·K. Old models name
     * their inputs positionally (C1…C600), so names are not matched, only the count.
     */
    private static List<FeatureMapping> checkVectorWidth(
            Map<String, FeatureMapping> byColumn, WindowConfig w, LoadedModel m) {
        int expected = w.size() * byColumn.size();
        List<String> cols = m.columns();
        if (cols.size() != expected) {
            throw new IllegalArgumentException("window-vector layout needs window.size " + w.size() + " x "
                    + byColumn.size() + " features = " + expected + " model inputs, but model "
                    + m.file().getFileName() + " has " + cols.size() + " (" + cols.get(0) + " ... "
                    + cols.get(cols.size() - 1) + ")");
        }
        return new ArrayList<>(byColumn.values());
    }

    private static WindowConfig window(ManifestFile f, Layout layout) {
        Integer size = f.window() == null ? null : f.window().size();
        Integer stride = f.window() == null ? null : f.window().stride();
        if (size == null) {
            if (layout == Layout.WINDOW_VECTOR) {
                throw new IllegalArgumentException(
                        "window.size is required for the window-vector layout " + "(readings per model row)");
            }
            size = ManifestDefaults.WINDOW_SIZE;
        }
        try {
            return new WindowConfig(size, stride == null ? size : stride);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("window: " + e.getMessage(), e);
        }
    }

    private static VerdictRule rule(ManifestFile f) {
        ManifestFile.VerdictSpec v = f.verdict();
        if (v == null) {
            return new VerdictRule.Hysteresis(1, 1);
        }
        String rule = v.rule() == null ? "hysteresis" : v.rule();
        try {
            if (rule.equals("hysteresis")) {
                if (v.k() != null || v.m() != null) {
                    throw new IllegalArgumentException("k and m belong to rule k-of-m, not hysteresis");
                }
                int enter = v.enter() == null ? 1 : v.enter();
                return new VerdictRule.Hysteresis(enter, v.exit() == null ? enter : v.exit());
            }
            if (rule.equals("k-of-m")) {
                if (v.k() == null || v.m() == null) {
                    throw new IllegalArgumentException("rule k-of-m needs both k and m");
                }
                if (v.enter() != null || v.exit() != null) {
                    throw new IllegalArgumentException("enter and exit belong to rule hysteresis, not k-of-m");
                }
                return new VerdictRule.KOfM(v.k(), v.m());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verdict: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("verdict.rule '" + rule + "' is unknown; use hysteresis or k-of-m");
    }
}

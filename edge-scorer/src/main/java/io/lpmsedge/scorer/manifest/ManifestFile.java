package io.lpmsedge.scorer.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The manifest as written on disk (JSON, beside the model as {@code <model>.manifest.json}). Every field may be
 * missing here; {@link ManifestValidator} fills defaults, checks it against the model and makes a
 * {@link ScorerConfig}. Records keep the on-disk shape and the checked shape apart.
 *
 * @param formatVersion 1
 * @param model         the model file this manifest belongs to, relative to the manifest (informational)
 * @param layout        {@code per-reading} (default) or {@code window-vector}
 * @param features      model inputs in model column order (per-reading) or the K per-reading fields of a
 *                      window vector, each {@code {"column", "field", "scale", "offset"}}
 * @param sampleRateHz  expected reading rate, for the gap check (absent: no time-gap check)
 * @param window        {@code {"size", "stride"}}; stride defaults to size (tumbling)
 * @param score         {@code {"kind", "failureClass"}}; kind defaults from the model's category
 * @param threshold     a window's value above this exceeds
 * @param verdict       {@code {"rule": "hysteresis", "enter", "exit"}} or {@code {"rule": "k-of-m", "k", "m"}}
 * @param calibration   how the threshold was derived (written by calibrate/train, read by humans)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestFile(
        Integer formatVersion,
        String model,
        String layout,
        List<Feature> features,
        Double sampleRateHz,
        Window window,
        Score score,
        Double threshold,
        VerdictSpec verdict,
        Calibration calibration) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feature(String column, String field, Double scale, Double offset) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(Integer size, Integer stride) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Score(String kind, String failureClass) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerdictSpec(String rule, Integer enter, Integer exit, Integer k, Integer m) {}

    /**
     * How the threshold and rule were derived (docs/calibration.md): the keys up to {@code falseAlarmRate} are
     * those of the first releases, so their manifests still read; the rest describe the held-out check.
     *
     * @param method          {@code holdout: …} or {@code mean-sd: …} (the 2017 rule)
     * @param input           the normal data it was computed on
     * @param falseAlarmRate  fraction of that data's windows above the threshold
     * @param holdout         share of each stream held out at its end
     * @param heldOutMaxRatio highest held-out window value / threshold (the margin; below 1 none exceeds)
     * @param heldOutRuleRatio the rule's statistic on the held-out part / threshold (below 1: no FAILURE there)
     * @param validated       whether the held-out part had 0 FAILURE windows with the required margin
     * @param warning         why not, or what else the user must know
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Calibration(
            String method,
            Double k,
            String input,
            Long rows,
            Double rowMean,
            Double rowSd,
            Long windows,
            Double windowRmsMean,
            Double windowRmsSd,
            Double windowRmsP50,
            Double windowRmsP95,
            Double windowRmsP99,
            Double windowRmsMax,
            Long windowsAbove,
            Double falseAlarmRate,
            Double holdout,
            Double headroom,
            Double margin,
            Long fitWindows,
            Long heldOutWindows,
            Double heldOutMax,
            Double heldOutMaxRatio,
            Double heldOutRuleRatio,
            Long heldOutExceeding,
            Long heldOutFailureWindows,
            Long failureWindows,
            Boolean validated,
            String warning) {}

    public ManifestFile withWindow(Window w) {
        return new ManifestFile(
                formatVersion, model, layout, features, sampleRateHz, w, score, threshold, verdict, calibration);
    }

    public ManifestFile withThreshold(Double t) {
        return new ManifestFile(
                formatVersion, model, layout, features, sampleRateHz, window, score, t, verdict, calibration);
    }

    public ManifestFile withVerdict(VerdictSpec v) {
        return new ManifestFile(
                formatVersion, model, layout, features, sampleRateHz, window, score, threshold, v, calibration);
    }

    public ManifestFile withCalibration(Calibration c) {
        return new ManifestFile(
                formatVersion, model, layout, features, sampleRateHz, window, score, threshold, verdict, c);
    }

    public ManifestFile withSampleRate(Double hz) {
        return new ManifestFile(
                formatVersion, model, layout, features, hz, window, score, threshold, verdict, calibration);
    }

    public ManifestFile withModel(String m) {
        return new ManifestFile(
                formatVersion, m, layout, features, sampleRateHz, window, score, threshold, verdict, calibration);
    }
}

package io.lpmsedge.scorer.offline;

import io.lpmsedge.scorer.calibrate.Calibration;
import io.lpmsedge.scorer.calibrate.CalibrationOptions;
import io.lpmsedge.scorer.calibrate.Calibrator;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.input.InputFiles;
import io.lpmsedge.scorer.input.InputFormat;
import io.lpmsedge.scorer.input.InputProbe;
import io.lpmsedge.scorer.input.StreamProfile;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.window.WindowListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An input file through the live scoring path, after checking it fits the model: its measured sample rate
 * against the manifest's. {@code score}, {@code replay}, {@code calibrate} and {@code train} all read files
 * through here.
 */
public final class FileScoring {
    /**
     * @param profiles per sensor key: readings and measured rate
     * @param scoring  the scorers after the whole file went through them
     */
    public record Result(InputFormat format, Map<String, StreamProfile> profiles, InputScoring scoring) {}

    private FileScoring() {}

    /**
     * @throws InputException           unreadable or malformed input
     * @throws IllegalArgumentException the input does not fit the model (rate, outputs), with the fix
     */
    public static Result run(
            ScorerConfig config,
            Path input,
            String modelName,
            Function<String, WindowListener> listeners,
            boolean ordinalRows,
            GapLog gaps)
            throws InputException {
        Map<String, StreamProfile> profiles = check(config, input, modelName);
        InputScoring scoring = new InputScoring(config, input, listeners, ordinalRows, gaps);
        InputFormat format = InputFiles.read(input, config.columnNames(), scoring);
        return new Result(format, profiles, scoring);
    }

    /**
     * The first pass alone: each sensor's readings and measured rate, refused when the rate is not the model's.
     *
     * @throws IllegalArgumentException the input's rate is not the manifest's, with both and the fix
     */
    public static Map<String, StreamProfile> check(ScorerConfig config, Path input, String modelName)
            throws InputException {
        Map<String, StreamProfile> profiles = InputProbe.profile(input, config.columnNames());
        RateCheck.require(config, profiles.values(), input, modelName);
        return profiles;
    }

    /**
     * Calibrates {@code config}'s model on normal data: every sensor of every file is a stream of its own
     * (its own verdict rule, its own held-out end). {@code config} needs no threshold.
     */
    public static Calibration calibrate(
            ScorerConfig config, List<Path> inputs, CalibrationOptions options, String modelName, GapLog gaps)
            throws InputException {
        ScorerConfig judging = config.withThreshold(Double.POSITIVE_INFINITY);
        Calibrator calibrator = new Calibrator(config.layout() == Layout.WINDOW_VECTOR);
        long bridged = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String prefix = inputs.size() == 1 ? "" : i + ":";
            Result r =
                    run(judging, inputs.get(i), modelName, sensor -> calibrator.forStream(prefix + sensor), true, gaps);
            for (String sensor : r.scoring().scorers().all().keySet()) {
                calibrator.readings(prefix + sensor, r.scoring().readings(sensor));
            }
            bridged += r.scoring().timeJumpsBridged();
        }
        gaps.printTotals(
                inputs.size() == 1 ? "'" + inputs.get(0).getFileName() + "'" : inputs.size() + " inputs", bridged);
        return calibrator.result(options);
    }
}

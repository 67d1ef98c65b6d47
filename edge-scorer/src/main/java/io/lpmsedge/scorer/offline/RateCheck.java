package io.lpmsedge.scorer.offline;

import io.lpmsedge.scorer.input.StreamProfile;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

/**
 * The model's rate against the rate measured in the data. A model judges windows of N readings: on data at
 * half its rate a window spans twice the time (and at double the rate, half), so its threshold means nothing
 * there, and the time-gap check calls every step a gap (100 Hz manifest, 50 Hz data: 0 windows) or none.
 */
public final class RateCheck {
    /** Measured from jittery timestamps, a rate is trusted to a few per cent; LPMS rates are 2x apart or more. */
    static final double TOLERANCE = 0.10;

    private RateCheck() {}

    /** @throws IllegalArgumentException naming both rates, the evidence and the fix */
    public static void require(ScorerConfig config, Collection<StreamProfile> streams, Path input, String modelName) {
        double expected = config.sampleRateHz();
        if (!(expected > 0)) {
            return;
        }
        for (StreamProfile s : streams) {
            if (!s.hasTime()) {
                continue;
            }
            double measured = s.measuredRateHz();
            if (Math.abs(measured - expected) > TOLERANCE * expected) {
                double nominal = s.nominalRateHz();
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "'%s' sensor %s runs at %s Hz (median "
                                + "step %.2f ms over %d readings) but model %s expects %s Hz (sampleRateHz in its "
                                + "manifest): its windows of %d readings would last %.3g s instead of %.3g s. Score "
                                + "data recorded at %s Hz, or train a model on this %s Hz data ('lpms-edge train "
                                + "--input %s …')",
                        input.getFileName(),
                        s.sensor(),
                        fmt(nominal),
                        s.medianStepSeconds() * 1000,
                        s.readings(),
                        modelName,
                        fmt(expected),
                        config.window().size(),
                        config.window().size() / nominal,
                        config.window().size() / expected,
                        fmt(expected),
                        fmt(nominal),
                        input));
            }
        }
    }

    static String fmt(double hz) {
        return hz == Math.rint(hz) ? Long.toString((long) hz) : String.format(Locale.ROOT, "%.3f", hz);
    }
}

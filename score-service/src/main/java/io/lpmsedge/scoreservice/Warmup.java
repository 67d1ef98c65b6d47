package io.lpmsedge.scoreservice;

import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.window.VerdictRule;
import java.time.Duration;

/**
 * How much record time a partition's new owner re-reads before the committed position when no {@code --warmup}
 * is given: enough for every model of the set to close again the window in progress at the hand-over and to
 * refill its verdict rule's memory, with a margin. A model needs {@code size + memory × stride} readings, where
 * memory is what its rule looks back over ({@code max(enter, exit)} windows for hysteresis, {@code m} for
 * k-of-m); at the manifest's {@code sampleRateHz} that is a duration, doubled (a sensor may stream slower than
 * the manifest's rate, a backlog's records carry older send times) plus {@value #SLACK_SECONDS} s (the
 * producers' batching and the bridges' clocks differ), rounded up to whole seconds. The committed demo model
 * (windows of 100 at 100 Hz, hysteresis 2:2) gets 2 × 3 s + 5 s = 11 s instead of the 60 s a fixed default
 * re-read on every takeover. A model whose manifest has no rate, or a rule this does not know, gets the
 * conservative {@link #WITHOUT_RATE}.
 */
final class Warmup {
    /** For a model without {@code sampleRateHz}: the fixed default of earlier versions. */
    static final Duration WITHOUT_RATE = Duration.ofSeconds(60);

    static final int SLACK_SECONDS = 5;

    private Warmup() {}

    /** The largest need over the set's models. */
    static Duration forModels(ModelSet set) {
        Duration d = Duration.ZERO;
        for (ScoringModel m : set.models()) {
            Duration need = forModel(m.config());
            d = need.compareTo(d) > 0 ? need : d;
        }
        return d;
    }

    static Duration forModel(ScorerConfig c) {
        int memory = ruleMemory(c.rule());
        if (!(c.sampleRateHz() > 0) || memory < 0) {
            return WITHOUT_RATE;
        }
        double readings = c.window().size() + (double) memory * c.window().stride();
        double seconds = 2 * readings / c.sampleRateHz() + SLACK_SECONDS;
        return Duration.ofSeconds((long) Math.ceil(seconds));
    }

    /** Windows the rule looks back over, or -1 for a rule this does not know. */
    static int ruleMemory(VerdictRule rule) {
        if (rule instanceof VerdictRule.Hysteresis h) {
            return Math.max(h.enter(), h.exit());
        }
        if (rule instanceof VerdictRule.KOfM k) {
            return k.m();
        }
        return -1;
    }
}

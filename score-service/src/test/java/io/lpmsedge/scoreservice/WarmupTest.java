package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.modelset.ModelSetEntry;
import io.lpmsedge.scorer.modelset.ModelSetSpec;
import io.lpmsedge.scorer.modelset.SensorPattern;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.WindowConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The default warm-up follows from the models: window, rate and verdict rule, doubled, plus 5 s. */
class WarmupTest {
    private static final Path DEMO = Path.of("..", "samples", "models");

    private static ScorerConfig demo() throws Exception {
        return ManifestValidator.validate(
                new ManifestIO().read(DEMO.resolve("arm_ae.manifest.json")),
                ModelLoader.usingTempDir().load(DEMO.resolve("arm_ae.zip")));
    }

    private static ScorerConfig with(ScorerConfig c, double hz, WindowConfig w, VerdictRule rule) {
        return new ScorerConfig(
                c.model(), c.layout(), c.features(), hz, w, c.kind(), c.failureClass(), c.threshold(), rule);
    }

    @Test
    void theCommittedDemoModelNeedsElevenSecondsNotSixty() throws Exception {
        // Windows of 100 at 100 Hz, hysteresis 2:2: 100 + 2 x 100 readings = 3 s; x 2 + 5 s.
        assertEquals(Duration.ofSeconds(11), Warmup.forModel(demo()));
    }

    @Test
    void longerRulesOverlappingWindowsAndOtherRatesChangeTheNeed() throws Exception {
        ScorerConfig c = demo();
        // (200 + 5 x 50) / 400 Hz = 1.125 s; x 2 + 5 = 7.25 s, rounded up.
        assertEquals(
                Duration.ofSeconds(8),
                Warmup.forModel(with(c, 400, new WindowConfig(200, 50), new VerdictRule.Hysteresis(5, 3))));
        // k-of-m looks back m windows: (100 + 10 x 100) / 100 Hz = 11 s; x 2 + 5.
        assertEquals(
                Duration.ofSeconds(27),
                Warmup.forModel(with(c, 100, new WindowConfig(100, 100), new VerdictRule.KOfM(3, 10))));
        // Without a rate the time a window spans is unknown: the conservative fixed default.
        assertEquals(Warmup.WITHOUT_RATE, Warmup.forModel(with(c, 0, c.window(), c.rule())));
    }

    @Test
    void aModelSetNeedsWhatItsLongestModelNeedsAndAnExplicitWarmupWins() throws Exception {
        ScorerConfig c = demo();
        ScorerConfig slow = with(c, 50, c.window(), c.rule()); // 2 x 6 s + 5 s
        Path zip = DEMO.resolve("arm_ae.zip");
        ModelSet set = new ModelSet(
                new ModelSetSpec(List.of(
                        new ModelSetEntry("fast", zip, null, List.of(new SensorPattern("a*")), "test"),
                        new ModelSetEntry("slow", zip, null, List.of(new SensorPattern("*")), "test"))),
                List.of(ScoringModel.of("fast", c, zip, null), ScoringModel.of("slow", slow, zip, null)),
                "test");
        assertEquals(Duration.ofSeconds(17), Warmup.forModels(set));
        ServiceSettings derived =
                new ServiceSettings("in", "out", new Properties(), new Properties(), Emit.WINDOWS, Optional.empty());
        assertEquals(Duration.ofSeconds(17), derived.warmupFor(set));
        ServiceSettings given = new ServiceSettings(
                "in", "out", new Properties(), new Properties(), Emit.WINDOWS, Optional.of(Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(60), given.warmupFor(set));
    }

    @Test
    void withoutWarmupTheCommandLeavesItToTheModels() throws Exception {
        assertEquals(
                Optional.empty(),
                settings("--bootstrap", "k:9092", "--model", "m.zip").warmup());
        assertEquals(
                Optional.of(Duration.ofSeconds(30)),
                settings("--bootstrap", "k:9092", "--model", "m.zip", "--warmup", "30s")
                        .warmup());
    }

    private static ServiceSettings settings(String... args) throws Exception {
        ScoreServiceCommand command = new ScoreServiceCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }
}

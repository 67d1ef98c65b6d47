package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.modelset.ModelSetEntry;
import io.lpmsedge.scorer.modelset.ModelSetSpec;
import io.lpmsedge.scorer.modelset.SensorPattern;
import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.VerdictRule;
import io.lpmsedge.scorer.window.WindowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sensor's lane swapping models at window boundaries: every window closes once (none lost, none twice), those
 * before the boundary judged by the old model and the rest by the new one, the verdict carried across.
 */
class SensorLaneTest {
    private static final int SENSOR = 1;
    /** The committed test model's threshold (its manifest's, rounded). */
    private static final double THRESHOLD = 0.0102;

    private static ScorerConfig base;
    private static double[][] rows;

    private final ServiceCounters counters = new ServiceCounters();
    private final List<VerdictEvent> events = new ArrayList<>();
    private final List<String> chosen = new ArrayList<>();
    private final List<String> unmatched = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private ModelSet set;
    private final SensorLane lane = lane(Streams.name(SENSOR), Emit.WINDOWS);
    private final Sample sample = new Sample();

    @BeforeAll
    static void model() {
        base = Streams.config();
        rows = Streams.normal();
    }

    private SensorLane lane(String sensor, Emit emit) {
        return new SensorLane(sensor, -1, emit, events::add, counters, () -> set, new SensorLane.Events() {
            @Override
            public void modelChosen(String s, ScoringModel from, ScoringModel to, long firstSeq) {
                chosen.add(s + ":" + (from == null ? "-" : from.name()) + "->" + to.name() + "@" + firstSeq);
            }

            @Override
            public void unmatched(String s) {
                unmatched.add(s);
            }

            @Override
            public void missingOutputs(String s, ScoringModel model, String problem) {
                missing.add(s + " " + model.name() + ": " + problem);
            }
        });
    }

    /** The test model with another threshold and window; the name tells them apart in events. */
    private static ScoringModel model(String name, double threshold, int size, int stride) {
        ScorerConfig c = new ScorerConfig(
                base.model(),
                base.layout(),
                base.features(),
                base.sampleRateHz(),
                new WindowConfig(size, stride),
                base.kind(),
                base.failureClass(),
                threshold,
                base.rule());
        return ScoringModel.of(name, c, Streams.MODEL, null);
    }

    private static ModelSet setOf(String pattern, ScoringModel m) {
        return new ModelSet(
                new ModelSetSpec(List.of(
                        new ModelSetEntry(m.name(), m.model(), null, List.of(new SensorPattern(pattern)), "test"))),
                List.of(m),
                "test");
    }

    /** The test model with the service's usual threshold and the given window. */
    private static ScoringModel windows(String name, int size, int stride) {
        return model(name, THRESHOLD, size, stride);
    }

    private void feed(SensorLane into, long from, long to, IntPredicate skip) {
        for (long seq = from; seq < to; seq++) {
            if (!skip.test((int) seq)) {
                Streams.sample(sample, SENSOR, seq, rows[(int) seq % rows.length]);
                into.accept(sample, Streams.lineage(SENSOR, seq), seq);
            }
        }
    }

    private void feed(long from, long to) {
        feed(lane, from, to, s -> false);
    }

    /** Seqs [0, swapAt) scored with {@code first}, then a reload gives every arm {@code second} until {@code end}. */
    private void swap(ScoringModel first, long swapAt, ScoringModel second, long end, IntPredicate skip) {
        swap(lane, first, swapAt, second, end, skip);
    }

    private void swap(
            SensorLane into, ScoringModel first, long swapAt, ScoringModel second, long end, IntPredicate skip) {
        set = setOf("arm-*", first);
        feed(into, 0, swapAt, skip);
        set = setOf("arm-*", second);
        feed(into, swapAt, end, skip);
    }

    private void swap(ScoringModel first, long swapAt, ScoringModel second, long end) {
        swap(first, swapAt, second, end, s -> false);
    }

    /** "lastSeq:model" of every event. */
    private List<String> judged() {
        return events.stream().map(e -> e.lastSeq() + ":" + e.model()).toList();
    }

    private static List<String> closes(long first, long last, long step, String model) {
        return LongStream.iterate(first, s -> s <= last, s -> s + step)
                .mapToObj(s -> s + ":" + model)
                .toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void aReloadMidWindowSwapsAtTheNextBoundaryWithNoWindowLostOrTwice() {
        swap(windows("a", 100, 100), 450, windows("b", 100, 100), 1000);
        assertEquals(concat(closes(99, 499, 100, "a"), closes(599, 999, 100, "b")), judged());
        assertEquals(List.of("arm-1:-->a@0", "arm-1:a->b@500"), chosen);
        assertEquals(1, counters.swaps.get());
        assertEquals(5, counters.windowsOf("a").get());
        assertEquals(5, counters.windowsOf("b").get());
    }

    @Test
    void slidingWindowsKeepClosingEveryStrideAcrossTheSwap() {
        swap(windows("a", 100, 50), 460, windows("b", 100, 50), 800);
        // b starts at its anchor 500 and closes its first window at 599; a judges everything closing before.
        assertEquals(concat(closes(99, 549, 50, "a"), closes(599, 799, 50, "b")), judged());
    }

    @Test
    void aModelWithAnotherStrideStartsAtItsOwnAnchorAndTheOldOneJudgesUntilItsFirstWindow() {
        swap(windows("a", 100, 100), 450, windows("b", 200, 200), 1200);
        assertEquals(concat(closes(99, 699, 100, "a"), closes(799, 1199, 200, "b")), judged());
    }

    @Test
    void aGapDuringTheSwapLosesOnlyTheWindowItWouldHaveLostAnyway() {
        swap(windows("a", 100, 100), 450, windows("b", 100, 100), 1000, seq -> seq >= 520 && seq < 530);
        // The gap drops the window 500..599 (as without a reload); b starts at the realigned anchor 600.
        assertEquals(concat(closes(99, 499, 100, "a"), closes(699, 999, 100, "b")), judged());
        assertEquals(List.of("arm-1:-->a@0", "arm-1:a->b@600"), chosen);
        assertEquals(69, counters.unalignedSkipped.get(), "530..599 skipped until the next anchor, as before");
    }

    @Test
    void theVerdictIsCarriedAcrossTheSwapSoTheNewModelsRuleDecidesFromThere() {
        events.clear();
        swap(model("low", 1e-9, 100, 100), 500, model("high", 1e9, 100, 100), 1000);
        List<String> v = events.stream()
                .map(e -> e.lastSeq() + ":" + e.model() + ":" + e.previousVerdict() + "->" + e.verdict())
                .toList();
        // Hysteresis 2:2: FAILURE after 2 low windows; the high model keeps FAILURE for 1 window, OK after 2.
        assertEquals(
                List.of(
                        "99:low:OK->OK",
                        "199:low:OK->FAILURE",
                        "299:low:FAILURE->FAILURE",
                        "399:low:FAILURE->FAILURE",
                        "499:low:FAILURE->FAILURE",
                        "599:high:FAILURE->FAILURE",
                        "699:high:FAILURE->OK",
                        "799:high:OK->OK",
                        "899:high:OK->OK",
                        "999:high:OK->OK"),
                v);
    }

    @Test
    void aCarriedFailureStartsAnyRuleInItsShortestFailureHistory() {
        var h = SensorLane.carried(new VerdictRule.Hysteresis(3, 2), Verdict.FAILURE);
        assertEquals(Verdict.FAILURE, h.current());
        assertEquals(Verdict.FAILURE, h.update(false));
        assertEquals(Verdict.OK, h.update(false), "exit 2 windows after the swap");
        var k = SensorLane.carried(new VerdictRule.KOfM(2, 4), Verdict.FAILURE);
        assertEquals(Verdict.FAILURE, k.current());
        assertEquals(Verdict.FAILURE, k.update(false));
        assertEquals(Verdict.FAILURE, k.update(false), "the 2 carried exceeding windows are still in the last 4");
        assertEquals(Verdict.OK, k.update(false));
        assertEquals(
                Verdict.OK,
                SensorLane.carried(new VerdictRule.Hysteresis(2, 2), Verdict.OK).current());
    }

    @Test
    void aSensorNoModelMatchesIsCountedNotScoredAndItsLaneFollowsLaterSets() {
        set = setOf("spindle-*", windows("spindle", 100, 100));
        feed(0, 250);
        assertEquals(250, counters.unmatched.get());
        assertTrue(events.isEmpty());
        assertNull(lane.model());
        assertEquals(250, unmatched.size(), "reported per reading; the service logs it once");
        set = setOf("arm-?", windows("arm", 100, 100));
        feed(250, 500);
        assertEquals(closes(399, 499, 100, "arm"), judged(), "starts at the next anchor, 300");
        assertEquals(List.of("arm-1:-->arm@300"), chosen);
    }

    @Test
    void aSensorLeavingTheSetIsJudgedUntilItsOpenWindowClosesThenUnmatched() {
        set = setOf("arm-*", windows("a", 100, 100));
        feed(0, 450);
        set = setOf("spindle-*", windows("spindle", 100, 100));
        feed(450, 700);
        assertEquals(closes(99, 499, 100, "a"), judged());
        assertEquals(200, counters.unmatched.get(), "500..699");
    }

    @Test
    void aReloadThatLeavesTheSensorsModelAloneChangesNothing() {
        ScoringModel a = windows("a", 100, 100);
        swap(a, 450, a, 1000);
        assertEquals(closes(99, 999, 100, "a"), judged());
        assertEquals(0, counters.swaps.get());
    }

    @Test
    void withEmitChangesASwapPublishesNothingByItself() {
        SensorLane changes = lane(Streams.name(SENSOR), Emit.CHANGES);
        swap(changes, windows("a", 100, 100), 450, windows("b", 100, 100), 1000, s -> false);
        assertTrue(events.isEmpty(), "normal data, same threshold: OK throughout, " + events);
        assertEquals(1, counters.swaps.get());
    }

    @Test
    void aSensorWithoutTheOutputsItsModelNeedsIsNotScoredWithNaNButCountedAndNamed() {
        set = setOf("arm-*", windows("a", 100, 100));
        for (long seq = 0; seq < 300; seq++) {
            double[] r = rows[(int) seq];
            sample.clear()
                    .set(io.lpmsedge.protocol.data.Output.ACC, r[0], r[1], r[2])
                    .header(2, seq, seq * 0.01, 1);
            lane.accept(sample, Streams.lineage(SENSOR, seq), seq);
        }
        assertTrue(events.isEmpty(), "no window judged on NaN gyro values: " + events);
        assertEquals(300, counters.missingOutputs.get());
        assertEquals(0, counters.unalignedSkipped.get());
        assertEquals(3, missing.size(), "tried at every anchor; the service logs it once");
        assertTrue(
                missing.get(0)
                        .startsWith("arm-1 a: the manifest maps [gyro_x <- gyro[0], gyro_y <- gyro[1], "
                                + "gyro_z <- gyro[2]] but sensor 'arm-1' sends only [acc]; enable those outputs"),
                missing.get(0));
        feed(300, 500);
        assertEquals(closes(399, 499, 100, "a"), judged(), "scored once the readings carry gyro");
    }

    @Test
    void aNewModelTheSensorCannotFeedNeverStartsAndTheOldOneKeepsScoringAlsoAfterAGap() {
        List<io.lpmsedge.scorer.features.FeatureMapping> needsMag = new ArrayList<>(base.features());
        needsMag.set(
                3,
                new io.lpmsedge.scorer.features.FeatureMapping(
                        "gyro_x", io.lpmsedge.scorer.features.FieldRef.parse("mag[0]"), 1, 0));
        ScorerConfig c = new ScorerConfig(
                base.model(),
                base.layout(),
                needsMag,
                0,
                base.window(),
                base.kind(),
                base.failureClass(),
                THRESHOLD,
                base.rule());
        swap(
                windows("a", 100, 100),
                450,
                ScoringModel.of("mag", c, Streams.MODEL, null),
                1000,
                seq -> seq >= 620 && seq < 625);
        assertEquals(
                concat(closes(99, 599, 100, "a"), closes(799, 999, 100, "a")),
                judged(),
                "a judges on; the gap loses 600..699 as it would anyway");
        assertTrue(
                missing.size() >= 1 && missing.get(0).startsWith("arm-1 mag: the manifest maps [gyro_x <- mag[0]]"),
                missing.toString());
        assertEquals(0, counters.missingOutputs.get(), "every reading was scored by a");
        assertEquals(0, counters.swaps.get());
    }
}

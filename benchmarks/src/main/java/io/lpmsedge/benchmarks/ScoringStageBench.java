package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.pipeline.ReadingStage;
import io.lpmsedge.bridge.scoring.GpioConfig;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.scoring.ScoringModels;
import io.lpmsedge.bridge.scoring.ScoringStage;
import io.lpmsedge.bridge.scoring.VerdictIndicator;
import io.lpmsedge.bridge.scoring.VerdictPublisher;
import io.lpmsedge.bridge.scoring.VerdictStatus;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.SampleValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bridge's scorer thread flat out: a producer (standing in for the dispatcher) writes readings of N sensors to
 * the scoring tap as fast as it can for S seconds; the scorer takes what it can, the hand-off drops the rest. Reports
 * what was offered, scored and dropped per second: the scorer's ceiling on this machine, and that the producer is
 * never held back by it (the offered rate stays far above the scored one).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.lpmsedge.benchmarks.ScoringStageBench \
 *     [MODEL [SENSORS [SECONDS [QUEUE_CAPACITY]]]]</pre>
 * MODEL defaults to the bridge tests' model {@code bridge/src/test/resources/models/sim_ok_ae.zip} (6 inputs,
 * 12-4-12, windows of 200) with its manifest beside it.
 */
public final class ScoringStageBench {
    private ScoringStageBench() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "bridge/src/test/resources/models/sim_ok_ae.zip");
        int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int capacity = args.length > 3 ? Integer.parseInt(args[3]) : ScoringConfig.DEFAULT_QUEUE_CAPACITY;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            names.add("s" + i);
        }
        Path manifest = ScoringModels.defaultManifest(model);
        ScoringConfig config = ScoringConfig.single(
                model,
                manifest,
                names,
                ScoringModels.load(model, manifest),
                "verdicts",
                capacity,
                false,
                GpioConfig.DISABLED);
        ScoringStage stage = new ScoringStage(config, VerdictPublisher.NONE, VerdictIndicator.NONE);
        ReadingStage tap = stage.tap();
        stage.start();

        long[] seq = new long[sensors];
        List<Reading> batch = new ArrayList<>(512);
        long offered = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            batch.clear();
            for (int i = 0; i < 512; i++) {
                int s = (int) (offered++ % sensors);
                batch.add(reading(names.get(s), seq[s]++));
            }
            tap.write(batch);
        }
        long producedNanos = System.nanoTime() - start;
        tap.close();
        stage.awaitStop(60_000);
        long scoringNanos = System.nanoTime() - start;
        long scored = 0;
        long windows = 0;
        for (VerdictStatus s : stage.status()) {
            scored += s.readingsScored();
            windows += s.windowsScored();
        }
        System.out.printf("model %s, %d sensors, queue %d, %d s%n", model.getFileName(), sensors, capacity, seconds);
        System.out.printf(
                "offered %.0f readings/s (producer), scored %.0f readings/s (%d windows), dropped %d (%.1f %%)%n",
                offered / (producedNanos / 1e9),
                scored / (scoringNanos / 1e9),
                windows,
                stage.droppedInHandoff(),
                100.0 * stage.droppedInHandoff() / offered);
    }

    /** The healthy arm's kind of numbers; the model's cost does not depend on them. */
    private static Reading reading(String sensor, long seq) {
        double t = seq / 100.0;
        SampleValues v = SampleValues.builder()
                .set(Output.ACC, 0.1 * Math.sin(t), 0.05 * Math.cos(t), -1.0)
                .set(Output.GYRO, 0.2 * Math.sin(2 * t), 0.1, 0.3 * Math.cos(t))
                .build();
        return new Reading(1, seq * 4, t, 0, v, new Lineage("bench", sensor, "boot", seq, 1));
    }
}

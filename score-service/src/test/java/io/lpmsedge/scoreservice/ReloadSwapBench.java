package io.lpmsedge.scoreservice;

import io.lpmsedge.protocol.data.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Not a test: what a hot reload costs the scoring thread (BENCHMARKS.md, "score-service: hot reload"). Lanes of
 * {@code sensors} sensors are fed seq-major, as the poll loop sees an interleaved readings topic, for
 * {@code seconds} of stream at {@code hz}; halfway the model set is reloaded from files (a new manifest) on the
 * calling thread's clock and installed, and every lane swaps at its next window boundary. Prints the time per
 * reading ({@code SensorLane.accept}, i.e. decode and Kafka excluded) before, during (from the install until every
 * lane has swapped) and after the swap, the load time of the new set, and the windows each sensor closed.
 *
 * <pre>java -cp … io.lpmsedge.scoreservice.ReloadSwapBench 20 400 60</pre>
 */
public final class ReloadSwapBench {
    private ReloadSwapBench() {}

    public static void main(String[] args) throws Exception {
        int sensors = Integer.parseInt(args[0]);
        int hz = Integer.parseInt(args[1]);
        int seqs = Integer.parseInt(args[2]) * hz;
        Path dir = Files.createTempDirectory("swap-bench");
        ModelFiles f = new ModelFiles(dir);
        f.model("arm", 0.0102);
        ModelSetLoader loader = new ModelSetLoader(new ModelSource.SetFile(
                f.write("models.toml", "[[model]]\nname = \"arm\"\npath = \"arm.zip\"\nsensors = [\"arm-*\"]\n")));
        ModelSet[] current = {loader.load()};
        ServiceCounters counters = new ServiceCounters();
        LaneLog log = new LaneLog(counters, () -> "models.toml");
        SensorLane[] lanes = new SensorLane[sensors];
        for (int s = 0; s < sensors; s++) {
            lanes[s] = new SensorLane(Streams.name(s), -1, Emit.CHANGES, e -> {}, counters, () -> current[0], log);
        }
        double[][] rows = Streams.normal();
        Sample sample = new Sample();
        long[] nanos = new long[seqs * sensors];
        int swapAt = seqs / 2 + 37; // mid-window
        long loadNanos = 0;
        int swappedAt = -1;
        for (int seq = 0; seq < seqs; seq++) {
            if (seq == swapAt) {
                f.manifest("arm.manifest.json", 0.02);
                long t0 = System.nanoTime();
                current[0] = loader.load();
                loadNanos = System.nanoTime() - t0;
            }
            for (int s = 0; s < sensors; s++) {
                Streams.sample(sample, s, seq, rows[seq % rows.length]);
                long t0 = System.nanoTime();
                lanes[s].accept(sample, Streams.lineage(s, seq), seq);
                nanos[seq * sensors + s] = System.nanoTime() - t0;
            }
            if (swappedAt < 0 && counters.swaps.get() == sensors) {
                swappedAt = seq + 1;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d sensors x %d Hz, %d s of stream, %d readings; reload at seq %d, every "
                        + "lane swapped by seq %d; loading the new set took %.1f ms (reloader thread in the service)%n",
                sensors,
                hz,
                seqs / hz,
                nanos.length,
                swapAt,
                swappedAt,
                loadNanos / 1e6);
        print("before the reload", nanos, sensors, seqs / 10, swapAt);
        print("during the swap", nanos, sensors, swapAt, swappedAt);
        print("after the swap", nanos, sensors, swappedAt, seqs);
        System.out.println("windows by model " + counters.windowsByModel() + ", swaps " + counters.swaps.get());
    }

    private static void print(String what, long[] nanos, int sensors, int fromSeq, int toSeq) {
        long[] part = Arrays.copyOfRange(nanos, fromSeq * sensors, toSeq * sensors);
        Arrays.sort(part);
        double mean = Arrays.stream(part).average().orElse(0);
        System.out.printf(
                Locale.ROOT,
                "%-18s %8d readings  mean %6.2f us  p50 %6.2f us  p99 %6.2f us  " + "p99.9 %7.2f us  max %8.2f us%n",
                what,
                part.length,
                mean / 1e3,
                at(part, 0.5),
                at(part, 0.99),
                at(part, 0.999),
                part[part.length - 1] / 1e3);
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e3;
    }
}

package io.lpmsedge.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.reload.ConfigReloader;
import io.lpmsedge.bridge.reload.ReloadCounters;
import io.lpmsedge.bridge.scoring.ScoringModels;
import io.lpmsedge.bridge.scoring.ScoringStage;
import io.lpmsedge.bridge.scoring.VerdictIndicator;
import io.lpmsedge.bridge.scoring.VerdictPublisher;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.record.verdict.VerdictEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bridge's model swap under the fleet load: N sensors × R Hz of readings, paced in real time, written to the
 * scoring tap as the dispatcher does, for S seconds; at a third of the run (mid-window) the config is changed to
 * another model for every sensor and a reload requested ({@code ConfigReloader}, as SIGHUP does: the model loads on
 * the reloader thread while scoring goes on), and every sensor swaps at its next window boundary.
 *
 * <p>Two latencies, split into before the reload, during the swap (from the request until every sensor judges with
 * the new model) and after it: the dispatcher's hand-off call ({@code tap.write} of one tick's batch of N readings,
 * what the readers and the spool could be held up by), and a reading's way through the hand-off to its verdict (the
 * last reading of each window, from being handed over until its window event is published: queueing + scoring +
 * the swap's extra work).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.lpmsedge.benchmarks.ScoringReloadBench [MODEL [SENSORS [RATE [SECONDS]]]]</pre>
 * MODEL defaults to the bridge tests' model {@code bridge/src/test/resources/models/sim_ok_ae.zip} (6 inputs,
 * 12-4-12), run with manifests for RATE Hz and windows of 200.
 */
public final class ScoringReloadBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WINDOW = 200;

    private ScoringReloadBench() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "bridge/src/test/resources/models/sim_ok_ae.zip")
                .toAbsolutePath();
        int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        Path dir = Files.createTempDirectory("reload-bench");
        Path v1 = manifest(model, dir, "v1.manifest.json", rate, 0.001);
        Path v2 = manifest(model, dir, "v2.manifest.json", rate, 0.002);
        Path file = Files.writeString(dir.resolve("bridge.toml"), config(dir, model, v1, "arm-v1", sensors, rate));
        BridgeConfig config = new ConfigLoader(Map.of()).load(file);

        int ticks = rate * seconds;
        int reloadAt = ticks / 3 + WINDOW / 3;
        long[] handoff = new long[ticks];
        long[] verdict = new long[sensors * (ticks / WINDOW + 2)];
        long[] verdictAt = new long[verdict.length];
        int[] verdicts = {0};
        long[] swapDone = {Long.MAX_VALUE};
        int[] onNew = {0};
        VerdictPublisher timing = (VerdictEvent e, boolean urgent) -> {
            long now = System.nanoTime();
            int i = verdicts[0]++;
            verdict[i] = now - e.recvNs();
            verdictAt[i] = e.lastSeq();
            if (e.model().equals("arm-v2") && e.firstSeq() >= reloadAt - WINDOW && ++onNew[0] == sensors) {
                swapDone[0] = e.lastSeq();
            }
        };
        List<String> names = config.sensors().stream().map(s -> s.name()).toList();
        ScoringStage stage = new ScoringStage(config.scoring(), names, timing, VerdictIndicator.NONE);
        var tap = stage.tap();
        stage.start();
        ReloadCounters reloads = new ReloadCounters();
        try (ConfigReloader reloader = new ConfigReloader(
                ConfigReloader.Loader.file(file, Map.of()),
                file.toString(),
                config,
                ConfigReloader.Applier.models(stage),
                reloads,
                Clock.systemUTC())) {
            long start = System.nanoTime();
            for (int tick = 0; tick < ticks; tick++) {
                if (tick == reloadAt) {
                    Files.writeString(file, config(dir, model, v2, "arm-v2", sensors, rate));
                    reloader.request("bench");
                }
                List<Reading> batch = new ArrayList<>(sensors);
                long now = System.nanoTime();
                for (String n : names) {
                    batch.add(reading(n, tick, rate, now));
                }
                long t0 = System.nanoTime();
                tap.write(batch);
                handoff[tick] = System.nanoTime() - t0;
                long due = start + (long) (tick + 1) * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 200_000) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            tap.close();
            stage.awaitStop(60_000);
        }
        long swapEnd = swapDone[0] == Long.MAX_VALUE ? ticks : swapDone[0] + 1;
        System.out.printf(
                "%d sensors x %d Hz, %d s, reload requested at seq %d, every sensor on the new model from "
                        + "seq %d; %d readings dropped in the hand-off, reloads %d installed %d refused%n",
                sensors,
                rate,
                seconds,
                reloadAt,
                swapEnd,
                stage.droppedInHandoff(),
                reloads.installed(),
                reloads.refused());
        System.out.println("| phase | what | samples | p50 | p99 | p99.9 | max |");
        System.out.println("|---|---|---|---|---|---|---|");
        long[][] phases = {{0, reloadAt}, {reloadAt, swapEnd}, {swapEnd, ticks}};
        String[] phaseNames = {"before the reload", "during the swap", "after the swap"};
        for (int p = 0; p < 3; p++) {
            row(
                    phaseNames[p],
                    "hand-off call (" + sensors + " readings)",
                    Arrays.copyOfRange(handoff, (int) phases[p][0], (int) phases[p][1]));
            List<Long> in = new ArrayList<>();
            for (int i = 0; i < verdicts[0]; i++) {
                if (verdictAt[i] >= phases[p][0] && verdictAt[i] < phases[p][1]) {
                    in.add(verdict[i]);
                }
            }
            row(
                    phaseNames[p],
                    "reading handed over -> verdict",
                    in.stream().mapToLong(Long::longValue).toArray());
        }
    }

    private static void row(String phase, String what, long[] nanos) {
        Arrays.sort(nanos);
        if (nanos.length == 0) {
            System.out.printf("| %s | %s | 0 | | | | |%n", phase, what);
            return;
        }
        System.out.printf(
                "| %s | %s | %,d | %s | %s | %s | %s |%n",
                phase, what, nanos.length, us(nanos, 0.50), us(nanos, 0.99), us(nanos, 0.999), us(nanos, 1.0));
    }

    private static String us(long[] sorted, double q) {
        long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        return v >= 1_000_000 ? String.format("%.1f ms", v / 1e6) : String.format("%.1f µs", v / 1e3);
    }

    private static Path manifest(Path model, Path dir, String name, int rate, double threshold) throws Exception {
        ObjectNode m =
                (ObjectNode) JSON.readTree(ScoringModels.defaultManifest(model).toFile());
        m.put("sampleRateHz", (double) rate);
        m.put("threshold", threshold);
        ((ObjectNode) m.get("window")).put("size", WINDOW).put("stride", WINDOW);
        Path out = dir.resolve(name);
        JSON.writeValue(out.toFile(), m);
        return out;
    }

    private static String config(Path dir, Path model, Path manifest, String name, int sensors, int rate) {
        StringBuilder t = new StringBuilder("[bridge]\nname = \"bench\"\n");
        for (int i = 0; i < sensors; i++) {
            t.append(
                    "[[sensor]]\nname = \"m-%02d\"\nlink = \"tcp://127.0.0.1:%d\"\nrate_hz = %d\noutputs = [\"acc\", \"gyro\"]\n"
                            .formatted(i, 7000 + i, rate));
        }
        t.append("[spool]\ndir = \"%s\"\n[[sink]]\nname = \"file\"\ntype = \"jsonl\"\npath = \"%s\"\n"
                .formatted(dir.resolve("spool"), dir.resolve("out.jsonl")));
        t.append("[scoring]\nwindow_events = true\nwatch_ms = 0\n[[scoring.model]]\nname = \"%s\"\nmodel = \"%s\"\n"
                        .formatted(name, model)
                + "manifest = \"%s\"\nsensors = [\"m-*\"]\n".formatted(manifest));
        return t.toString();
    }

    private static Reading reading(String sensor, long seq, int rate, long handedOverNanos) {
        double phase = seq * 2 * Math.PI / 97;
        SampleValues v = SampleValues.builder()
                .set(Output.ACC, 0.01 * Math.sin(phase), 0, -1)
                .set(Output.GYRO, 0, 0.5 * Math.cos(phase), 0)
                .build();
        // recvNs carries the hand-over time (System.nanoTime) so a window event tells its last reading's latency.
        return new Reading(
                1, seq, seq / (double) rate, handedOverNanos, v, new Lineage("bench", sensor, "boot-1", seq, 1));
    }
}

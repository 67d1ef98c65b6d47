package io.lpmsedge.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.pipeline.ReadingStage;
import io.lpmsedge.bridge.session.SensorSession;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bridge's ingest path under the fleet load of issue 5: N simulated sensors at R Hz with all outputs (the
 * simulator runs as a separate {@code ./lpms-edge sim} process, on another core when taskset exists), read over
 * loopback TCP by an in-process bridge writing JSON Lines to /dev/null. Reports readings/s, the bridge
 * process's CPU as % of one core, allocation rate and heap after GC.
 *
 * <pre>taskset -c 0 java -Xmx64m -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar \
 *     io.lpmsedge.benchmarks.IngestBench SENSORS RATE SECONDS [PORT [jsonl|discard]]</pre>
 */
public final class IngestBench {
    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        int sensors = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int port = args.length > 3 ? Integer.parseInt(args[3]) : 7300;
        boolean jsonl = args.length <= 4 || !args[4].equals("discard");
        Path root = Path.of(System.getProperty("lpmsedge.root", ".")).toAbsolutePath();

        List<String> simCmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            simCmd.addAll(List.of("taskset", "-c", "1"));
        }
        simCmd.addAll(List.of(
                root.resolve("lpms-edge").toString(),
                "sim",
                "--sensors",
                String.valueOf(sensors),
                "--port",
                String.valueOf(port),
                "--rate",
                String.valueOf(rate),
                "--outputs",
                "all",
                "--seed",
                "9"));
        Process sim = new ProcessBuilder(simCmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            StringBuilder toml = new StringBuilder("[bridge]\nname = \"bench\"\n[link]\nbackoff_initial_ms = 50\n");
            for (int i = 0; i < sensors; i++) {
                toml.append("[[sensor]]\nname = \"s")
                        .append(i)
                        .append("\"\nlink = \"tcp://127.0.0.1:")
                        .append(port + i)
                        .append("\"\noutputs = [\"gyro\", \"acc\", \"mag\", \"angVel\", \"quat\", "
                                + "\"euler\", \"linAcc\", \"pressure\", \"altitude\", \"temperature\", \"heave\"]\n"
                                + "rate_hz = ")
                        .append(rate)
                        .append('\n');
            }
            BridgeConfig config = new ConfigLoader(Map.of()).parse(toml.toString(), "bench.toml");
            OutputStream devNull = new FileOutputStream("/dev/null");
            ReadingStage sink = jsonl ? new JsonLinesTap(devNull) : new DiscardingSink();
            Bridge bridge =
                    new Bridge(config, new SensorLinks(config.link(), null), null, List.of(sink), Clock.systemUTC());
            bridge.start();

            // Warm up until every sensor streams, plus 5 s for the JIT.
            long warmDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (bridge.sessions().stream().anyMatch(s -> s.counters().readings() == 0)) {
                if (System.nanoTime() > warmDeadline) {
                    throw new IllegalStateException("not every sensor is streaming; is port " + port + " free?");
                }
                Thread.sleep(100);
            }
            Thread.sleep(5_000);

            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long readings0 = total(bridge);
            long delivered0 = bridge.dispatcher().dispatched();
            long cpu0 = os.getProcessCpuTime();
            long alloc0 = allocated(threads);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long wall = System.nanoTime() - t0;
            long readings = total(bridge) - readings0;
            long delivered = bridge.dispatcher().dispatched() - delivered0;
            long cpu = os.getProcessCpuTime() - cpu0;
            long alloc = allocated(threads) - alloc0;
            long missed = bridge.sessions().stream()
                    .mapToLong(s -> s.counters().missedSamples())
                    .sum();
            long bad = bridge.sessions().stream()
                    .mapToLong(s -> s.frameCounters().badFrames())
                    .sum();

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
            bridge.stop(Duration.ofSeconds(5));

            double secs = wall / 1e9;
            System.out.printf(
                    "sensors=%d rate=%d Hz outputs=all sink=%s window=%.1f s%n",
                    sensors, rate, jsonl ? "jsonl>/dev/null" : "discard", secs);
            System.out.printf("readings/s        %.0f (target %d)%n", readings / secs, sensors * rate);
            System.out.printf("delivered/s       %.0f%n", delivered / secs);
            System.out.printf("bridge CPU        %.1f %% of one core%n", 100.0 * cpu / wall);
            System.out.printf("CPU per reading   %.2f us%n", cpu / 1e3 / Math.max(1, readings));
            System.out.printf(
                    "allocation        %.1f MB/s, %.0f B/reading%n",
                    alloc / secs / 1e6, (double) alloc / Math.max(1, readings));
            System.out.printf(
                    "heap after GC     %.1f MB (max %d MB)%n",
                    heapAfterGc / 1e6, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(
                    "missed samples    %d, bad frames %d, queue drops %d%n",
                    missed, bad, bridge.handoff().dropped());
        } finally {
            sim.destroy();
        }
    }

    /** Writes each reading as the bridge's JSON record value, to measure the cost of encoding. */
    private static final class JsonLinesTap implements ReadingStage {
        private final io.lpmsedge.record.JsonRecordFormat format = new io.lpmsedge.record.JsonRecordFormat();
        private final OutputStream out;

        JsonLinesTap(OutputStream out) {
            this.out = new java.io.BufferedOutputStream(out, 1 << 16);
        }

        @Override
        public void write(List<io.lpmsedge.protocol.data.Reading> batch) throws java.io.IOException {
            for (io.lpmsedge.protocol.data.Reading r : batch) {
                out.write(format.encode(r));
                out.write('\n');
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            out.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            out.flush();
        }
    }

    /** Takes readings and does nothing: the cost of the ingest path alone. */
    private static final class DiscardingSink implements ReadingStage {
        @Override
        public void write(List<io.lpmsedge.protocol.data.Reading> batch) {}

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    private static long total(Bridge bridge) {
        return bridge.sessions().stream()
                .mapToLong((SensorSession s) -> s.counters().readings())
                .sum();
    }

    private static long allocated(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long a = threads.getThreadAllocatedBytes(id);
            if (a > 0) {
                sum += a;
            }
        }
        return sum;
    }
}

package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.delivery.DeadLetterFile;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What an idle sender costs: one {@link Sender} with the default settings (4 lanes) over a real spool and a sink
 * that delivers at once, after a short burst of records, left alone for {@code SECONDS}. Prints the sender's
 * threads' CPU time and voluntary context switches (each one a wake-up) over that time, from
 * {@code /proc/self/task}, and the whole process' CPU time (JIT and GC included). Linux only.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.lpmsedge.benchmarks.SenderIdleBench [SECONDS]</pre>
 */
public final class SenderIdleBench {
    private static final String THREAD = "sender-idle";

    private SenderIdleBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("sender-idle");
        try (Spool spool = Spool.open(
                new SpoolConfig(
                        dir,
                        1 << 26,
                        1 << 22,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(1),
                        SpoolFullPolicy.DROP_OLDEST),
                List.of("s"),
                Clock.systemUTC())) {
            DeliverySink sink = new DeliverySink() {
                @Override
                public String name() {
                    return "s";
                }

                @Override
                public SendResult send(String topic, List<SpooledRecord> batch) {
                    return SendResult.all(batch.size(), RecordStatus.DELIVERED, null, null, 200);
                }

                @Override
                public void close() {}
            };
            Sender sender = new Sender(
                    sink,
                    spool,
                    SenderConfig.DEFAULTS,
                    new DeadLetterFile(dir.resolve("dead")),
                    Clock.systemUTC(),
                    new SplittableRandom(1));
            Thread t = new Thread(sender, THREAD);
            t.start();
            List<SpoolEntry> burst = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                burst.add(
                        new SpoolEntry("readings", "sensor-" + i % 20, "{\"seq\":0}".getBytes(StandardCharsets.UTF_8)));
            }
            spool.append(burst);
            spool.sync();
            sender.wakeUp(); // the old sender needs it; the new one hears the spool's sync
            while (spool.pending("s") > 0) {
                Thread.sleep(10);
            }
            Thread.sleep(1000); // the burst's requests are over
            long[] before = senderThreads();
            long processBefore = processCpuNanos();
            Thread.sleep(seconds * 1000L);
            long[] after = senderThreads();
            long processAfter = processCpuNanos();
            System.out.printf(
                    "idle %d s, %d sender thread(s): CPU %.1f ms, %d wake-ups (voluntary context "
                            + "switches, %.1f/s); whole process CPU %.1f ms%n",
                    seconds,
                    after[2],
                    (after[0] - before[0]) / 1e6,
                    after[1] - before[1],
                    (after[1] - before[1]) / (double) seconds,
                    (processAfter - processBefore) / 1e6);
            sender.stop(Duration.ZERO);
            t.join();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU nanos (utime + stime) and voluntary context switches summed over the sender's threads, and how many. */
    private static long[] senderThreads() throws IOException {
        long tick = 10_000_000L; // USER_HZ = 100 on Linux
        long[] sum = new long[3];
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                } catch (IOException gone) {
                    continue;
                }
                if (!comm.startsWith(THREAD)) {
                    continue;
                }
                String stat = Files.readString(task.resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum[0] += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick; // fields 14, 15: utime, stime
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches:")) {
                        sum[1] += Long.parseLong(
                                line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                sum[2]++;
            }
        }
        return sum;
    }
}

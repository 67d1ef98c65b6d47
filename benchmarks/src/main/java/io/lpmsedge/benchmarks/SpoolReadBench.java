package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The spool's CPU cost of opening (every record's length and CRC checked, the position index built) and of
 * reading, page cache warm, best of N rounds (a shared machine's load spikes only make rounds slower): N records
 * of 460-byte values from 20 keys are spooled once, then each round opens the spool, reads it all with one
 * reader (2000 records per read, as the sender does), and reads it again with two readers alternating half the
 * spool apart (fan-out sinks at different places).
 *
 * <pre>java -cp benchmarks/target/classes:$(cat /tmp/cp.txt) io.lpmsedge.benchmarks.SpoolReadBench DIR [RECORDS] [ROUNDS]</pre>
 */
public final class SpoolReadBench {
    private SpoolReadBench() {}

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        int n = a.length > 1 ? Integer.parseInt(a[1]) : 480_000;
        int rounds = a.length > 2 ? Integer.parseInt(a[2]) : 8;
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " exists; give a new directory (the bench fills it)");
        }
        SpoolConfig c = new SpoolConfig(
                dir, 1L << 34, 16L << 20, Duration.ofMillis(200), Duration.ofSeconds(1), SpoolFullPolicy.DROP_OLDEST);
        SplittableRandom rnd = new SplittableRandom(1);
        try (Spool s = Spool.open(c, List.of("x", "y"), Clock.systemUTC())) {
            for (int i = 0; i < n; i += 512) {
                List<SpoolEntry> b = new ArrayList<>();
                for (int j = 0; j < 512; j++) {
                    byte[] v = new byte[460];
                    rnd.nextBytes(v);
                    b.add(new SpoolEntry("readings", "arm-" + (j % 20), v));
                }
                s.append(b);
            }
        }
        double bestScan = 0;
        double best1 = 0;
        double best2 = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            try (Spool s = Spool.open(c, List.of("x", "y"), Clock.systemUTC())) {
                double scan = s.endOffset() / ((System.nanoTime() - t0) / 1e9);
                long end = s.endOffset();
                long t1 = System.nanoTime();
                long o = 0;
                while (o < end) {
                    o = next(s, o);
                }
                double one = end / ((System.nanoTime() - t1) / 1e9);
                long t2 = System.nanoTime();
                long ahead = end / 2;
                long behind = 0;
                while (ahead < end) {
                    ahead = next(s, ahead);
                    behind = next(s, behind);
                }
                double two = (ahead - end / 2 + behind) / ((System.nanoTime() - t2) / 1e9);
                bestScan = Math.max(bestScan, scan);
                best1 = Math.max(best1, one);
                best2 = Math.max(best2, two);
                System.out.printf(
                        "round %d: open %.0f rec/s, read 1 reader %.0f rec/s, 2 readers %.0f rec/s%n",
                        r, scan, one, two);
            }
        }
        System.out.printf(
                "best: open %.2f M rec/s, read 1 reader %.2f M rec/s, 2 readers %.2f M rec/s (%d records)%n",
                bestScan / 1e6, best1 / 1e6, best2 / 1e6, n);
    }

    private static long next(Spool s, long from) throws java.io.IOException {
        List<SpooledRecord> b = s.read(from, 2000, 4 << 20);
        return b.isEmpty() ? from : b.get(b.size() - 1).offset() + 1;
    }
}

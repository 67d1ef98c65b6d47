package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.spool.FileStore;
import io.lpmsedge.bridge.spool.RecoveryProgress;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolContext;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Launch → first reading spooled, against the size of the spool left by an outage (issue 14.4): the time from
 * opening the spool to the first appended reading being fsynced, once with the whole start-up scan before
 * anything else ({@link Spool#open}, the old behaviour) and once with only the newest segment checked and the
 * rest in the background ({@link Spool#openRecoveringInBackground}, what the bridge does now). Before every
 * open the segment files are dropped from the page cache ({@code dd iflag=nocache count=0}, per file, no root
 * needed), so the scan reads from the disk as after a power cut.
 *
 * <p>Usage: {@code SpoolStartupBench [--read-mbps N] DIR [GB ...]} (default sizes 0 0.5 1 2 4 8). The spool is
 * built by copying one 16 MiB segment of 500-byte readings under consecutive base offsets, growing from size to
 * size. {@code --read-mbps} throttles every read of the spool to N MB/s (a {@link FileStore} that sleeps), a
 * stand-in for an SD card's 40–90 MB/s that needs neither root nor a slow device.
 */
public final class SpoolStartupBench {
    private static final long SEGMENT = 16L << 20;

    private SpoolStartupBench() {}

    public static void main(String[] argv) throws Exception {
        List<String> args = new ArrayList<>(List.of(argv));
        FileStore store = FileStore.DISK;
        if (!args.isEmpty() && args.get(0).equals("--read-mbps")) {
            store = new ThrottledReads(FileStore.DISK, Double.parseDouble(args.get(1)) * 1e6);
            args = args.subList(2, args.size());
        }
        Path dir = Path.of(args.isEmpty() ? "/tmp/spool-startup-bench" : args.get(0));
        List<Double> sizes = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            sizes.add(Double.parseDouble(args.get(i)));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(0.0, 0.5, 1.0, 2.0, 4.0, 8.0);
        }
        Files.createDirectories(dir);
        SpoolConfig config = new SpoolConfig(
                dir.resolve("spool"),
                1L << 40,
                SEGMENT,
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                SpoolFullPolicy.DROP_OLDEST);
        Path template = template(dir.resolve("template"));
        long perSegment = records(template);
        Files.createDirectories(config.dir());
        System.out.printf(
                Locale.ROOT,
                "%8s %10s %22s %22s %20s%n",
                "spool GB",
                "segments",
                "full scan first (ms)",
                "background first (ms)",
                "background done (ms)");
        for (double gb : sizes) {
            int segments = (int) Math.round(gb * 1e9 / SEGMENT);
            grow(config.dir(), template, perSegment, segments);
            long full = firstReading(config, store, false)[0];
            long[] background = firstReading(config, store, true);
            System.out.printf(
                    Locale.ROOT, "%8.1f %10d %22d %22d %20d%n", gb, segments, full, background[0], background[1]);
        }
    }

    /** One full segment of readings, written by the spool itself. */
    private static Path template(Path dir) throws IOException {
        Files.createDirectories(dir);
        SpoolConfig c = new SpoolConfig(
                dir, 1L << 40, SEGMENT, Duration.ofMillis(200), Duration.ofSeconds(1), SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(c, List.of("x"), SpoolContext.system(), RecoveryProgress.NONE)) {
            int seq = 0;
            while (spool.segmentCount() < 2) {
                List<SpoolEntry> batch = new ArrayList<>();
                for (int i = 0; i < 512; i++) {
                    batch.add(reading(seq++));
                }
                spool.append(batch);
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static SpoolEntry reading(int seq) {
        String v = "{\"schema\":1,\"sensor\":\"arm-" + seq % 20 + "\",\"seq\":" + seq + ",\"acc\":[0.01,-0.02,9.81],"
                + "\"gyr\":[0.1,0.2,0.3],\"mag\":[12.0,-3.0,40.0],\"quat\":[1,0,0,0],\"pad\":\"" + "x".repeat(300)
                + "\"}";
        return new SpoolEntry("readings", "arm-" + seq % 20, v.getBytes(StandardCharsets.UTF_8));
    }

    private static long records(Path segment) {
        String name = segment.getFileName().toString();
        try (Stream<Path> s = Files.list(segment.getParent())) {
            Path next = s.filter(p -> p.toString().endsWith(".seg"))
                    .sorted()
                    .skip(1)
                    .findFirst()
                    .orElseThrow();
            return Long.parseLong(next.getFileName().toString().substring(0, 20))
                    - Long.parseLong(name.substring(0, 20));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the template under consecutive bases until {@code segments} old segments exist (plus the newest). */
    private static void grow(Path spool, Path template, long perSegment, int segments) throws IOException {
        List<Path> have;
        try (Stream<Path> s = Files.list(spool)) {
            have = s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
        // The newest segment has grown by the readings the opens appended: replace it, then add copies.
        int from = Math.max(0, have.size() - 1);
        if (!have.isEmpty()) {
            Files.delete(have.get(have.size() - 1));
        }
        Files.deleteIfExists(spool.resolve("offsets.state"));
        for (int i = from; i <= segments; i++) {
            Files.copy(template, spool.resolve(String.format(Locale.ROOT, "%020d.seg", i * perSegment)));
        }
    }

    /** {open → first reading fsynced, open → every segment checked} in ms. */
    private static long[] firstReading(SpoolConfig config, FileStore store, boolean background) throws Exception {
        dropFromPageCache(config.dir());
        SpoolContext context = new SpoolContext(Clock.systemUTC(), System::nanoTime, store);
        long start = System.nanoTime();
        Spool spool = background
                ? Spool.openRecoveringInBackground(config, List.of("x"), context, RecoveryProgress.NONE)
                : Spool.open(config, List.of("x"), context, RecoveryProgress.NONE);
        try {
            spool.append(List.of(reading(-1)));
            spool.sync();
            long first = (System.nanoTime() - start) / 1_000_000;
            if (!spool.awaitRecovered(Duration.ofMinutes(30))) {
                throw new IllegalStateException("recovery did not finish in 30 min");
            }
            return new long[] {first, (System.nanoTime() - start) / 1_000_000};
        } finally {
            spool.close();
        }
    }

    private static void dropFromPageCache(Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".seg")).toList();
        }
        for (Path f : files) {
            Process p = new ProcessBuilder("dd", "if=" + f, "iflag=nocache", "count=0", "status=none")
                    .inheritIO()
                    .start();
            if (p.waitFor() != 0) {
                throw new IOException("dd could not drop " + f + " from the page cache");
            }
        }
    }
}

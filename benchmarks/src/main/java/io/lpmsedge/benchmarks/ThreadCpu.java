package io.lpmsedge.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU-seconds of one process per thread kind, from /proc/PID/task/TID/{comm,stat} (utime + stime in clock ticks of
 * 1/100 s): where <em>all</em> of a JVM's CPU goes (its poll loop, the Kafka clients' network threads, the VM
 * thread that runs the serial collector, the JIT compilers), which a Java-level profile of one thread does not
 * show. Threads are grouped by name without their numbers ({@code C2 CompilerThre0} and {@code …1} are one kind).
 * A thread that ended between two snapshots is missing from the later one, so its share is lost; the score-service's
 * threads live as long as the process.
 */
record ThreadCpu(Map<String, Double> seconds) {
    /** USER_HZ: the unit of utime and stime in /proc; 100 on every Linux this bench runs on. */
    private static final double TICKS_PER_SECOND = 100;

    static ThreadCpu of(long pid) {
        Map<String, Double> s = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim();
                    String stat = Files.readString(t.resolve("stat"));
                    // Fields after the ")" closing comm: state is field 3, utime 14, stime 15 (proc(5)).
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                    s.merge(kind(comm), cpu, Double::sum);
                } catch (NoSuchFileException gone) {
                    // the thread ended while we listed
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read threads of pid " + pid + " (this bench needs Linux /proc)", e);
        }
        return new ThreadCpu(s);
    }

    static String kind(String comm) {
        String k = comm.contains(" |") ? comm.substring(0, comm.indexOf(" |")) : comm;
        return k.replaceAll("[#-]?\\d+$", "").trim();
    }

    /** The share of the JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}) in the total. */
    double compilerShare() {
        double total =
                seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        double jit = seconds.entrySet().stream()
                .filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        return total <= 0 ? 0 : jit / total;
    }

    ThreadCpu plus(ThreadCpu o) {
        Map<String, Double> s = new TreeMap<>(seconds);
        o.seconds.forEach((k, v) -> s.merge(k, v, Double::sum));
        return new ThreadCpu(s);
    }

    ThreadCpu minus(ThreadCpu o) {
        Map<String, Double> s = new TreeMap<>(seconds);
        o.seconds.forEach((k, v) -> s.merge(k, -v, Double::sum));
        return new ThreadCpu(s);
    }

    /** "main 61 %, VM Thread 14 %, …" of the kinds that used at least 1 % of the total, largest first. */
    String shares() {
        double total =
                seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return "no CPU";
        }
        return seconds.entrySet().stream()
                .filter(e -> e.getValue() / total >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(
                        Locale.ROOT, "%s %.0f %% (%.2f s)", e.getKey(), 100 * e.getValue() / total, e.getValue()))
                .collect(Collectors.joining(", "));
    }
}

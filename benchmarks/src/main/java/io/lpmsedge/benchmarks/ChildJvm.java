package io.lpmsedge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code lpms-edge} command in its own JVM, started from this JVM's class path, as a user runs it: its own
 * process, so its CPU time is its own ({@link #cpuSeconds()}, the kernel's utime + stime of that process as
 * {@link ProcessHandle.Info#totalCpuDuration()} reads them from /proc) and it can be killed like one.
 * Output (stdout and stderr merged) goes to a log file, read back by {@link #awaitLine}.
 */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param jvmOptions e.g. {@code -XX:+UseSerialGC -Xmx512m}; the launcher's slf4j settings are always added
     */
    static ChildJvm start(String name, List<String> jvmOptions, Path logDir, String... args) {
        return startMain(name, jvmOptions, logDir, "io.lpmsedge.cli.LpmsEdge", args);
    }

    /** As {@link #start} with another main class of this class path. */
    static ChildJvm startMain(String name, List<String> jvmOptions, Path logDir, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        // As the lpms-edge launcher runs it: Kafka client logging through the bridge's provider, WARN and up.
        cmd.add("-Dslf4j.provider=io.lpmsedge.bridge.delivery.kafka.ClientLogProvider");
        cmd.add("-Dslf4j.internal.verbosity=WARN");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Path log = logDir.resolve(name + ".log");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ChildJvm(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** CPU seconds (user + system) this process has used so far. */
    double cpuSeconds() {
        Optional<Duration> d = process.info().totalCpuDuration();
        return d.map(x -> x.toNanos() / 1e9)
                .orElseThrow(() -> new IllegalStateException(
                        "no CPU time for " + name + " (pid " + process.pid() + "); this bench needs Linux /proc"));
    }

    /** Waits for a line of its output matching {@code pattern}; returns the match (group 1 if there is one). */
    String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before printing '"
                        + pattern + "'; its output:\n" + String.join("\n", lines()));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " did not print '" + pattern + "' within " + timeout + "; its output:\n"
                + String.join("\n", lines()));
    }

    List<String> lines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then waits for the exit (the score-service commits, leaves the group and prints its counters). */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}

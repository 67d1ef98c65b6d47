package io.lpmsedge.scoreservice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code lpms-edge score-service} in its own JVM from the test class path, with the launcher's default JVM flags:
 * an instance as a user runs one, so it can be killed with SIGKILL ({@link #kill()}) like a crashed host.
 */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    final Path log;

    ServiceProcess(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-cp",
                System.getProperty("java.class.path"),
                "io.lpmsedge.cli.LpmsEdge",
                "score-service"));
        cmd.addAll(List.of(args));
        this.log = log;
        this.process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no commit, no leave-group; its partitions move only when the group's session timeout expires. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM and the exit status (the service commits and leaves the group first). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("score-service did not stop within 60 s of SIGTERM; see " + log);
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

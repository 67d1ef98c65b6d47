package io.lpmsedge.pkg;

import static io.lpmsedge.pkg.Pkg.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb on a foreign Raspberry Pi architecture ({@link ForeignArch}) under qemu-user through binfmt: a Debian 12
 * root of that architecture (debootstrap, Debian's packages, cached like {@link BootedServiceIT}'s), and in it, in
 * one {@code systemd-nspawn} run of {@code foreign-arch-smoke.sh}: the package installed with dpkg, {@code
 * --version} and {@code check-config} with the launcher's JVM flags, the installed unit's JVM flags accepted by this
 * JVM, {@code check-config} of a Kafka sink asking for snappy (refused where snappy cannot load), {@code scan}
 * refusing with its one line, every native library the package carries loaded and made to work
 * ({@link NativeLibraries}), and a short {@code run} with the unit's JVM flags reading one sensor over TCP and one
 * over a pty, stopped by SIGTERM with exit 143.
 *
 * <p>A subclass per architecture names it. Opt-in (a cold root takes most of an hour under emulation): skipped
 * unless the architecture's profile set {@link ForeignArch#optInProperty()}, with {@link ForeignArch#command()} as
 * the reason.
 */
abstract class ForeignArchSmoke {
    static final List<String> PACKAGES = List.of("openjdk-17-jre-headless", "socat");

    private final ForeignArch arch;

    @TempDir
    Path tmp;

    ForeignArchSmoke(ForeignArch arch) {
        this.arch = arch;
    }

    /** Builds (or reuses) the root, runs the smoke script in it and checks every step; skips when it cannot run. */
    @Test
    @Timeout(value = 150, unit = TimeUnit.MINUTES) // a cold root takes most of an hour under emulation
    void installsRunsAndLoadsEveryNativeLibrary() throws Exception {
        assumeTrue(Boolean.getBoolean(arch.optInProperty()), "opt-in: " + arch.command());
        Path cwd = Path.of(".").toAbsolutePath();
        assumeTrue("0".equals(Pkg.run(cwd, "id", "-u").output().strip()), "debootstrap and systemd-nspawn need root");
        Optional<String> missing = DebianRoot.missing(Map.of(
                "debootstrap",
                "debootstrap",
                "systemd-nspawn",
                "systemd-container",
                arch.binfmt() + "-static",
                "qemu-user-static"));
        assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
        Path binfmt = Path.of("/proc/sys/fs/binfmt_misc", arch.binfmt());
        assumeTrue(
                Files.exists(binfmt) && Files.readString(binfmt).startsWith("enabled"),
                arch.binfmt() + " is not registered with binfmt_misc (apt-get install binfmt-support "
                        + "qemu-user-static; update-binfmts --enable " + arch.binfmt() + ")");

        Path cached;
        try {
            cached = DebianRoot.ensure(arch.debian(), PACKAGES, Duration.ofMinutes(120));
        } catch (IOException e) {
            Assumptions.abort("debootstrap could not build the " + arch.debian() + " root here: " + e.getMessage());
            return;
        }
        Path root = arch.wordBits() == 32 ? onTmpfs(cached, cwd) : cached;
        try {
            smoke(root, tmp);
        } finally {
            if (!root.equals(cached)) {
                Pkg.ok(cwd, "rm", "-rf", root.toString());
            }
        }
    }

    /**
     * A copy of {@code root} on tmpfs, for a 32-bit architecture. Under qemu-user on a 64-bit host, the host kernel
     * takes the emulated program for a 64-bit one and gives it ext4's 64-bit directory hash cookies; a 32-bit
     * {@code readdir} cannot hold them and fails with EOVERFLOW ("Value too large for defined data type"): the armhf
     * JVM could not list its own {@code security/policy/unlimited} directory and died in its first TLS set-up. On a
     * Pi the kernel sees a 32-bit program (a 32-bit kernel, or a 64-bit one's compat syscalls) and hands it 32-bit
     * cookies. tmpfs numbers its entries 0, 1, 2...: on it the emulated root lists directories as a Pi does.
     */
    private static Path onTmpfs(Path root, Path cwd) throws IOException, InterruptedException {
        Path shm = Path.of("/dev/shm");
        String type =
                Pkg.run(cwd, "stat", "-f", "-c", "%T", shm.toString()).output().strip();
        assumeTrue(
                "tmpfs".equals(type),
                "a 32-bit root runs from a copy on tmpfs (EOVERFLOW from readdir on ext4 under qemu-user), but " + shm
                        + " is " + type);
        Path copy = shm.resolve("lpms-edge-" + root.getFileName() + "-"
                + ProcessHandle.current().pid());
        Pkg.ok(cwd, "rm", "-rf", copy.toString());
        Pkg.ok(cwd, "cp", "-a", root.toString(), copy.toString());
        return copy;
    }

    private void smoke(Path root, Path tmp) throws Exception {
        Path it = Files.createDirectories(tmp.resolve("it"));
        Files.copy(Pkg.deb(), it.resolve("lpms-edge.deb"));
        try (InputStream script = ForeignArchSmoke.class.getResourceAsStream("/foreign-arch-smoke.sh")) {
            Files.copy(script, it.resolve("smoke.sh"));
        }
        Files.writeString(it.resolve("native-unavailable"), String.join(",", arch.unavailableNatives()));
        Files.writeString(it.resolve("snappy.toml"), SNAPPY_SINK);
        Path testClasses = Path.of(NativeLibraries.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String bridge = arch.profile();

        try (SimulatedSensors sensors = SimulatedSensors.start(2, 13)) {
            Map<String, String> links = new LinkedHashMap<>();
            links.put("tcp-1", "tcp://127.0.0.1:" + sensors.port(0));
            links.put("tty-1", "serial:///run/sim/tty0");
            Files.writeString(
                    it.resolve("run.toml"), SimulatedSensors.config(bridge, links, "/var/lib/lpms-edge/spool"));
            Files.writeString(it.resolve("tty-port"), Integer.toString(sensors.port(1)));

            List<String> command = Machine.nspawn(root, Map.of(it, "/it", testClasses, "/it-classes"));
            command.addAll(List.of("/bin/bash", "/it/smoke.sh"));
            Path log = tmp.resolve("smoke.log");
            long started = System.nanoTime();
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean ended = p.waitFor(15, TimeUnit.MINUTES);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String out = Files.readString(log);
            System.out.printf(
                    "ForeignArchSmoke: %.0f s in the %s root%n%s%n",
                    (System.nanoTime() - started) / 1e9, arch.debian(), out);
            assertEquals(0, ended ? p.exitValue() : -1, out);
            assertSteps(arch, out, bridge);
        }
    }

    /** A Kafka sink that asks for snappy; check-config never connects, so the broker need not exist. */
    static final String SNAPPY_SINK = """
            [bridge]
            name = "snappy-check"

            [[sensor]]
            name = "s-1"
            link = "tcp://127.0.0.1:7001"

            [[sink]]
            name = "cluster"
            type = "kafka"
            bootstrap_servers = "127.0.0.1:9092"
            properties = { "compression.type" = "snappy" }
            """;

    private static long lineOf(String text, String start) {
        return text.lines().takeWhile(l -> !l.startsWith(start)).count() + 1;
    }

    private static void assertSteps(ForeignArch arch, String out, String bridge) {
        assertContains(out, "step arch: " + arch.unameMachine() + " " + arch.debian());
        assertContains(out, "step install: lpms-edge " + Pkg.debVersion() + " install ok installed");
        assertContains(out, "step version: lpms-edge ");
        assertContains(out, "step check-config: /etc/lpms-edge/lpms-edge.toml: OK");
        assertContains(out, "step unit-jvm: -Xmx64m ");
        assertContains(out, "step unit-jvm:     Max. Heap Size: 64.00M");
        if (arch.snappyRefused()) {
            assertContains(out, "step snappy-config: exit 2");
            assertContains(
                    out,
                    "/it/snappy.toml:" + lineOf(SNAPPY_SINK, "properties")
                            + ": sink[0].properties: compression.type = \"snappy\" cannot work on this 32-bit "
                            + "ARM system (os.arch " + arch.osArch() + "): snappy has no working armhf native library");
        } else {
            assertContains(out, "step snappy-config: exit 0");
            assertContains(out, "step snappy-config: /it/snappy.toml: OK");
        }
        assertContains(out, "step scan: exit 3");
        assertContains(
                out,
                "step scan: lpms-edge scan: BlueCove's native Bluetooth stack is not available on this "
                        + "system (Linux/" + arch.osArch() + ")");
        for (String lib : List.of("jSerialComm", "zstd-jni", "lz4-java", "snappy-java", "pi4j-gpiod")) {
            assertContains(
                    out,
                    "step native " + lib + ": " + (arch.unavailableNatives().contains(lib) ? "UNAVAILABLE" : "OK"));
        }
        assertContains(out, "step os.arch " + arch.osArch() + ", 0 failed");
        assertContains(out, "step run: exit 143");
        for (String sensor : List.of("tcp-1", "tty-1")) {
            assertContains(out, "INFO sensor " + sensor + ": streaming");
            assertContains(out, "INFO sensor " + sensor + ": stopped");
        }
        assertContains(out, "bridge " + bridge + " stopped");
        assertFalse(out.contains("link lost"), out);
        assertContains(out, "step done");
    }
}

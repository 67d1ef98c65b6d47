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
import java.util.ArrayList;
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
 * The .deb on arm64 (the 64-bit Raspberry Pi OS architecture), under qemu-user through binfmt: an arm64 Debian 12
 * root (debootstrap, Debian's packages, cached like {@link BootedServiceIT}'s), the package installed with dpkg,
 * {@code --version}, {@code check-config}, every native library the package carries loaded and made to work
 * ({@link NativeLibraries}), and a short {@code run} reading one sensor over TCP and one over a pty.
 *
 * <p>Opt-in, not in the default suite (building the root under emulation took 45 minutes here):
 * {@code mvn -B -Parm64-smoke -pl systemd -am verify} as root, with qemu-user-static, binfmt-support, debootstrap
 * and systemd-container installed (docs/verification.md).
 */
class Arm64SmokeIT {
    static final List<String> PACKAGES = List.of("openjdk-17-jre-headless", "socat");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.MINUTES) // a cold arm64 root takes most of an hour under emulation
    void installsRunsAndLoadsEveryNativeLibraryOnArm64() throws Exception {
        assumeTrue(
                Boolean.getBoolean("lpmsedge.it.arm64"),
                "opt-in: mvn -B -Parm64-smoke -pl systemd -am verify (docs/verification.md)");
        Path cwd = Path.of(".").toAbsolutePath();
        assumeTrue("0".equals(Pkg.run(cwd, "id", "-u").output().strip()), "debootstrap and systemd-nspawn need root");
        Optional<String> missing = DebianRoot.missing(Map.of(
                "debootstrap",
                "debootstrap",
                "systemd-nspawn",
                "systemd-container",
                "qemu-aarch64-static",
                "qemu-user-static"));
        assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
        Path binfmt = Path.of("/proc/sys/fs/binfmt_misc/qemu-aarch64");
        assumeTrue(
                Files.exists(binfmt) && Files.readString(binfmt).startsWith("enabled"),
                "qemu-aarch64 is not registered with binfmt_misc (apt-get install binfmt-support qemu-user-static; "
                        + "update-binfmts --enable qemu-aarch64)");

        Path root;
        try {
            root = DebianRoot.ensure("arm64", PACKAGES, Duration.ofMinutes(120));
        } catch (IOException e) {
            Assumptions.abort("debootstrap could not build the arm64 root here: " + e.getMessage());
            return;
        }
        Path it = Files.createDirectories(tmp.resolve("it"));
        Files.copy(Pkg.deb(), it.resolve("lpms-edge.deb"));
        try (InputStream script = Arm64SmokeIT.class.getResourceAsStream("/arm64-smoke.sh")) {
            Files.copy(script, it.resolve("smoke.sh"));
        }
        Path testClasses = Path.of(NativeLibraries.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        try (SimulatedSensors sensors = SimulatedSensors.start(2, 13)) {
            Map<String, String> links = new LinkedHashMap<>();
            links.put("tcp-1", "tcp://127.0.0.1:" + sensors.port(0));
            links.put("tty-1", "serial:///run/sim/tty0");
            Files.writeString(
                    it.resolve("run.toml"), SimulatedSensors.config("arm64-smoke", links, "/var/lib/lpms-edge/spool"));
            Files.writeString(it.resolve("tty-port"), Integer.toString(sensors.port(1)));

            List<String> command = new ArrayList<>(List.of(
                    "systemd-nspawn",
                    "--quiet",
                    "--register=no",
                    "--keep-unit",
                    "--volatile=overlay",
                    "--directory=" + root,
                    "--bind-ro=" + it + ":/it",
                    "--bind-ro=" + testClasses + ":/it-classes",
                    "/bin/bash",
                    "/it/smoke.sh"));
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
            System.out.printf("Arm64SmokeIT: %.0f s in the arm64 root%n%s%n", (System.nanoTime() - started) / 1e9, out);
            assertEquals(0, ended ? p.exitValue() : -1, out);
            assertContains(out, "step arch: aarch64 arm64");
            assertContains(out, "step install: lpms-edge " + Pkg.debVersion() + " install ok installed");
            assertContains(out, "step version: lpms-edge ");
            assertContains(out, "step check-config: /etc/lpms-edge/lpms-edge.toml: OK");
            for (String lib : List.of("jSerialComm", "zstd-jni", "lz4-java", "snappy-java", "pi4j-gpiod")) {
                assertContains(out, "step native " + lib + ": OK");
            }
            assertContains(out, "step os.arch aarch64, 0 failed");
            assertContains(out, "sensor tcp-1: streaming");
            assertContains(out, "sensor tty-1: streaming");
            assertContains(out, "bridge arm64-smoke stopped");
            assertFalse(out.contains("link lost"), out);
            assertContains(out, "step done");
        }
    }
}

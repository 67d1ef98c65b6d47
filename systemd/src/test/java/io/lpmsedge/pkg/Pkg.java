package io.lpmsedge.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The built artefacts (this module's target/) and the commands the tests run on them. */
final class Pkg {
    private Pkg() {}

    record Result(int exit, String output) {}

    static Path targetDir() {
        return Path.of(System.getProperty("lpmsedge.package.dir", "target")).toAbsolutePath();
    }

    /** The unit files and scripts as committed (systemd/). */
    static Path sourceDir() {
        return Path.of(System.getProperty("lpmsedge.systemd.dir", ".")).toAbsolutePath();
    }

    /** The package's version as dpkg spells it (Maven's -SNAPSHOT becomes ~SNAPSHOT). */
    static String debVersion() {
        return System.getProperty("lpmsedge.package.version", "").replace('-', '~');
    }

    static Path deb() throws IOException {
        return only("lpms-edge_*_all.deb");
    }

    static Path tarball() throws IOException {
        return only("lpms-edge-*.tar.gz");
    }

    private static Path only(String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (var dir = Files.newDirectoryStream(targetDir(), glob)) {
            dir.forEach(found::add);
        }
        assertEquals(1, found.size(), "expected one " + glob + " in " + targetDir() + " (run mvn package): " + found);
        return found.get(0);
    }

    static Result run(List<String> command, Path workDir, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        return run(List.of(command), workDir, Map.of());
    }

    static Result ok(Path workDir, String... command) throws IOException, InterruptedException {
        Result r = run(workDir, command);
        assertEquals(0, r.exit(), String.join(" ", command) + " failed:\n" + r.output());
        return r;
    }

    /** Unpacks the tarball into {@code work} and runs its install.sh into {@code root}; returns the unpacked dir. */
    static Path installTarball(Path work, Path root) throws IOException, InterruptedException {
        ok(work, "tar", "-xzf", tarball().toString());
        Path unpacked;
        try (Stream<Path> s = Files.list(work)) {
            unpacked = s.filter(p -> p.getFileName().toString().startsWith("lpms-edge-"))
                    .findFirst()
                    .orElseThrow();
        }
        ok(unpacked, "bash", "install.sh", "--root", root.toString());
        return unpacked;
    }

    /** Every regular file under {@code root}, as absolute paths in the installed system ("/usr/bin/lpms-edge"). */
    static TreeSet<String> files(Path root) throws IOException {
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> files.add("/" + root.relativize(p)));
        }
        return files;
    }

    static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), "expected '" + needle + "' in:\n" + haystack);
    }
}

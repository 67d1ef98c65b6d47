package io.lpmsedge.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A minimal Debian root file system made by {@code debootstrap} from Debian's own packages, cached so that only
 * the first run pays for it (about 2 minutes for amd64 here, much longer for a foreign architecture under qemu).
 *
 * <p>The cache key is the suite, the architecture and the package list: a changed list builds a new root. A root
 * is built under a {@code .partial} name and renamed when debootstrap succeeded, so an interrupted build is never
 * taken for a finished one. The roots are used read-only (the booted machine runs on an overlay, see
 * {@link Machine}), so one cached root serves every run.
 */
final class DebianRoot {
    /** Debian 12: the release with openjdk-17-jre-headless, the Java the Pi package targets. */
    static final String SUITE = "bookworm";

    static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";

    private DebianRoot() {}

    /** Where roots are cached: {@code LPMS_EDGE_IT_ROOT_CACHE}, else the build's {@code target/debian-roots}. */
    static Path cacheDir() {
        String env = System.getenv("LPMS_EDGE_IT_ROOT_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Pkg.targetDir().resolve("debian-roots");
    }

    /**
     * The cached root for {@code arch} with {@code packages} (besides debootstrap's minbase), built first if
     * missing; debootstrap's output goes to {@code <root>.log}.
     *
     * @throws IOException with the tail of debootstrap's log when it failed
     */
    static Path ensure(String arch, List<String> packages, Duration timeout) throws IOException, InterruptedException {
        TreeSet<String> sorted = new TreeSet<>(packages);
        Path root = cacheDir().resolve(SUITE + "-" + arch + "-" + key(arch, sorted));
        if (Files.isRegularFile(root.resolve("etc/debian_version"))) {
            return root;
        }
        Files.createDirectories(cacheDir());
        Path partial = root.resolveSibling(root.getFileName() + ".partial");
        Pkg.run(cacheDir(), "rm", "-rf", partial.toString());
        Path log = root.resolveSibling(root.getFileName() + ".log");
        List<String> command = List.of(
                "debootstrap",
                "--variant=minbase",
                "--arch=" + arch,
                "--include=" + String.join(",", sorted),
                SUITE,
                partial.toString(),
                mirror());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("debootstrap did not finish within " + timeout + ": " + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + tail(log));
        }
        Files.move(partial, root);
        return root;
    }

    /** A short hash of what goes into the root: a different list is a different root. */
    private static String key(String arch, TreeSet<String> packages) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((SUITE + "|" + arch + "|" + packages).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Debian mirror this machine's apt uses (the first {@code deb} source whose path ends in {@code /debian}),
     * so the test reaches Debian the way apt on this machine does; {@code LPMS_EDGE_IT_DEBIAN_MIRROR} overrides,
     * {@link #DEFAULT_MIRROR} when apt names none.
     */
    static String mirror() throws IOException {
        String env = System.getenv("LPMS_EDGE_IT_DEBIAN_MIRROR");
        if (env != null && !env.isBlank()) {
            return env;
        }
        List<Path> sources = new ArrayList<>();
        Path main = Path.of("/etc/apt/sources.list");
        if (Files.isRegularFile(main)) {
            sources.add(main);
        }
        Path dir = Path.of("/etc/apt/sources.list.d");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources"))
                        .sorted()
                        .forEach(sources::add);
            }
        }
        for (Path source : sources) {
            Optional<String> found = debianUri(Files.readString(source));
            if (found.isPresent()) {
                return found.get();
            }
        }
        return DEFAULT_MIRROR;
    }

    private static final Pattern URI = Pattern.compile("(?m)^\\s*(?:deb(?:\\s+\\[[^]]*])?\\s+|URIs:\\s*)(\\S+)");

    /** The first archive URI ending in /debian in a one-line-style or deb822-style apt source file. */
    static Optional<String> debianUri(String source) {
        Matcher m = URI.matcher(source);
        while (m.find()) {
            String uri = m.group(1).replaceAll("/+$", "");
            if (uri.startsWith("http") && uri.endsWith("/debian")) {
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())) + "\n(full log: "
                + log + ")";
    }

    /** The commands a test needs on this machine, with the Debian package each comes from, for a skip reason. */
    static Optional<String> missing(Map<String, String> commandToPackage) {
        List<String> missing = new ArrayList<>();
        List<String> dirs = new ArrayList<>(
                List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        commandToPackage.forEach((command, pkg) -> {
            if (dirs.stream().noneMatch(d -> Files.isExecutable(Path.of(d, command)))) {
                missing.add(command + " (apt-get install " + pkg + ")");
            }
        });
        return missing.isEmpty() ? Optional.empty() : Optional.of("missing: " + String.join(", ", missing));
    }
}

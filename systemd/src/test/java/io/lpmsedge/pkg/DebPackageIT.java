package io.lpmsedge.pkg;

import static io.lpmsedge.pkg.Pkg.assertContains;
import static io.lpmsedge.pkg.Pkg.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmsedge.bridge.ops.NotifySocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb as dpkg sees it: control fields, maintainer scripts, file list, class path, natives. */
class DebPackageIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsDpkg() {
        assumeTrue(
                NotifySocket.onPath("dpkg-deb"),
                "dpkg-deb is needed to inspect the .deb (Debian/Ubuntu build machine)");
    }

    @Test
    void controlSaysWhatThePiNeeds() throws Exception {
        String deb = Pkg.deb().toString();
        assertEquals(
                "lpms-edge", ok(tmp, "dpkg-deb", "-f", deb, "Package").output().trim());
        assertEquals(
                "all", ok(tmp, "dpkg-deb", "-f", deb, "Architecture").output().trim());
        assertEquals(
                "default-jre-headless (>= 2:1.17) | java17-runtime-headless, passwd",
                ok(tmp, "dpkg-deb", "-f", deb, "Depends").output().trim());
        String version = ok(tmp, "dpkg-deb", "-f", deb, "Version").output().trim();
        assertEquals(System.getProperty("lpmsedge.package.version", "").replace('-', '~'), version);
        assertTrue(Pkg.deb().getFileName().toString().equals("lpms-edge_" + version + "_all.deb"));
    }

    @Test
    void maintainerScriptsCreateTheUserStopOnRemoveAndPurgeTheState() throws Exception {
        Path control = tmp.resolve("control");
        ok(tmp, "dpkg-deb", "-e", Pkg.deb().toString(), control.toString());
        assertEquals(List.of("/etc/lpms-edge/lpms-edge.toml"), Files.readAllLines(control.resolve("conffiles")));
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path p = control.resolve(script);
            assertTrue(Files.isExecutable(p), script + " must be executable");
            ok(tmp, "sh", "-n", p.toString());
        }
        String postinst = Files.readString(control.resolve("postinst"));
        assertContains(postinst, "/usr/share/lpms-edge/lpms-edge-account add");
        assertContains(postinst, "systemctl daemon-reload");
        assertFalse(
                postinst.lines()
                        .map(String::trim)
                        .filter(l -> !l.startsWith("echo") && !l.startsWith("#"))
                        .anyMatch(l -> l.contains("systemctl enable")),
                "a first install must not enable the service");
        String prerm = Files.readString(control.resolve("prerm"));
        assertContains(prerm, "systemctl stop lpms-edge.service");
        assertContains(prerm, "systemctl disable --now lpms-edge.service");
        String postrm = Files.readString(control.resolve("postrm"));
        assertContains(postrm, "rm -rf /var/lib/lpms-edge /etc/lpms-edge");
        assertContains(postrm, "userdel lpms-edge");
    }

    @Test
    void holdsThePiSetOnlyInTheSameLayoutAsTheTarball() throws Exception {
        Path debRoot = tmp.resolve("deb");
        ok(tmp, "dpkg-deb", "-x", Pkg.deb().toString(), debRoot.toString());
        TreeSet<String> files = Pkg.files(debRoot);
        for (String f : List.of(
                "/usr/bin/lpms-edge",
                "/usr/share/lpms-edge/lpms-edge-account",
                "/lib/systemd/system/lpms-edge.service",
                "/lib/systemd/system/lpms-edge-rfcomm@.service",
                "/etc/lpms-edge/lpms-edge.toml",
                "/usr/share/doc/lpms-edge/README.md")) {
            assertTrue(files.contains(f), f + " missing from " + files);
        }
        assertTrue(Files.isExecutable(debRoot.resolve("usr/bin/lpms-edge")));
        List<String> jars = files.stream()
                .filter(f -> f.startsWith("/usr/share/lpms-edge/lib/"))
                .map(f -> f.substring(f.lastIndexOf('/') + 1))
                .toList();
        // records: the bridge writes its record values with it.
        for (String module : List.of("bridge", "records", "edge-scorer", "cli", "lpms-protocol")) {
            assertTrue(
                    jars.stream().anyMatch(j -> j.matches(Pattern.quote(module) + "-\\d.*\\.jar")),
                    module + ": " + jars);
        }
        // Developer-only modules and what only they need: the broker, H2O training, JMH, the tests' shared
        // helpers (test-support, test scope everywhere); and the cluster-only
        // score-service (it shares the records module with the bridge, never the other way round).
        Pattern devOnly = Pattern.compile(
                "(simulator|devstack|trainer|benchmarks|score-service|test-support|kafka_2\\.13|kafka-server.*"
                        + "|kafka-metadata|h2o-core|h2o-algos|jmh-.*|junit.*|jqwik.*|mockwebserver.*)-\\d.*\\.jar");
        assertTrue(jars.stream().noneMatch(j -> devOnly.matcher(j).matches()), "developer-only jars: " + jars);

        Path tarRoot = tmp.resolve("tar-root");
        Pkg.installTarball(Files.createDirectory(tmp.resolve("tar")), tarRoot);
        assertEquals(files, Pkg.files(tarRoot), "the .deb and install.sh must install the same files");
    }

    /**
     * The units' {@code Documentation=} pages and every page README links to are in the package: on a plant network
     * without internet, {@code systemctl help lpms-edge} and the README's links are all an operator has.
     */
    @Test
    void documentationTheUnitsAndReadmeNameIsInThePackage() throws Exception {
        Path debRoot = tmp.resolve("deb");
        ok(tmp, "dpkg-deb", "-x", Pkg.deb().toString(), debRoot.toString());
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (String unit : List.of("lpms-edge.service", "lpms-edge-rfcomm@.service")) {
            for (String line :
                    Files.readAllLines(debRoot.resolve("lib/systemd/system").resolve(unit))) {
                if (!line.startsWith("Documentation=")) {
                    continue;
                }
                for (String uri :
                        line.substring("Documentation=".length()).trim().split("\\s+")) {
                    if (uri.startsWith("file:")) {
                        named++;
                        if (!Files.isRegularFile(debRoot.resolve(uri.substring("file:/".length())))) {
                            missing.add(unit + ": " + uri);
                        }
                    }
                }
            }
        }
        assertTrue(named >= 2, "the units name their documentation pages");
        Path doc = debRoot.resolve("usr/share/doc/lpms-edge");
        Matcher links = Pattern.compile("\\]\\((docs/[^)#\\s]+)").matcher(Files.readString(doc.resolve("README.md")));
        int linked = 0;
        while (links.find()) {
            linked++;
            if (!Files.isRegularFile(doc.resolve(links.group(1)))) {
                missing.add("README.md → " + links.group(1));
            }
        }
        assertTrue(linked >= 10, "README links its docs pages: " + linked);
        assertEquals(List.of(), missing, "documentation named but not in the package");
    }

    @Test
    void nativeLibrariesForThePiAreInTheJars() throws Exception {
        Path debRoot = tmp.resolve("deb");
        ok(tmp, "dpkg-deb", "-x", Pkg.deb().toString(), debRoot.toString());
        Path lib = debRoot.resolve("usr/share/lpms-edge/lib");
        // serial ttys (64- and 32-bit Raspberry Pi OS) and the Kafka sink's zstd compression
        assertEntry(lib, "jSerialComm-", "Linux/armv8_64/libjSerialComm.so");
        assertEntry(lib, "jSerialComm-", "Linux/armv7hf/libjSerialComm.so");
        assertEntry(lib, "zstd-jni-", "linux/aarch64/");
    }

    private static void assertEntry(Path lib, String jarPrefix, String entryPrefix) throws IOException {
        Path jar;
        try (var s = Files.list(lib)) {
            jar = s.filter(p -> p.getFileName().toString().startsWith(jarPrefix))
                    .findFirst()
                    .orElse(null);
        }
        assertNotNull(jar, jarPrefix + "*.jar not in " + lib);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertTrue(
                    zip.stream().anyMatch(e -> e.getName().startsWith(entryPrefix)),
                    jar.getFileName() + " has no " + entryPrefix);
        }
    }
}

package io.lpmsedge.pkg;

import static io.lpmsedge.pkg.Pkg.assertContains;
import static io.lpmsedge.pkg.Pkg.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd/install.sh from the built tarball, into a temporary root, as an admin would use it. */
class InstallScriptIT {
    @TempDir
    Path tmp;

    @Test
    void theInstalledLauncherAcceptsTheDefaultConfig() throws Exception {
        Path root = tmp.resolve("root");
        Pkg.installTarball(tmp, root);
        assertEquals(
                "rwxr-xr-x",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("usr/bin/lpms-edge"))));
        Pkg.Result check = ok(
                tmp,
                root.resolve("usr/bin/lpms-edge").toString(),
                "check-config",
                root.resolve("etc/lpms-edge/lpms-edge.toml").toString());
        assertContains(
                check.output(), "OK: bridge 'lpms-edge-pi', 1 sensor(s), 1 sink(s), spool /var/lib/lpms-edge/spool");
        assertContains(check.output(), "sensor-1: serial:///dev/rfcomm0");
    }

    @Test
    void runningItAgainUpgradesInPlaceAndKeepsTheAdminsConfig() throws Exception {
        Path root = tmp.resolve("root");
        Path unpacked = Pkg.installTarball(Files.createDirectory(tmp.resolve("a")), root);
        TreeSet<String> first = Pkg.files(root);
        Path config = root.resolve("etc/lpms-edge/lpms-edge.toml");
        Files.writeString(config, Files.readString(config).replace("lpms-edge-pi", "press-line-3"));
        Path stale = root.resolve("usr/share/lpms-edge/lib/old-library-0.9.jar");
        Files.writeString(stale, "");

        Pkg.Result again = ok(unpacked, "bash", "install.sh", "--root", root.toString());
        assertContains(again.output(), "kept your");
        assertFalse(Files.exists(stale), "jars of an older release must go");
        assertContains(Files.readString(config), "press-line-3");
        TreeSet<String> expected = new TreeSet<>(first);
        expected.add("/etc/lpms-edge/lpms-edge.toml.dist");
        assertEquals(expected, Pkg.files(root));
    }

    @Test
    void uninstallKeepsConfigAndSpoolUnlessPurged() throws Exception {
        Path root = tmp.resolve("root");
        Path unpacked = Pkg.installTarball(tmp, root);
        Path spool = Files.createDirectories(root.resolve("var/lib/lpms-edge/spool"));
        Files.writeString(spool.resolve("00000000000000000000.seg"), "x");

        ok(unpacked, "bash", "install.sh", "--root", root.toString(), "--uninstall");
        assertEquals(
                new TreeSet<>(java.util.List.of(
                        "/etc/lpms-edge/lpms-edge.toml", "/var/lib/lpms-edge/spool/00000000000000000000.seg")),
                Pkg.files(root));

        ok(unpacked, "bash", "install.sh", "--root", root.toString(), "--uninstall", "--purge");
        assertTrue(Pkg.files(root).isEmpty(), Pkg.files(root).toString());
    }

    @Test
    void aWrongOptionSaysSo() throws Exception {
        Path root = tmp.resolve("root");
        Path unpacked = Pkg.installTarball(tmp, root);
        Pkg.Result r = Pkg.run(unpacked, "bash", "install.sh", "--rooot", root.toString());
        assertEquals(2, r.exit());
        assertContains(r.output(), "unknown option '--rooot'; see --help");
    }
}

package io.lpmsedge.pkg;

import static io.lpmsedge.pkg.Pkg.assertContains;
import static io.lpmsedge.pkg.Pkg.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb installed for real with dpkg, its maintainer scripts run as dpkg runs them: install (user created,
 * files in place, the launcher works as the service user), reinstall over it (an edited config survives),
 * remove (files go, config and user stay), purge (config, spool and user go).
 *
 * <p>This changes the machine (a system user, files under /usr, /etc, /lib), so it runs only where asked:
 * as root with {@code LPMS_EDGE_IT_INSTALL_DEB=1} (CI's throwaway machines set it in {@code .ci/run}), and never
 * over an lpms-edge package already installed.
 */
class DebInstallIT {
    static final String CONFIG = "/etc/lpms-edge/lpms-edge.toml";

    @TempDir
    Path tmp;

    @BeforeAll
    static void onlyWhereAsked() throws Exception {
        assumeTrue(
                "1".equals(System.getenv("LPMS_EDGE_IT_INSTALL_DEB")),
                "set LPMS_EDGE_IT_INSTALL_DEB=1 (as root, on a throwaway machine) to install the .deb for real");
        Path cwd = Path.of(".").toAbsolutePath();
        assumeTrue("0".equals(Pkg.run(cwd, "id", "-u").output().trim()), "installing a package needs root");
        assumeTrue(
                Pkg.run(cwd, "dpkg", "-s", "lpms-edge").exit() != 0,
                "an lpms-edge package is installed on this machine: not touching it");
        assumeTrue(
                Pkg.run(cwd, "getent", "passwd", "lpms-edge").exit() != 0,
                "a user lpms-edge exists on this machine: not touching it");
    }

    @AfterAll
    static void purge() throws Exception {
        if ("1".equals(System.getenv("LPMS_EDGE_IT_INSTALL_DEB"))) {
            Pkg.run(Path.of(".").toAbsolutePath(), "dpkg", "--purge", "lpms-edge"); // whatever a failure left
        }
    }

    @Test
    void installReinstallRemovePurge() throws Exception {
        String deb = Pkg.deb().toString();
        Pkg.Result install = ok(tmp, "dpkg", "-i", deb);
        assertContains(install.output(), "edit /etc/lpms-edge/lpms-edge.toml");

        // postinst made the system user the unit runs as, without a login or a home of its own
        String passwd = ok(tmp, "getent", "passwd", "lpms-edge").output().trim();
        assertTrue(passwd.endsWith(":/var/lib/lpms-edge:/usr/sbin/nologin"), passwd);
        assertNotEquals("0", passwd.split(":")[2], "not root");
        if (Pkg.run(tmp, "getent", "group", "dialout").exit() == 0) {
            assertContains(ok(tmp, "id", "-nG", "lpms-edge").output(), "dialout");
        }
        for (String f : new String[] {
            "/usr/bin/lpms-edge",
            CONFIG,
            "/lib/systemd/system/lpms-edge.service",
            "/lib/systemd/system/lpms-edge-rfcomm@.service",
            "/usr/share/lpms-edge/lpms-edge-account"
        }) {
            assertTrue(Files.exists(Path.of(f)), f + " installed");
        }
        assertContains(
                ok(tmp, "dpkg-query", "-W", "-f", "${Conffiles}", "lpms-edge").output(), CONFIG);

        // the launcher, its Java and its class path work for the service user, on the shipped config
        Pkg.Result check = ok(tmp, "runuser", "-u", "lpms-edge", "--", "/usr/bin/lpms-edge", "check-config", CONFIG);
        assertContains(check.output(), CONFIG + ": OK");

        // an upgrade/reinstall runs postinst again: idempotent, and the operator's config is kept
        Files.writeString(Path.of(CONFIG), Files.readString(Path.of(CONFIG)) + "\n# edited by the operator\n");
        ok(tmp, "dpkg", "-i", deb);
        assertContains(Files.readString(Path.of(CONFIG)), "# edited by the operator");

        // remove: program gone, config and user kept (a reinstall picks up where it was)
        ok(tmp, "dpkg", "-r", "lpms-edge");
        assertFalse(Files.exists(Path.of("/usr/bin/lpms-edge")));
        assertFalse(Files.exists(Path.of("/lib/systemd/system/lpms-edge.service")));
        assertTrue(Files.exists(Path.of(CONFIG)), "config kept on remove");
        assertEquals(0, Pkg.run(tmp, "getent", "passwd", "lpms-edge").exit(), "user kept on remove");

        // purge: config, spool and user go
        Files.createDirectories(Path.of("/var/lib/lpms-edge/spool"));
        ok(tmp, "dpkg", "--purge", "lpms-edge");
        assertFalse(Files.exists(Path.of("/etc/lpms-edge")));
        assertFalse(Files.exists(Path.of("/var/lib/lpms-edge")));
        assertNotEquals(0, Pkg.run(tmp, "getent", "passwd", "lpms-edge").exit(), "user removed on purge");
        assertNotEquals(0, Pkg.run(tmp, "getent", "group", "lpms-edge").exit(), "group removed on purge");
    }
}

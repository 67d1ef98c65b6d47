package io.lpmsedge.pkg;

import static io.lpmsedge.pkg.Pkg.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmsedge.bridge.ops.NotifySocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The units through systemd's own checker. systemd-analyze verify insists that ExecStart's program exists, so the
 * installed copy is checked with its program paths pointed into a temporary root where install.sh put them —
 * nothing else in the unit changes.
 */
class UnitFileIT {
    @TempDir
    Path tmp;

    private Path installedUnitForVerify(String unit, Path root) throws Exception {
        String text = Files.readString(root.resolve("lib/systemd/system/" + unit))
                .replace("/usr/bin/lpms-edge", root.resolve("usr/bin/lpms-edge").toString())
                .replace("/usr/share/lpms-edge/", root.resolve("usr/share/lpms-edge") + "/");
        if (text.contains("/usr/bin/rfcomm") && !Files.isExecutable(Path.of("/usr/bin/rfcomm"))) {
            Path rfcomm = Files.createDirectories(root.resolve("usr/bin")).resolve("rfcomm");
            Files.writeString(rfcomm, "#!/bin/sh\n");
            rfcomm.toFile().setExecutable(true);
            text = text.replace("/usr/bin/rfcomm", rfcomm.toString());
        }
        Path copy = Files.createDirectories(tmp.resolve("units")).resolve(unit);
        Files.writeString(copy, text);
        return copy;
    }

    @Test
    void systemdAnalyzeVerifyFindsNothing() throws Exception {
        assumeTrue(NotifySocket.onPath("systemd-analyze"), "systemd-analyze (package systemd) is not installed");
        Path root = tmp.resolve("root");
        Pkg.installTarball(tmp, root);
        Path service = installedUnitForVerify("lpms-edge.service", root);
        Path rfcomm = installedUnitForVerify("lpms-edge-rfcomm@.service", root);
        for (Path unit : new Path[] {service, rfcomm.resolveSibling("lpms-edge-rfcomm@0.service")}) {
            Pkg.Result r = Pkg.run(tmp, "systemd-analyze", "verify", "--man=no", unit.toString());
            // verify exits 0 on unknown keys and bad values too, only printing them: any output is a finding
            assertEquals(0, r.exit(), r.output());
            assertEquals("", r.output().trim(), "systemd-analyze verify " + unit.getFileName());
        }
    }

    @Test
    void hardeningRatesOkInSystemdsOwnExposureScore() throws Exception {
        assumeTrue(NotifySocket.onPath("systemd-analyze"), "systemd-analyze (package systemd) is not installed");
        Path unit = Pkg.sourceDir().resolve("lpms-edge.service");
        Pkg.Result r = Pkg.run(tmp, "systemd-analyze", "security", "--offline=yes", "--no-pager", unit.toString());
        Matcher m = Pattern.compile("Overall exposure level for lpms-edge.service: (\\d+\\.\\d) (\\S+)")
                .matcher(r.output());
        assertTrue(m.find(), r.output());
        // 0 = fully locked down, 10 = unprotected; "OK" is systemd's verdict up to 3.9 (the JVM needs W+X memory)
        assertTrue(Double.parseDouble(m.group(1)) <= 3.0, "exposure " + m.group(1) + " " + m.group(2));
    }

    @Test
    void theServiceIsNotifyWithAWatchdogAndRunsTheConfigAsItsOwnUser() throws Exception {
        String unit = Files.readString(Pkg.sourceDir().resolve("lpms-edge.service"));
        for (String line : new String[] {
            "Type=notify",
            "NotifyAccess=all",
            "WatchdogSec=60s",
            "SuccessExitStatus=143",
            "Restart=on-failure",
            "User=lpms-edge",
            "StateDirectory=lpms-edge",
            "ConfigurationDirectory=lpms-edge",
            "ExecStart=/usr/bin/lpms-edge run --config /etc/lpms-edge/lpms-edge.toml",
            "CapabilityBoundingSet=",
            "DevicePolicy=closed",
            "DeviceAllow=char-rfcomm rw",
            "ProtectSystem=strict",
            "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_BLUETOOTH",
            "After=time-sync.target",
            "Wants=modprobe@rfcomm.service",
            "After=modprobe@rfcomm.service",
            "ExecStartPre=+/usr/share/lpms-edge/lpms-edge-account groups",
            "ExecReload=/bin/kill -HUP $MAINPID"
        }) {
            assertTrue(unit.lines().anyMatch(line::equals), line + " missing from lpms-edge.service");
        }
        assertContains(unit, "-Xmx64m");
    }
}

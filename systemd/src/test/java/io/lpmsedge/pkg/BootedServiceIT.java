package io.lpmsedge.pkg;

import static io.lpmsedge.pkg.Pkg.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The .deb under a real systemd as PID 1: a minimal Debian 12 root (debootstrap, Debian's packages only, with
 * Debian's openjdk-17-jre-headless) booted with systemd-nspawn (see {@link Machine}). The package is installed
 * with dpkg inside, configured for two simulated sensors — one over TCP to the simulator in this JVM on the
 * host's loopback, one over a tty (a socat pty inside the machine, relayed to a second simulated sensor) as
 * /dev/rfcomm0 is on a Pi — and then driven the way systemd drives it: READY, the watchdog (a stopped process
 * is restarted), kill -9 (restarted), a clean stop (exit 143 = success, no "link lost"), a group that appears
 * after the install, an upgrade while running, and purge.
 *
 * <p>Runs only where asked ({@code LPMS_EDGE_IT_NSPAWN=1}, as root, with debootstrap and systemd-nspawn — CI's
 * {@code .ci/run} sets it up); skipped with the reason elsewhere. The root is cached (see {@link DebianRoot}):
 * the first run builds it from the network in about two minutes, later runs boot it in seconds.
 * docs/verification.md says how to run it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootedServiceIT {
    static final String UNIT = "lpms-edge.service";
    static final String CONFIG = "/etc/lpms-edge/lpms-edge.toml";
    /** Besides minbase: an init, its bus, the Java the package depends on, socat for the pty sensor. */
    static final List<String> PACKAGES = List.of("systemd", "systemd-sysv", "dbus", "openjdk-17-jre-headless", "socat");

    static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(90);

    static Machine machine;
    static SimulatedSensors sensors;
    static Path work;

    @BeforeAll
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // a cold root is built from the network (the default is 10 min)
    static void bootTheMachine() throws Exception {
        assumeTrue(
                "1".equals(System.getenv("LPMS_EDGE_IT_NSPAWN")),
                "set LPMS_EDGE_IT_NSPAWN=1 (as root, with debootstrap and systemd-container) to boot the .deb "
                        + "under systemd in a container");
        Path cwd = Path.of(".").toAbsolutePath();
        assumeTrue("0".equals(Pkg.run(cwd, "id", "-u").output().strip()), "debootstrap and systemd-nspawn need root");
        Optional<String> missing = DebianRoot.missing(
                Map.of("debootstrap", "debootstrap", "systemd-nspawn", "systemd-container", "nsenter", "util-linux"));
        assumeTrue(missing.isEmpty(), () -> missing.orElse(""));

        long started = System.nanoTime();
        Path root;
        try {
            root = DebianRoot.ensure("amd64", PACKAGES, Duration.ofMinutes(15));
        } catch (java.io.IOException e) {
            // No Debian mirror, or a sandbox where debootstrap cannot mknod/mount: this host cannot run it.
            Assumptions.abort("debootstrap could not build the Debian root here: " + e.getMessage());
            return;
        }
        System.out.printf("BootedServiceIT: root %s ready after %.1f s%n", root, (System.nanoTime() - started) / 1e9);

        work = Files.createTempDirectory(Pkg.targetDir(), "booted-it");
        Files.copy(Pkg.deb(), work.resolve("lpms-edge.deb"));
        long booting = System.nanoTime();
        Machine.Booted booted =
                Machine.boot(root, Map.of(work, "/it"), work.resolve("console.log"), Duration.ofSeconds(120));
        assumeTrue(booted.machine().isPresent(), booted::whyNot);
        machine = booted.machine().get();
        System.out.printf("BootedServiceIT: booted in %.1f s%n", (System.nanoTime() - booting) / 1e9);

        sensors = SimulatedSensors.start(2, 7);
    }

    @AfterAll
    static void halt() throws Exception {
        if (machine != null) {
            machine.close();
        }
        if (sensors != null) {
            sensors.close();
        }
        if (work != null) {
            Pkg.run(Path.of("/"), "rm", "-rf", work.toString());
        }
    }

    static int port(int index) {
        return sensors.port(index);
    }

    /** A socat pty inside the machine, standing in for /dev/rfcomm0, relayed to the second simulated sensor. */
    static void startPtySensor() throws Exception {
        // Restart=always: socat ends when the bridge closes the tty (a restart, a stop); the next one is ready
        // for the bridge's next open, as an rfcomm binding is.
        machine.ok(
                "systemd-run",
                "--unit=sim-pty",
                "-p",
                "Restart=always",
                "-p",
                "RestartSec=200ms",
                "/usr/bin/socat",
                "pty,raw,echo=0,link=/run/sim/tty0,user=lpms-edge,mode=600",
                "tcp:127.0.0.1:" + port(1));
    }

    @Test
    @Order(1)
    void installsStartsAndReportsReady() throws Exception {
        String install = machine.ok("dpkg", "-i", "/it/lpms-edge.deb").output();
        assertContains(install, "edit /etc/lpms-edge/lpms-edge.toml");
        assertContains(machine.ok("id", "-nG", "lpms-edge").output(), "dialout");
        assertEquals(
                "disabled",
                machine.exec("systemctl", "is-enabled", UNIT).output().strip(),
                "a first install neither enables nor starts the service");

        // The unit's ordering as systemd resolved it: after the clock is synchronised, and after the rfcomm
        // module is loaded (its tty major must exist when DeviceAllow=char-rfcomm is resolved).
        String after = machine.property(UNIT, "After");
        assertContains(after, "time-sync.target");
        assertContains(after, "modprobe@rfcomm.service");

        machine.mkdirs("/run/sim");
        startPtySensor();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("tcp-1", "tcp://127.0.0.1:" + port(0));
        links.put("tty-1", "serial:///run/sim/tty0");
        machine.write(CONFIG, SimulatedSensors.config("booted-it", links, "/var/lib/lpms-edge/spool"));
        // A short watchdog and restart delay so the test does not wait the production 60 s; the pty is a
        // char-pts device, which DevicePolicy=closed would refuse where systemd enforces it.
        machine.write("/etc/systemd/system/lpms-edge.service.d/it.conf", """
                [Service]
                WatchdogSec=6s
                RestartSec=1s
                DeviceAllow=char-pts rw
                """);
        machine.ok("systemctl", "daemon-reload");

        // Type=notify: start returns once the bridge said READY=1 (or fails).
        machine.ok("systemctl", "start", UNIT);
        assertEquals("running", machine.property(UNIT, "SubState"));
        // What a container allows: no CAP_SYS_MODULE, so modprobe@rfcomm is skipped by its condition, and the
        // bridge starts all the same (on a Pi it loads the module before DeviceAllow=char-rfcomm is resolved).
        assertEquals("no", machine.property("modprobe@rfcomm.service", "ConditionResult"));
        String status = machine.awaitProperty(
                UNIT,
                "StatusText",
                s -> s.startsWith("2/2 sensors streaming"),
                SERVICE_TIMEOUT,
                "both sensors streaming");
        assertFalse(status.contains(" 0 readings"), status);
        String journal = machine.journal(UNIT);
        assertContains(journal, "sensor tcp-1: streaming");
        assertContains(journal, "sensor tty-1: streaming");
        assertContains(journal, "systemd watchdog: feeding every 2000 ms");
    }

    @Test
    @Order(2)
    void aStoppedProcessIsKilledByTheWatchdogAndRestarted() throws Exception {
        signalMainAndAwaitRestart("SIGSTOP", "the watchdog to restart the stopped process");
        assertContains(machine.journal(UNIT), "Watchdog timeout (limit 6s)!");
    }

    @Test
    @Order(3)
    void killNineIsRestarted() throws Exception {
        signalMainAndAwaitRestart("SIGKILL", "a restart after kill -9");
    }

    /** Sends {@code signal} to the main process; waits for a restart, READY and both sensors streaming again. */
    private static void signalMainAndAwaitRestart(String signal, String what) throws Exception {
        String pid = machine.property(UNIT, "MainPID");
        int restarts = Integer.parseInt(machine.property(UNIT, "NRestarts"));
        machine.ok("systemctl", "kill", "--kill-who=main", "--signal=" + signal, UNIT);
        machine.awaitProperty(UNIT, "NRestarts", n -> Integer.parseInt(n) > restarts, SERVICE_TIMEOUT, what);
        awaitStreamingAgain(pid);
    }

    @Test
    @Order(4)
    void aCleanStopIsASuccessAndNotALostLink() throws Exception {
        String invocation = machine.property(UNIT, "InvocationID");
        machine.ok("systemctl", "stop", UNIT);
        assertEquals("inactive", machine.property(UNIT, "ActiveState"));
        assertEquals("success", machine.property(UNIT, "Result"));
        String last = machine.ok(
                        "journalctl",
                        "--no-pager",
                        "_SYSTEMD_INVOCATION_ID=" + invocation,
                        "+",
                        "INVOCATION_ID=" + invocation)
                .output();
        assertContains(last, "bridge booted-it stopped");
        assertContains(last, "sensor tty-1: stopped");
        assertContains(last, "Deactivated successfully"); // exit 143 after SIGTERM counts as success
        assertFalse(last.contains("link lost"), "a stop is not a lost link:\n" + last);
    }

    @Test
    @Order(5)
    void aBluetoothGroupThatAppearsAfterTheInstallIsJoinedAtTheNextStart() throws Exception {
        // bluez (only a Recommends) creates its group after lpms-edge's postinst ran: the user lacks it.
        machine.ok("groupadd", "--system", "bluetooth");
        assertFalse(machine.ok("id", "-nG", "lpms-edge").output().contains("bluetooth"));
        machine.ok("systemctl", "start", UNIT);
        assertContains(machine.ok("id", "-nG", "lpms-edge").output(), "bluetooth");
        String gid = machine.ok("getent", "group", "bluetooth").output().split(":")[2];
        String groups = machine.ok("grep", "^Groups:", "/proc/" + machine.property(UNIT, "MainPID") + "/status")
                .output();
        assertTrue(
                List.of(groups.replace("Groups:", "").strip().split("\\s+")).contains(gid),
                "the running bridge has the new group (" + gid + "): " + groups);
        assertContains(machine.journal(UNIT), "added the service user lpms-edge to group bluetooth");
    }

    @Test
    @Order(6)
    void anUpgradeRestartsAnEnabledServiceAndPurgeRemovesEverything() throws Exception {
        machine.ok("systemctl", "enable", UNIT);
        String pid = machine.property(UNIT, "MainPID");
        machine.ok("dpkg", "-i", "/it/lpms-edge.deb");
        machine.awaitProperty(
                UNIT,
                "MainPID",
                p -> !p.equals("0") && !p.equals(pid),
                SERVICE_TIMEOUT,
                "prerm to stop and postinst to start the enabled service again");
        assertEquals(
                "active",
                machine.awaitProperty(
                        UNIT, "ActiveState", "active"::equals, SERVICE_TIMEOUT, "active after the upgrade"));
        assertContains(machine.ok("cat", CONFIG).output(), "booted-it");

        machine.ok("dpkg", "--purge", "lpms-edge");
        assertEquals("inactive", machine.property(UNIT, "ActiveState"));
        assertEquals("not-found", machine.property(UNIT, "LoadState"));
        assertNotEquals(0, machine.exec("getent", "passwd", "lpms-edge").exit(), "user removed on purge");
        assertNotEquals(0, machine.exec("test", "-e", "/var/lib/lpms-edge").exit(), "spool removed on purge");
        assertNotEquals(0, machine.exec("test", "-e", "/etc/lpms-edge").exit(), "config removed on purge");
    }

    /** A new process, READY again, both sensors streaming again. */
    private static void awaitStreamingAgain(String oldPid) throws Exception {
        machine.awaitProperty(
                UNIT, "MainPID", p -> !p.equals("0") && !p.equals(oldPid), SERVICE_TIMEOUT, "a new main process");
        machine.awaitProperty(UNIT, "SubState", "running"::equals, SERVICE_TIMEOUT, "running (READY) again");
        machine.awaitProperty(
                UNIT,
                "StatusText",
                s -> s.startsWith("2/2 sensors streaming"),
                SERVICE_TIMEOUT,
                "both sensors streaming again");
    }
}

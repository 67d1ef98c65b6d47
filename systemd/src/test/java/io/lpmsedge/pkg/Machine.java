package io.lpmsedge.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Debian root booted with {@code systemd-nspawn -b}: systemd is PID 1 inside, as on a Pi. Commands run inside
 * with {@code nsenter} into the container's namespaces (no machined, no D-Bus on the host needed).
 *
 * <p>How it is started, and why:
 * <ul>
 *   <li>{@code --register=no}: do not ask systemd-machined on the host (it needs the host's system bus, which a
 *       VM or CI runner without systemd as PID 1 does not have: "Failed to open system bus").</li>
 *   <li>{@code --keep-unit}: do not ask the host's systemd for a scope of its own. Where the host runs systemd,
 *       the container is put in a transient scope with {@code Delegate=yes} by {@code systemd-run --scope}, so
 *       nspawn owns its cgroup; where it does not, nspawn uses the cgroup it was started in.</li>
 *   <li>{@code --volatile=overlay}: the cached root is the read-only lower layer, every write goes to a tmpfs
 *       that vanishes with the machine, so each run starts from the same pristine root.</li>
 *   <li>the host's network namespace (no {@code --private-network}): services inside reach the simulated
 *       sensors the test serves on the host's loopback.</li>
 * </ul>
 */
final class Machine implements AutoCloseable {
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Process nspawn;
    private final long leader;
    private final Path console;

    private Machine(Process nspawn, long leader, Path console) {
        this.nspawn = nspawn;
        this.leader = leader;
        this.console = console;
    }

    /**
     * The {@code systemd-nspawn} command line (wrapped in a delegated scope where the host runs systemd) that runs
     * {@code root} on a throw-away overlay with {@code binds}, as the class comment says; the caller adds the rest.
     *
     * @param binds host directories bound read-only into the root, host path → path inside
     */
    static List<String> nspawn(Path root, Map<Path, String> binds) {
        List<String> command = new ArrayList<>();
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            command.addAll(List.of("systemd-run", "--scope", "--quiet", "--collect", "-p", "Delegate=yes"));
        }
        command.addAll(List.of(
                "systemd-nspawn",
                "--quiet",
                "--register=no",
                "--keep-unit",
                "--volatile=overlay",
                "--directory=" + root));
        binds.forEach((host, inside) -> command.add("--bind-ro=" + host + ":" + inside));
        return command;
    }

    /**
     * Boots {@code root} and waits until its systemd has finished starting up.
     *
     * @param binds   host directories bound read-only into the machine, host path → path inside
     * @param console file that receives the machine's console (its boot messages)
     * @return the booted machine, or empty with the reason when nspawn cannot boot it on this host
     */
    static Booted boot(Path root, Map<Path, String> binds, Path console, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = nspawn(root, binds);
        command.addAll(List.of("--machine=lpms-edge-it", "--console=read-only"));
        command.add("--boot");
        Process nspawn = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        long deadline = System.nanoTime() + timeout.toNanos();
        Machine machine = null;
        try {
            // nspawn's child becomes the container's PID 1 (systemd) once it has set up the namespaces.
            while (machine == null) {
                if (!nspawn.isAlive() || System.nanoTime() > deadline) {
                    return Booted.failed("systemd-nspawn could not boot the root (" + describe(nspawn) + "): "
                            + Files.readString(console).strip());
                }
                Optional<ProcessHandle> child = nspawn.children().findFirst();
                if (child.isPresent() && "systemd".equals(comm(child.get().pid()))) {
                    machine = new Machine(nspawn, child.get().pid(), console);
                } else {
                    nspawn.waitFor(50, TimeUnit.MILLISECONDS);
                }
            }
            // "running", or "degraded" when some unit of the minimal root failed: both are a booted system.
            Pkg.Result state = machine.awaitOutput(
                    r -> r.output().contains("running") || r.output().contains("degraded"),
                    deadline,
                    "systemctl",
                    "is-system-running",
                    "--wait");
            if (state == null) {
                Booted failed = Booted.failed("the machine did not finish booting: " + Files.readString(console));
                machine.close();
                return failed;
            }
            return new Booted(Optional.of(machine), null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (machine != null) {
                machine.close();
            } else {
                nspawn.destroyForcibly();
            }
            throw e;
        }
    }

    /** A booted machine, or why there is none. */
    record Booted(Optional<Machine> machine, String whyNot) {
        static Booted failed(String why) {
            return new Booted(Optional.empty(), why);
        }
    }

    private static String describe(Process p) {
        return p.isAlive() ? "still starting" : "exit " + p.exitValue();
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a command inside the machine as root, with a clean environment. */
    Pkg.Result exec(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(
                "nsenter",
                "--target",
                Long.toString(leader),
                "--all",
                "--",
                "/usr/bin/env",
                "-i",
                "PATH=" + PATH,
                "LANG=C.UTF-8",
                "SYSTEMD_PAGER=",
                "SYSTEMD_COLORS=0"));
        full.addAll(List.of(command));
        return Pkg.run(full, Path.of("/"), Map.of());
    }

    /** As {@link #exec}, failing the test unless the command exits 0. */
    Pkg.Result ok(String... command) throws IOException, InterruptedException {
        Pkg.Result r = exec(command);
        if (r.exit() != 0) {
            // A failed systemctl says only "see journalctl": show it.
            String journal = command[0].equals("systemctl")
                    ? "\nJournal (last 40 lines):\n"
                            + exec("journalctl", "--no-pager", "-n", "40").output()
                    : "";
            throw new AssertionError("in the machine: " + String.join(" ", command) + " failed (exit " + r.exit()
                    + "):\n" + r.output() + journal);
        }
        return r;
    }

    void mkdirs(String path) throws IOException, InterruptedException {
        ok("mkdir", "-p", path);
    }

    /** Writes a file inside the machine (through the container's own view of its file system). */
    void write(String path, String content) throws IOException, InterruptedException {
        mkdirs(Path.of(path).getParent().toString());
        Path staged = Files.createTempFile("machine-file", ".txt");
        try {
            Files.writeString(staged, content);
            // /proc/<leader>/root is the machine's root as its PID 1 sees it (the overlay).
            Path inside = Path.of("/proc/" + leader + "/root" + path);
            Files.copy(staged, inside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // 0644 like a packaged config: the temp file's 0600 would hide it from the service user.
            Files.setPosixFilePermissions(inside, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** The value of a unit property ({@code systemctl show -p NAME --value}). */
    String property(String unit, String name) throws IOException, InterruptedException {
        return ok("systemctl", "show", "-p", name, "--value", unit).output().strip();
    }

    /**
     * Re-runs {@code command} until its result satisfies {@code done} (or the deadline, in {@link System#nanoTime}
     * terms, passes); returns the satisfying result, or null.
     */
    Pkg.Result awaitOutput(Predicate<Pkg.Result> done, long deadline, String... command)
            throws IOException, InterruptedException {
        while (true) {
            Pkg.Result r = exec(command);
            if (done.test(r)) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(200); // polling another process's state: there is nothing to wait on
        }
    }

    /** Waits until the unit's property satisfies {@code done}; fails with its last value and the journal. */
    String awaitProperty(String unit, String name, Predicate<String> done, Duration timeout, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pkg.Result r = awaitOutput(
                x -> x.exit() == 0 && done.test(x.output().strip()),
                deadline,
                "systemctl",
                "show",
                "-p",
                name,
                "--value",
                unit);
        if (r == null) {
            throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; " + name + " is '"
                    + property(unit, name) + "'. Journal:\n" + journal(unit));
        }
        return r.output().strip();
    }

    /** The unit's journal, oldest first. */
    String journal(String unit) throws IOException, InterruptedException {
        return exec("journalctl", "--no-pager", "-o", "short-precise", "-u", unit)
                .output();
    }

    Path console() {
        return console;
    }

    /** Halts the machine (SIGTERM to nspawn asks its systemd to power off), killing it if that takes too long. */
    @Override
    public void close() throws InterruptedException {
        nspawn.destroy();
        if (!nspawn.waitFor(60, TimeUnit.SECONDS)) {
            nspawn.descendants().forEach(ProcessHandle::destroyForcibly);
            nspawn.destroyForcibly();
            nspawn.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

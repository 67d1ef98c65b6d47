package io.lpmsedge.bridge.ops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real sd_notify socket for tests: a Unix datagram socket bound by python3 (Java 17 cannot bind one), which
 * prints every datagram as one line (its variables joined by '|') and closes any descriptor passed with it, as
 * systemd does with systemd-notify's barrier pipe. Public so other modules' tests can listen the same way.
 */
public final class NotifySocket implements AutoCloseable {
    private static final String RECEIVER = """
            import os, socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(sys.argv[1])
            print("BOUND", flush=True)
            while True:
                data, anc, flags, addr = s.recvmsg(65536, socket.CMSG_SPACE(64))
                for level, kind, payload in anc:
                    if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                        for i in range(0, len(payload) - len(payload) % 4, 4):
                            os.close(int.from_bytes(payload[i:i + 4], sys.byteorder))
                print(data.decode("utf-8", "replace").strip().replace("\\n", "|"), flush=True)
            """;

    private final Path path;
    private final Process process;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    private NotifySocket(Path path, Process process) {
        this.path = path;
        this.process = process;
    }

    /** Binds a socket in {@code dir}; skips the test (assumption) where python3 is missing. */
    public static NotifySocket bind(Path dir) throws IOException, InterruptedException {
        assumeTrue(onPath("python3"), "python3 is needed to bind a Unix datagram socket for NOTIFY_SOCKET");
        Path path = dir.resolve("notify.sock");
        Process p = new ProcessBuilder("python3", "-c", RECEIVER, path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"BOUND".equals(first)) {
            p.destroyForcibly();
            throw new IOException("the notify socket receiver did not start (said " + first + ")");
        }
        NotifySocket socket = new NotifySocket(path, p);
        Thread reader = new Thread(
                () -> {
                    try {
                        for (String line; (line = out.readLine()) != null; ) {
                            socket.messages.add(line);
                        }
                    } catch (IOException e) {
                        // the receiver ended: close() was called
                    }
                },
                "notify-socket-reader");
        reader.setDaemon(true);
        reader.start();
        return socket;
    }

    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    public Path path() {
        return path;
    }

    /** Waits for the next datagram matching {@code wanted}, skipping (but keeping) others; fails on timeout. */
    public String await(Predicate<String> wanted, long timeoutMillis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            String m = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new AssertionError("no " + what + " within " + timeoutMillis + " ms; last received: "
                        + all.subList(Math.max(0, all.size() - 10), all.size()));
            }
            all.add(m);
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /** Every datagram that arrives within {@code millis} (a quiet period is the point of the caller's check). */
    public List<String> drainFor(long millis) throws InterruptedException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            String m = messages.poll(left, TimeUnit.NANOSECONDS);
            if (m != null) {
                got.add(m);
                all.add(m);
            }
        }
        return got;
    }

    /** Variables of one datagram, e.g. {@code READY=1|STATUS=…} → true for has(m, "READY=1"). */
    public static boolean has(String message, String assignment) {
        for (String part : message.split("\\|")) {
            if (part.equals(assignment) || (assignment.endsWith("=") && part.startsWith(assignment))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        Files.deleteIfExists(path);
    }
}

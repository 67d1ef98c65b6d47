package io.lpmsedge.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.BridgeSinks;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.config.HttpConfig;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.secret.Secret;
import io.lpmsedge.bridge.status.StatusReporter;
import io.lpmsedge.testsupport.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops server's bounds over real loopback sockets: clients that trickle their request (a byte now and then)
 * hold one thread each for at most the request timeout; the probes of everyone else are answered meanwhile, a
 * full server answers 503, and basic auth guards every path. The bridge behind it is not started: the server
 * answers about it all the same.
 */
class OpsServerBoundsTest {
    @TempDir
    Path dir;

    private Bridge bridge;
    private OpsServer server;
    private final List<Socket> tricklers = new ArrayList<>();

    @BeforeEach
    void bridge() throws Exception {
        BridgeConfig config = new ConfigLoader(Map.of())
                .parse("""
                [bridge]
                name = "ops-test"
                [[sensor]]
                name = "arm-1"
                link = "tcp://127.0.0.1:1"
                [spool]
                dir = "%s"
                [[sink]]
                name = "file"
                type = "jsonl"
                path = "%s"
                """.formatted(dir.resolve("spool"), dir.resolve("out.jsonl")), "ops.toml");
        bridge = new Bridge(
                config,
                new SensorLinks(config.link(), null),
                Delivery.open(config.delivery(), BridgeSinks.kinds(), Clock.systemUTC()),
                List.of(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : tricklers) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(HttpConfig config) throws IOException {
        server = OpsServer.start(config, StatusReporter.of(bridge, s -> null), "test");
    }

    private static HttpConfig bounds(int threads, int queue, Duration timeout, String user, Secret password) {
        return new HttpConfig(true, "127.0.0.1", 0, user, password, false, timeout, threads, queue);
    }

    @Test
    void probesAreAnsweredWhileSlowClientsHoldConnections() throws Exception {
        start(bounds(4, 16, Duration.ofSeconds(30), null, null));
        for (int i = 0; i < 3; i++) {
            trickle();
        }
        await(() -> server.pool().active() == 3, "three tricklers each hold a thread");
        for (String path : List.of("/health", "/metrics", "/", "/api/status")) {
            Answer a = get(path, null, Duration.ofSeconds(5));
            assertTrue(a.status() == 200 || a.status() == 503 && path.equals("/health"), path + ": " + a.status());
        }
        await(() -> server.pool().active() == 3, "the tricklers are still being read, the probes are done");
    }

    @Test
    void aClientThatTricklesIsCutOffAfterTheRequestTimeout() throws Exception {
        start(bounds(1, 4, Duration.ofMillis(500), null, null));
        Socket slow = trickle();
        slow.setSoTimeout(20_000);
        long started = System.nanoTime();
        // Keep trickling; the server closes the connection once the deadline passes, without an answer.
        int read = -2;
        try (OutputStream out = slow.getOutputStream();
                InputStream in = slow.getInputStream()) {
            while (System.nanoTime() - started < 15_000_000_000L) {
                try {
                    out.write('X');
                    out.flush();
                } catch (IOException e) {
                    read = -1; // reset by the server
                    break;
                }
                slow.setSoTimeout(200);
                try {
                    read = in.read();
                    break;
                } catch (SocketTimeoutException e) {
                    // still open: trickle on
                } catch (IOException e) {
                    read = -1;
                    break;
                }
            }
        }
        assertEquals(-1, read, "the server closed the trickling connection");
        Answer metrics = get("/metrics", null, Duration.ofSeconds(5));
        assertEquals(200, metrics.status(), "the one thread is free again");
        assertEquals(1.0, refused(metrics, "timeout"));
    }

    @Test
    void aFullServerAnswers503InsteadOfMakingProbesWait() throws Exception {
        start(bounds(1, 1, Duration.ofSeconds(30), null, null));
        trickle();
        await(() -> server.pool().active() == 1, "the only thread is taken");
        trickle();
        await(() -> server.pool().queued() == 1, "the queue is full");
        Answer busy = get("/health", null, Duration.ofSeconds(5));
        assertEquals(503, busy.status());
        assertTrue(busy.head().toLowerCase().contains("retry-after: 1"), busy.head());
        assertTrue(busy.body().startsWith("busy"), busy.body());
        for (Socket s : tricklers) {
            s.close(); // frees the thread and the queue
        }
        Answer[] metrics = new Answer[1];
        await(
                () -> {
                    try {
                        metrics[0] = get("/metrics", null, Duration.ofSeconds(5));
                        return metrics[0].status() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                },
                "the server serves again");
        assertEquals(1.0, refused(metrics[0], "busy"), "the 503 is counted");
        assertEquals(0.0, refused(metrics[0], "unauthorized"));
    }

    @Test
    void basicAuthGuardsEveryPathAndNeverShowsThePassword() throws Exception {
        start(bounds(2, 4, Duration.ofSeconds(5), "ops", new Secret("s3cret-pass")));
        for (String path : List.of("/", "/metrics", "/health", "/ready", "/api/status", "/nope")) {
            Answer a = get(path, null, Duration.ofSeconds(5));
            assertEquals(401, a.status(), path);
            assertTrue(a.head().toLowerCase().contains("www-authenticate: basic realm=\"lpms-edge\""), a.head());
        }
        assertEquals(
                401,
                get("/metrics", basic("ops", "wrong"), Duration.ofSeconds(5)).status());
        assertEquals(
                401,
                get("/metrics", basic("ops", "s3cret-pas"), Duration.ofSeconds(5))
                        .status());
        assertEquals(
                401,
                get("/metrics", basic("other", "s3cret-pass"), Duration.ofSeconds(5))
                        .status());
        assertEquals(
                401,
                get("/metrics", "Basic !!not-base64!!", Duration.ofSeconds(5)).status());
        for (String path : List.of("/", "/metrics", "/api/status")) {
            Answer a = get(path, basic("ops", "s3cret-pass"), Duration.ofSeconds(5));
            assertEquals(200, a.status(), path);
            assertFalse(a.body().contains("s3cret-pass"), path + " shows the password");
        }
        assertEquals(
                10.0,
                refused(get("/metrics", basic("ops", "s3cret-pass"), Duration.ofSeconds(5)), "unauthorized"),
                "every 401 is counted: a rising count is a scraper with the wrong password, or someone guessing");
    }

    /** The value of lpms_edge_http_requests_refused_total for {@code reason} in a /metrics answer. */
    private static double refused(Answer metrics, String reason) {
        String prefix = "lpms_edge_http_requests_refused_total{reason=\"" + reason + "\"} ";
        return metrics.body()
                .lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
                .orElseThrow(() -> new AssertionError("no " + prefix + "in " + metrics.body()));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Opens a connection and sends the first bytes of a request, then nothing: the server must wait for more. */
    private Socket trickle() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        tricklers.add(s);
        s.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    record Answer(int status, String head, String body) {}

    /** One GET over a fresh socket; fails the test if no complete answer comes within {@code within}. */
    private Answer get(String path, String authorization, Duration within) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout((int) within.toMillis());
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            s.getInputStream().transferTo(buf); // Connection: close: the server ends the answer with EOF
            String text = buf.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            assertTrue(head.startsWith("HTTP/1.1 "), "an HTTP answer to " + path + ": " + text);
            return new Answer(
                    Integer.parseInt(head.substring(9, 12)), head, split < 0 ? "" : text.substring(split + 4));
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(10), what);
    }
}

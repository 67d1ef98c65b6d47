package io.lpmsedge.bridge.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.config.HttpConfig;
import io.lpmsedge.bridge.metrics.BridgeMetrics;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.HealthCheck;
import io.lpmsedge.bridge.status.StatusReporter;
import io.lpmsedge.cli.http.HttpResponses;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's one small HTTP server (off by default, loopback by default): {@code /metrics} (Prometheus text),
 * {@code /health} (liveness), {@code /ready} (readiness), {@code /api/status} (JSON for the page) and {@code /}
 * (the live status page). The JDK's own HTTP server (no framework on the Pi) on a small bounded pool with a
 * deadline per request ({@link RequestPool}): a slow or hostile client holds at most one thread for at most the
 * request timeout, and probes keep being answered. Optional basic auth ({@link BasicAuth}) on every path.
 * Read-only: only GET and HEAD are answered. See docs/ops-http.md.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final String PAGE = "status.html";
    /** A sink that has had nothing acknowledged this long while records wait makes the bridge not ready. */
    private static final long SINK_STALE_MILLIS = 30_000;

    private final HttpServer server;
    private final RequestPool pool;
    private final BasicAuth auth;
    private final StatusReporter reporter;
    private final Bridge bridge;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter metricsWriter = PrometheusTextFormatWriter.create();
    private final HealthCheck health = new HealthCheck(SINK_STALE_MILLIS);
    private final StatusJson json = new StatusJson();
    private final byte[] page;
    private final LongAdder answeredBusy = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();

    private OpsServer(HttpServer server, HttpConfig config, StatusReporter reporter, String version) {
        this.server = server;
        this.auth = config.authenticated() ? new BasicAuth(config.user(), config.password()) : null;
        this.reporter = reporter;
        this.bridge = reporter.bridge();
        this.registry.register(new BridgeMetrics(reporter, version));
        this.page = HttpResponses.resource(OpsServer.class, PAGE);
        this.pool = new RequestPool(config.threads(), config.queue(), config.requestTimeout());
        server.setExecutor(pool);
        // The server's own refusals: a rising count is a scraper or a person that cannot get in, or too many
        // clients for the configured threads; read at scrape time, nothing on the request path but an add.
        CounterWithCallback.builder()
                .name("lpms_edge_http_requests_refused")
                .help("Ops HTTP requests not served: busy = answered 503 (every thread busy, queue full), "
                        + "closed = connection closed unanswered (even the 503 queue full), unauthorized = answered "
                        + "401 (missing or wrong credentials), timeout = cut off at request_timeout_ms")
                .labelNames("reason")
                .callback(cb -> {
                    cb.call(answeredBusy.sum(), "busy");
                    cb.call(pool.closedBusy(), "closed");
                    cb.call(unauthorized.sum(), "unauthorized");
                    cb.call(pool.timedOut(), "timeout");
                })
                .register(registry);
        server.createContext("/", this::handle);
    }

    /** Binds and starts the server without authentication and with the default bounds. */
    public static OpsServer start(InetSocketAddress address, StatusReporter reporter, String version)
            throws IOException {
        return start(new HttpConfig(true, address.getHostString(), address.getPort()), reporter, version);
    }

    /**
     * Binds and starts the server as {@code config} says (address, auth, bounds).
     *
     * @throws IOException naming the address when it cannot be bound (in use, not local)
     */
    public static OpsServer start(HttpConfig config, StatusReporter reporter, String version) throws IOException {
        InetSocketAddress address = config.address();
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IOException(
                    "cannot listen on " + address.getHostString() + ":" + address.getPort() + " for " + "[http] ("
                            + e.getMessage() + "); pick a free port or set [http] enabled = false",
                    e);
        }
        OpsServer ops = new OpsServer(server, config, reporter, version);
        server.start();
        LOG.info(
                "status page, /metrics, /health and /ready on http://{}:{}/ ({}; {} threads, {} queued at most, "
                        + "{} ms per request)",
                address.getHostString(),
                ops.port(),
                config.authenticated() ? "basic auth as user " + config.user() : "no authentication",
                config.threads(),
                config.queue(),
                config.requestTimeout().toMillis());
        return ops;
    }

    /** The request pool, for tests that watch it fill. */
    RequestPool pool() {
        return pool;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (pool.overloaded()) {
                answeredBusy.increment();
                ex.getResponseHeaders().set("Retry-After", "1");
                HttpResponses.send(
                        ex,
                        503,
                        "text/plain; charset=utf-8",
                        "busy: every thread is serving a request and the queue is full; try again\n".getBytes());
                return;
            }
            if (auth != null && !auth.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.increment();
                ex.getResponseHeaders().set("WWW-Authenticate", BasicAuth.CHALLENGE);
                HttpResponses.send(ex, 401, "text/plain; charset=utf-8", "authentication required\n".getBytes());
                return;
            }
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                HttpResponses.send(ex, 405, "text/plain; charset=utf-8", "only GET and HEAD\n".getBytes());
                return;
            }
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/", "/index.html" -> HttpResponses.send(ex, 200, "text/html; charset=utf-8", page);
                case "/metrics" -> metrics(ex);
                case "/api/status" -> {
                    BridgeStatus st = reporter.snapshot();
                    HttpResponses.send(ex, 200, "application/json", body(out -> json.writeStatus(st, out)));
                }
                case "/health" -> {
                    HealthCheck.Result r = health.liveness(bridge.isRunning(), bridge.threadsAlive());
                    HttpResponses.send(
                            ex, r.ok() ? 200 : 503, "application/json", body(out -> json.writeHealth(r, out)));
                }
                case "/ready" -> {
                    HealthCheck.Result r = health.readiness(reporter.snapshot(), bridge.isRunning());
                    HttpResponses.send(
                            ex, r.ok() ? 200 : 503, "application/json", body(out -> json.writeHealth(r, out)));
                }
                default ->
                    HttpResponses.send(
                            ex,
                            404,
                            "text/plain; charset=utf-8",
                            ("no such page: " + path + "; try /, /metrics, /health, /ready or /api/status\n")
                                    .getBytes());
            }
        } catch (RuntimeException e) {
            // a bug in a handler must not kill the server thread; the client sees a 500 and the log says why
            LOG.warn("ops http request {} failed", ex.getRequestURI(), e);
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        byte[] body = body(out -> metricsWriter.write(out, registry.scrape()));
        HttpResponses.send(ex, 200, PrometheusTextFormatWriter.CONTENT_TYPE, body);
    }

    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private static byte[] body(BodyWriter writer) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
        writer.write(buf);
        return buf.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.close();
    }
}

package io.lpmsedge.fleet.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lpmsedge.cli.http.HttpResponses;
import io.lpmsedge.fleet.FleetState;
import io.lpmsedge.fleet.FleetView;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's HTTP server: {@code /} (the fleet page, one self-contained file), {@code /api/fleet} (the JSON it
 * polls), {@code /metrics} (Prometheus text) and {@code /health}. The JDK's own server on two threads: a
 * control room screen, some phones and a scraper. Read-only: GET and HEAD only. No authentication, like the
 * bridge's: bind it to a trusted network.
 */
public final class FleetServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final FleetState state;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter metricsWriter = PrometheusTextFormatWriter.create();
    private final FleetJson json = new FleetJson();
    private final byte[] page;

    private FleetServer(HttpServer server, FleetState state) {
        this.server = server;
        this.state = state;
        this.registry.register(new FleetMetrics(state::view));
        this.page = HttpResponses.resource(FleetServer.class, "fleet.html");
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fleet-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds and starts; the message names the address and the fix when it cannot bind. */
    public static FleetServer start(InetSocketAddress address, FleetState state) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 32);
        } catch (IOException e) {
            throw new IOException(
                    "cannot listen on " + address.getHostString() + ":" + address.getPort() + " (" + e.getMessage()
                            + "); pick a free port with --listen",
                    e);
        }
        FleetServer fleet = new FleetServer(server, state);
        server.start();
        return fleet;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                HttpResponses.send(
                        ex, 405, "text/plain; charset=utf-8", "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/", "/index.html" -> HttpResponses.send(ex, 200, "text/html; charset=utf-8", page);
                case "/api/fleet" -> {
                    FleetView v = state.view();
                    ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
                    json.write(v, buf);
                    HttpResponses.send(ex, 200, "application/json", buf.toByteArray());
                }
                case "/metrics" -> {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
                    metricsWriter.write(buf, registry.scrape());
                    HttpResponses.send(ex, 200, PrometheusTextFormatWriter.CONTENT_TYPE, buf.toByteArray());
                }
                case "/health" ->
                    HttpResponses.send(
                            ex, 200, "application/json", "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
                default ->
                    HttpResponses.send(
                            ex,
                            404,
                            "text/plain; charset=utf-8",
                            ("no such page: " + path + "; try /, /api/fleet, /metrics or /health\n")
                                    .getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            // a bug in a handler must not end the server; the client sees the connection close, the log says why
            LOG.warn("fleet http request {} failed", ex.getRequestURI(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

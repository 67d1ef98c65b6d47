package io.lpmsedge.devstack;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A development and test stand-in for the <em>produce side</em> of Confluent's Kafka REST Proxy (v2 and v3), in
 * front of a real Kafka broker, with programmable faults. It is the sink tests' test double for every row of the
 * contract's retry table through real HTTP. Production uses Confluent's REST Proxy or Confluent Cloud.
 *
 * <p>Endpoints: {@code POST /topics/{topic}} (and {@code /partitions/{p}}), {@code GET /v3/clusters},
 * {@code POST /v3/clusters/{id}/topics/{topic}/records}. Faults: {@link #faults()}; what arrived:
 * {@link #requests()}. {@link #stop()} and {@link #start()} take it down and up on the same port.
 */
public final class RestProxyStandIn implements AutoCloseable {
    private final StandInOptions options;
    private final KafkaBackend backend;
    private final FaultPlan faults = new FaultPlan();
    private final RequestLog log = new RequestLog();
    // JSON values are parsed to a tree and written back, as the real proxy does; the fast double parser and
    // writer keep that from dominating catch-up benchmarks (profiled: the JDK's FloatingDecimal was the top cost).
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private final Auth auth;
    private final ExecutorService requestThreads = Executors.newCachedThreadPool(daemon("rest-standin-http"));
    private final ExecutorService reportThreads = Executors.newCachedThreadPool(daemon("rest-standin-reports"));
    private final V2ProduceHandler v2;
    private final V3ProduceHandler v3;
    private HttpServer server;
    private int port;
    private boolean closed;

    private RestProxyStandIn(String bootstrapServers, StandInOptions options) {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // every answer took ~45 ms whatever its size (BENCHMARKS.md, devstack section). The JDK reads this property
        // once,
        // when its first HttpServer is created in the JVM; a value set on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.options = options;
        this.auth = new Auth(options);
        this.backend = new KafkaBackend(bootstrapServers, options.maxBlock());
        this.v2 = new V2ProduceHandler(backend, faults, mapper, options.flavour());
        this.v3 = new V3ProduceHandler(backend, faults, mapper, reportThreads, options.strictClusterId());
        this.port = options.port();
    }

    /** Starts a stand-in on loopback in front of the broker at {@code bootstrapServers}. */
    public static RestProxyStandIn start(String bootstrapServers, StandInOptions options) {
        RestProxyStandIn s = new RestProxyStandIn(bootstrapServers, options);
        try {
            s.start();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    public static RestProxyStandIn start(EmbeddedKafka kafka, StandInOptions options) {
        return start(kafka.bootstrapServers(), options);
    }

    /**
     * (Re)opens the HTTP listener on the same port as before (the first start picks it when the option is 0).
     * Does nothing if it is already up.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the stand-in was closed");
        }
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            s.createContext("/", this::handle);
            s.setExecutor(requestThreads); // a delayed answer must not hold up the others
            s.start();
            port = s.getAddress().getPort();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the REST stand-in cannot listen on 127.0.0.1:" + port + " (is the port in use?): "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Takes the listener down at once, closing open connections, as a proxy outage does; the broker, the faults
     * and the request log stay. {@link #start()} brings it back on the same port.
     */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port}: v2 posts to {@code baseUrl() + "/topics/" + topic}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:port/v3}: the base a v3 client is configured with. */
    public String v3BaseUrl() {
        return baseUrl() + "/v3";
    }

    /** The v3 produce URL for {@code topic} with the broker's cluster id. */
    public String v3RecordsUrl(String topic) {
        return v3BaseUrl() + "/clusters/" + clusterId() + "/topics/" + topic + "/records";
    }

    /** The broker's cluster id, as {@code GET /v3/clusters} reports it. */
    public String clusterId() {
        try {
            return backend.clusterId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the cluster id from the broker: " + e, e);
        }
    }

    public FaultPlan faults() {
        return faults;
    }

    public RequestLog requests() {
        return log;
    }

    public StandInOptions options() {
        return options;
    }

    /** Clears the faults and the request log: for tests sharing one stand-in. */
    public void reset() {
        faults.clear();
        log.clear();
    }

    private void handle(HttpExchange ex) {
        try {
            dispatch(ex);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } catch (RuntimeException e) {
            try {
                ExchangeIo.respond(ex, 500, HttpFault.JSON, HttpFault.error(500, "stand-in failure: " + e), null);
            } catch (IOException | RuntimeException ignored) {
                // headers may have been sent already; the connection is closed below either way
            }
        } finally {
            ex.close();
        }
    }

    private void dispatch(HttpExchange ex) throws IOException, InterruptedException {
        Route route = Route.of(ex.getRequestMethod(), ex.getRequestURI().getPath());
        Call call = new Call(ex, route, Instant.now(), log, options.flavour());
        boolean strimzi = options.flavour() == Flavour.STRIMZI;
        if (route == null
                || (strimzi
                        && (route.endpoint() == Endpoint.V3_CLUSTERS
                                || route.endpoint() == Endpoint.V3_PRODUCE
                                || route.endpoint() == Endpoint.V3_TOPIC))) {
            // Strimzi's HTTP Bridge has no v3 API: its router answers every unknown path like this.
            call.readBody();
            call.error(null, 404, 404, strimzi ? "Not Found" : "HTTP 404 Not Found");
            return;
        }
        if (!route.method().equals(ex.getRequestMethod())) {
            call.readBody();
            call.error(null, 405, 405, "HTTP 405 Method Not Allowed");
            return;
        }
        if (!auth.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().set("WWW-Authenticate", auth.challenge());
            call.error(peek(call, call.readBody()), 401, 401, "Unauthorized");
            return;
        }
        Optional<HttpFault> fault = faults.claimStatus(route.endpoint());
        if (fault.isPresent()) {
            HttpFault f = fault.get();
            call.log(peek(call, call.readBody()), f.status());
            ExchangeIo.respond(ex, f.status(), f.contentType(), f.body(), f.retryAfter());
            return;
        }
        switch (route.endpoint()) {
            case V2_PRODUCE:
                v2.handle(call);
                break;
            case V3_PRODUCE:
                v3.handle(call);
                break;
            case V2_TOPIC:
            case V3_TOPIC:
                topic(call);
                break;
            default:
                clusters(call);
                break;
        }
    }

    private List<byte[]> peek(Call call, byte[] body) {
        switch (call.route.endpoint()) {
            case V2_PRODUCE:
                return v2.peekKeys(call.mediaType(), body);
            case V3_PRODUCE:
                return v3.peekKeys(body);
            default:
                return List.of();
        }
    }

    private void clusters(Call call) throws IOException {
        String id;
        try {
            id = backend.clusterId();
        } catch (Exception e) {
            call.error(List.of(), 500, 50003, "cannot reach the Kafka cluster: " + e);
            return;
        }
        ObjectNode root = mapper.createObjectNode();
        root.put("kind", "KafkaClusterList");
        root.putObject("metadata").put("self", baseUrl() + "/v3/clusters").putNull("next");
        ObjectNode c = root.putArray("data").addObject();
        c.put("kind", "KafkaCluster");
        c.putObject("metadata").put("self", baseUrl() + "/v3/clusters/" + id);
        c.put("cluster_id", id);
        call.log(List.of(), 200);
        ExchangeIo.respond(call.ex, 200, HttpFault.JSON, mapper.writeValueAsBytes(root), null);
    }

    /**
     * {@code GET /topics/{t}} (v2) and {@code GET /v3/clusters/{id}/topics/{t}}: the topic's name and partitions,
     * or 404 in the flavour's words when the broker does not have it.
     */
    private void topic(Call call) throws IOException {
        String topic = call.route.topic();
        int partitions;
        try {
            partitions = backend.partitions(topic);
        } catch (Exception e) {
            call.error(List.of(), 500, 50003, "cannot reach the Kafka cluster: " + e);
            return;
        }
        if (partitions < 0) {
            // Confluent: v2 40401 "Topic not found.", v3 40403; Strimzi: UnknownTopicOrPartitionException's text.
            call.error(
                    List.of(),
                    404,
                    call.route.endpoint() == Endpoint.V2_TOPIC ? 40401 : 40403,
                    options.flavour() == Flavour.STRIMZI || call.route.endpoint() == Endpoint.V3_TOPIC
                            ? "This server does not host this topic-partition."
                            : "Topic not found.");
            return;
        }
        ObjectNode root = mapper.createObjectNode();
        if (call.route.endpoint() == Endpoint.V3_TOPIC) {
            root.put("kind", "KafkaTopic");
            root.put("cluster_id", call.route.clusterId());
            root.put("topic_name", topic);
            root.put("partitions_count", partitions);
        } else {
            root.put("name", topic);
            root.putObject("configs");
            var parts = root.putArray("partitions");
            for (int p = 0; p < partitions; p++) {
                parts.addObject().put("partition", p);
            }
        }
        call.log(List.of(), 200);
        ExchangeIo.respond(
                call.ex,
                200,
                call.route.endpoint() == Endpoint.V2_TOPIC ? V2ProduceHandler.RESPONSE_TYPE : HttpFault.JSON,
                mapper.writeValueAsBytes(root),
                null);
    }

    /** Stops the listener, the producer and the threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stop();
        }
        backend.close();
        requestThreads.shutdownNow();
        reportThreads.shutdownNow();
        try {
            requestThreads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true); // never keeps a test JVM or the devstack command alive on its own
            return t;
        };
    }
}

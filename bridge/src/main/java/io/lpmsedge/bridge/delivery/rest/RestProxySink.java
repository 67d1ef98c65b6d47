package io.lpmsedge.bridge.delivery.rest;

import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.record.RecordFormat;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Delivers records through a Kafka REST proxy: Confluent's REST Proxy or Confluent Cloud (v2 or v3), or
 * Strimzi's HTTP Bridge (v2), reading the per-record outcome of every answer (a 200 can carry failures).
 * Keys are the sensor name: v3 {@code STRING}, v2 {@code binary} = base64 of the UTF-8 bytes, v2 {@code json} =
 * a JSON string. Values: embedded JSON (v3 and v2 json) or base64 (binary). What it supports and how it reports
 * errors: docs/rest-proxies.md. Credentials never reach a log.
 *
 * <p>When an answer alone cannot say what is wrong, {@link ProxyProbe} asks: a 404 on the v3 API (is this a
 * v2-only proxy?), produce requests to one topic that keep timing out (is the topic missing, or the proxy slow?).
 */
public final class RestProxySink implements DeliverySink {
    private static final MediaType V2_BINARY = MediaType.get("application/vnd.kafka.binary.v2+json");
    private static final MediaType V2_JSON = MediaType.get("application/vnd.kafka.json.v2+json");
    private static final MediaType JSON = MediaType.get("application/json");
    /** Timeouts in a row on one topic before asking whether it exists (one can be a passing stall). */
    static final int SLOW_TOPIC_TIMEOUTS = 3;
    /** The least time a probe (a GET the proxy answers without Kafka's help) is given. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final RestProxyConfig config;
    private final boolean jsonValues;
    private final boolean v2Json;
    private final OkHttpClient http;
    private final HttpUrl base;
    private final String authorization;
    private final ProduceBody bodies = new ProduceBody();
    private final ProduceAnswers answers = new ProduceAnswers();
    private final ProxyProbe probe;
    private final Map<String, Integer> timeoutsInARow = new ConcurrentHashMap<>();
    private volatile String clusterId;

    /** The sink a {@code [[sink]]} of type rest-proxy describes, for records in {@code format}. */
    public static RestProxySink open(RestProxySpec spec, RecordFormat format) throws IOException {
        return new RestProxySink(spec.name(), spec.rest(), format.isJson());
    }

    /**
     * @param jsonValues the values are JSON text (embedded as JSON with v3 and v2 json), else opaque bytes
     * @throws IOException a CA or client-certificate file cannot be read
     * @throws IllegalArgumentException the URL is not http(s), or the json embedded format with non-JSON records
     */
    public RestProxySink(String name, RestProxyConfig config, boolean jsonValues) throws IOException {
        this.name = name;
        this.config = config;
        this.jsonValues = jsonValues;
        HttpUrl parsed = HttpUrl.parse(config.url());
        if (parsed == null) {
            throw new IllegalArgumentException("sink " + name + ": '" + config.url() + "' is not an http(s) URL");
        }
        if (config.embedded() == RestProxyConfig.Embedded.JSON && !jsonValues) {
            throw new IllegalArgumentException("sink " + name + ": embedded_format = \"json\" needs JSON records; "
                    + "these are binary (CBOR): use embedded_format = \"binary\"");
        }
        this.v2Json = jsonValues && config.embedded() != RestProxyConfig.Embedded.BINARY;
        this.base = parsed;
        this.clusterId = config.clusterId();
        this.http = ProxyHttpClient.build(config);
        this.authorization = ProxyHttpClient.authorization(config);
        // A lookup is answered at once by a healthy proxy, but it is asked when something is slow: give it the
        // time a person would, not the produce timeout that just ran out.
        Duration probeTimeout =
                config.requestTimeout().compareTo(PROBE_TIMEOUT) > 0 ? config.requestTimeout() : PROBE_TIMEOUT;
        this.probe = new ProxyProbe(
                http.newBuilder()
                        .callTimeout(probeTimeout)
                        .connectTimeout(probeTimeout)
                        .readTimeout(probeTimeout)
                        .writeTimeout(probeTimeout)
                        .build(),
                base,
                authorization);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(String topic, List<SpooledRecord> batch) throws InterruptedException {
        try {
            SendResult r = config.api() == RestProxyConfig.Api.V2 ? sendV2(topic, batch) : sendV3(topic, batch);
            timeoutsInARow.remove(topic);
            return r;
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            return timedOut(topic, batch.size(), e);
        } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
            // Nothing was sent: the proxy is down or out of reach (a restart, a Wi-Fi drop).
            return SendResult.unreachable(batch.size(), "unreachable: " + ProxyError.safe(e.getMessage()));
        } catch (IOException e) {
            // Reset, lost response: unknown whether written; resend (duplicates removed downstream). The pooled
            // connections are as dead as this one (a proxy restart closes them all): open fresh ones next time
            // rather than fail once more on each of them.
            http.connectionPool().evictAll();
            return SendResult.all(batch.size(), RecordStatus.RETRY, null, "io: " + ProxyError.safe(e.getMessage()), 0);
        }
    }

    /**
     * A produce request timed out. Once it keeps happening on one topic, ask whether the topic exists: a proxy
     * waits for a missing topic's metadata (60 s by default), longer than our timeout, and the only symptom is
     * the timeout.
     */
    private SendResult timedOut(String topic, int size, InterruptedIOException e) {
        int n = timeoutsInARow.merge(topic, 1, Integer::sum);
        String what = "timeout: " + ProxyError.safe(e.getMessage());
        if (n < SLOW_TOPIC_TIMEOUTS) {
            return SendResult.all(size, RecordStatus.RETRY, null, what, 0);
        }
        // v3 asks its topic GET; v2 (and v3 before a cluster id is known) the v2 topic GET
        ProxyProbe.Verdict v = probe.slowTopic(
                topic,
                config.api() == RestProxyConfig.Api.V3 ? clusterId : null,
                n,
                config.requestTimeout().toMillis() + " ms");
        return SendResult.all(size, v.status(), null, v.reason(), v.httpStatus());
    }

    private SendResult sendV2(String topic, List<SpooledRecord> batch) throws IOException {
        byte[] body = v2Json ? bodies.v2Json(batch) : bodies.v2(batch);
        HttpUrl url =
                base.newBuilder().addPathSegment("topics").addPathSegment(topic).build();
        Request request = request(url)
                .header("Accept", "application/vnd.kafka.v2+json")
                .post(RequestBody.create(body, v2Json ? V2_JSON : V2_BINARY))
                .build();
        Answer a = execute(request);
        if (a.status() == 200) {
            return answers.v2Offsets(batch.size(), a.body());
        }
        if (a.status() == 404 && !a.topicNotFound()) {
            // Not the proxy's "no such topic": no v2 produce path at this URL.
            return SendResult.all(
                    batch.size(),
                    RecordStatus.REFUSED,
                    null,
                    "http_404: " + a.describe()
                            + ". No v2 produce path at this URL: check url (the proxy's base URL); Confluent Cloud has only "
                            + "the v3 API (api = \"v3\")",
                    404);
        }
        return ProduceAnswers.wholeRequest(batch.size(), a, ErrorCodes.forHttpStatus(a.status()));
    }

    private SendResult sendV3(String topic, List<SpooledRecord> batch) throws IOException {
        String cluster = clusterId;
        if (cluster == null) {
            ProxyProbe.Cluster c = probe.discoverCluster(topic);
            if (c.failure() != null) {
                return SendResult.all(
                        batch.size(),
                        c.failure().status(),
                        null,
                        c.failure().reason(),
                        c.failure().httpStatus());
            }
            cluster = c.id();
            clusterId = cluster;
        }
        byte[] body = bodies.v3(batch, jsonValues);
        HttpUrl url = base.newBuilder()
                .addPathSegment("v3")
                .addPathSegment("clusters")
                .addPathSegment(cluster)
                .addPathSegment("topics")
                .addPathSegment(topic)
                .addPathSegment("records")
                .build();
        Answer a = execute(request(url).post(RequestBody.create(body, JSON)).build());
        if (a.status() == 200) {
            return answers.v3Reports(batch.size(), a.body());
        }
        if (a.status() == 404 && !a.topicNotFound()) {
            return pathNotFound(topic, batch.size(), a);
        }
        return ProduceAnswers.wholeRequest(batch.size(), a, ErrorCodes.forHttpStatus(a.status()));
    }

    /** A 404 on the records path that does not name a topic: no v3 API here, or a wrong cluster id. */
    private SendResult pathNotFound(String topic, int size, Answer a) throws IOException {
        ProxyProbe.Verdict v = probe.noV3(topic, a);
        if (!v.v2Only()) {
            if (config.clusterId() != null) {
                ProxyProbe.Verdict wrongId = probe.checkClusterId(config.clusterId());
                v = wrongId == null ? v : wrongId;
            } else {
                clusterId = null; // the cluster may have been replaced: discover again next time
            }
        }
        return SendResult.all(size, v.status(), null, v.reason(), v.httpStatus());
    }

    private Answer execute(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return Answer.read(response);
        }
    }

    /** {@code Retry-After}: seconds, or an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(String header) {
        return RetryAfter.parse(header);
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder r = new Request.Builder().url(url);
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return r;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "RestProxySink[" + name + " " + config.api()
                + (config.api() == RestProxyConfig.Api.V2 ? (v2Json ? " json" : " binary") : "") + " " + config.url()
                + "]";
    }
}

package io.lpmsedge.bridge.delivery.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lpmsedge.bridge.delivery.RecordStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The sink's read-only questions to the proxy, asked when a produce answer alone cannot say what is wrong:
 * which cluster (v3 {@code GET /v3/clusters}), does this proxy speak v2 at all ({@code GET /topics/{t}}), does the
 * topic exist (v2 topic GET, v3 {@code GET /v3/clusters/{c}/topics/{t}}). Each turns into a verdict with the far
 * side's words and the fix.
 */
final class ProxyProbe {
    private final OkHttpClient http;
    private final HttpUrl base;
    private final String authorization;
    private final JsonFactory json = new JsonFactory();

    ProxyProbe(OkHttpClient http, HttpUrl base, String authorization) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    /**
     * A verdict for the whole batch: the status and the reason shown in the alert.
     *
     * @param v2Only the proxy answers v2 but has no v3 API (the fix is {@code api = "v2"})
     */
    record Verdict(RecordStatus status, String reason, int httpStatus, boolean v2Only) {
        Verdict(RecordStatus status, String reason, int httpStatus) {
            this(status, reason, httpStatus, false);
        }
    }

    /** The cluster id, or a verdict why there is none. */
    record Cluster(String id, Verdict failure) {}

    /**
     * {@code GET /v3/clusters}. A 404 there asks v2 whether this is a v2-only proxy (Strimzi's HTTP Bridge), so
     * the alert says "set api = "v2"" instead of retrying a lookup that can never work.
     *
     * @throws IOException a timeout or lost connection (the caller's usual handling)
     */
    Cluster discoverCluster(String topic) throws IOException {
        Answer a = get(
                base.newBuilder()
                        .addPathSegment("v3")
                        .addPathSegment("clusters")
                        .build(),
                false);
        if (a.status() == 200) {
            List<String> ids = clusterIds(a.body());
            if (!ids.isEmpty()) {
                return new Cluster(ids.get(0), null);
            }
            return new Cluster(
                    null,
                    new Verdict(
                            RecordStatus.REFUSED,
                            a.describe() + ", without a cluster_id; set cluster_id for this sink",
                            200));
        }
        if (a.status() == 404) {
            return new Cluster(null, noV3(topic, a));
        }
        return new Cluster(
                null, new Verdict(ErrorCodes.forHttpStatus(a.status()), "cluster id: " + a.describe(), a.status()));
    }

    /**
     * A v3 produce or cluster lookup answered 404 without naming a topic: a proxy without the v3 API (Strimzi's
     * HTTP Bridge answers {@code {"error_code":404,"message":"Not Found"}}), a wrong cluster id, or a wrong URL.
     */
    Verdict noV3(String topic, Answer v3) throws IOException {
        Answer v2;
        try {
            v2 = get(topicUrlV2(topic), true);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            v2 = null;
        }
        if (v2 != null && (v2.status() == 200 || v2.topicNotFound())) {
            return new Verdict(
                    RecordStatus.REFUSED,
                    "this proxy has no v3 API: " + v3.describe() + ", while its v2 "
                            + "API answers (" + v2.describe()
                            + "). Set api = \"v2\" for this sink (Strimzi's HTTP Bridge "
                            + "speaks v2 only)"
                            + (v2.status() == 200 ? "" : "; the topic does not exist either: create it"),
                    404,
                    true);
        }
        return new Verdict(
                RecordStatus.REFUSED,
                v3.describe() + (v2 == null ? "" : "; " + v2.describe())
                        + ". Neither the v3 nor the v2 API answers at this URL: check url (the proxy's base URL, e.g. "
                        + "http://proxy:8082, without /v3) and cluster_id",
                404);
    }

    /** Whether {@code clusterId} is among the proxy's clusters: a verdict when it is not, else null. */
    Verdict checkClusterId(String clusterId) throws IOException {
        Answer a = get(
                base.newBuilder()
                        .addPathSegment("v3")
                        .addPathSegment("clusters")
                        .build(),
                false);
        if (a.status() != 200) {
            return null;
        }
        List<String> ids = clusterIds(a.body());
        if (!ids.isEmpty() && !ids.contains(clusterId)) {
            return new Verdict(
                    RecordStatus.REFUSED,
                    "cluster_id " + clusterId + " is not a cluster of this proxy " + "(GET /v3/clusters lists " + ids
                            + "); fix cluster_id or leave it out to discover it",
                    404);
        }
        return null;
    }

    /**
     * After produce requests to {@code topic} timed out again and again: ask whether the topic exists, which a
     * proxy answers at once, while a produce to a missing topic waits for metadata (60 s by default) and times out.
     *
     * @param clusterId v3 cluster id, or null to ask v2
     */
    Verdict slowTopic(String topic, String clusterId, int timeouts, String timeout) {
        HttpUrl url = clusterId == null
                ? topicUrlV2(topic)
                : base.newBuilder()
                        .addPathSegment("v3")
                        .addPathSegment("clusters")
                        .addPathSegment(clusterId)
                        .addPathSegment("topics")
                        .addPathSegment(topic)
                        .build();
        String what = timeouts + " produce requests to " + topic + " in a row timed out (" + timeout + ")";
        Answer a;
        try {
            a = get(url, clusterId == null);
        } catch (IOException e) {
            return new Verdict(
                    RecordStatus.RETRY,
                    "timeout: proxy slow or unreachable: " + what + ", and so did " + "GET " + url.encodedPath() + " ("
                            + e.getMessage() + ")",
                    0);
        }
        if (a.status() == 200) {
            return new Verdict(
                    RecordStatus.RETRY,
                    "timeout: proxy slow: " + what + ", but the topic exists ("
                            + a.method() + " " + a.path()
                            + " answered 200); the proxy or the Kafka behind it is slow: look "
                            + "at it, or raise request_timeout_ms",
                    0);
        }
        if (a.status() == 404) {
            return new Verdict(
                    RecordStatus.TOPIC_MISSING,
                    "missing topic: " + what + " while the proxy waited for " + "metadata; " + a.describe(),
                    404);
        }
        return new Verdict(RecordStatus.RETRY, "timeout: " + what + "; the topic check " + a.describe(), 0);
    }

    private HttpUrl topicUrlV2(String topic) {
        return base.newBuilder().addPathSegment("topics").addPathSegment(topic).build();
    }

    private Answer get(HttpUrl url, boolean v2) throws IOException {
        Request.Builder r = new Request.Builder().url(url).get();
        if (v2) {
            r.header("Accept", "application/vnd.kafka.v2+json");
        }
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        try (Response response = http.newCall(r.build()).execute()) {
            return Answer.read(response);
        }
    }

    private List<String> clusterIds(byte[] body) {
        List<String> ids = new ArrayList<>();
        try (JsonParser p = json.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME
                        && "cluster_id".equals(p.currentName())
                        && p.nextToken() == JsonToken.VALUE_STRING) {
                    ids.add(p.getText());
                }
            }
        } catch (IOException e) {
            // unreadable: the ids read so far
        }
        return ids;
    }
}

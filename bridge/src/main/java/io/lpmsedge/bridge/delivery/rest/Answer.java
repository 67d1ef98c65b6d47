package io.lpmsedge.bridge.delivery.rest;

import java.io.IOException;
import okhttp3.Response;

/**
 * One HTTP answer, read whole and closed: what the answer parsers and the probes need, nothing of OkHttp's.
 *
 * @param method      the request's method
 * @param path        the request's path (for messages: "POST /topics/readings answered …")
 * @param status      HTTP status
 * @param contentType Content-Type, or null
 * @param retryAfter  Retry-After header, or null
 * @param location    Location header (a redirect's target), or null
 * @param body        the body's bytes (empty when none)
 */
record Answer(
        String method, String path, int status, String contentType, String retryAfter, String location, byte[] body) {

    static Answer read(Response response) throws IOException {
        return new Answer(
                response.request().method(),
                response.request().url().encodedPath(),
                response.code(),
                response.header("Content-Type"),
                response.header("Retry-After"),
                response.header("Location"),
                response.body().bytes());
    }

    /** The far side's error, in its own words. */
    ProxyError error() {
        return ProxyError.parse(body, contentType);
    }

    /** {@code "GET /v3/clusters answered 404: Not Found"}, with a redirect's target. */
    String describe() {
        return method + " " + path + " answered " + status + ": " + error()
                + (location == null ? "" : " (redirect to " + ProxyError.safe(location) + ")");
    }

    /**
     * A 404 that is the proxy's own "no such topic" (Confluent 40401/40403, or a proxy error naming a topic),
     * not a path the far side does not serve.
     */
    boolean topicNotFound() {
        if (status != 404) {
            return false;
        }
        ProxyError e = error();
        return e.code() == 40401
                || e.code() == 40403
                || (e.proxyShaped()
                        && e.message().toLowerCase(java.util.Locale.ROOT).contains("topic"));
    }
}

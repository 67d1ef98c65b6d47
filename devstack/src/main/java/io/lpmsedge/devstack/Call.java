package io.lpmsedge.devstack;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** One request in flight: the exchange, where it goes, when it came, and how to log it. */
final class Call {
    final HttpExchange ex;
    final Route route;
    private final Instant at;
    private final RequestLog log;

    final Flavour flavour;

    Call(HttpExchange ex, Route route, Instant at, RequestLog log, Flavour flavour) {
        this.ex = ex;
        this.route = route;
        this.at = at;
        this.log = log;
        this.flavour = flavour;
    }

    String mediaType() {
        return ExchangeIo.mediaType(ex);
    }

    byte[] readBody() throws IOException {
        return ex.getRequestBody().readAllBytes();
    }

    /** Logs the request; {@code keys} null means the body did not parse (record count -1). */
    void log(List<byte[]> keys, int status) {
        log.add(new ReceivedRequest(
                at,
                ex.getRequestMethod(),
                ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Content-Type"),
                route == null ? null : route.endpoint(),
                keys == null ? -1 : keys.size(),
                keys == null ? List.of() : keys,
                status));
    }

    /**
     * Logs, then answers {@code status} with the flavour's JSON error body: {@code {"error_code","message"}} with
     * Confluent's code, or the HTTP status as the code for Strimzi.
     */
    void error(List<byte[]> keys, int status, int errorCode, String message) throws IOException {
        log(keys, status);
        ExchangeIo.respond(ex, status, HttpFault.JSON, HttpFault.error(flavour.code(errorCode), message), null);
    }

    /** The HTTP status for a Confluent error code: 40401 -> 404, 422 -> 422. */
    static int httpStatus(int errorCode) {
        return errorCode >= 10000 ? errorCode / 100 : errorCode;
    }
}

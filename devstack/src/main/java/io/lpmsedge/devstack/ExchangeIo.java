package io.lpmsedge.devstack;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small helpers around {@link HttpExchange}. */
final class ExchangeIo {
    private ExchangeIo() {}

    /** The media type of the request without parameters, lower case; "" when absent. */
    static String mediaType(HttpExchange ex) {
        String ct = ex.getRequestHeaders().getFirst("Content-Type");
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static void respond(HttpExchange ex, int status, String contentType, String body, String retryAfter)
            throws IOException {
        respond(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8), retryAfter);
    }

    static void respond(HttpExchange ex, int status, String contentType, byte[] body, String retryAfter)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Closes the connection without a response. The JDK server closes the socket when an exchange ends before
     * its response headers were sent: to the client this is the response lost on the way back.
     */
    static void drop(HttpExchange ex) {
        ex.close();
    }
}

package io.lpmsedge.devstack;

import java.util.EnumSet;
import java.util.Set;

/**
 * A whole-request answer the stand-in gives instead of producing (nothing is written to Kafka). The default bodies
 * follow what a client meets in front of a real proxy: JSON {@code {"error_code","message"}} from the proxy itself,
 * an HTML page for a 429 from Jetty's DoSFilter and for 502/504 from a load balancer.
 *
 * @param status      HTTP status
 * @param contentType Content-Type of {@code body}
 * @param body        response body
 * @param retryAfter  value of a {@code Retry-After} header, or null for none
 * @param endpoints   where it applies; by default the two produce endpoints
 */
public record HttpFault(int status, String contentType, String body, String retryAfter, Set<Endpoint> endpoints) {
    static final String JSON = "application/json";
    static final String HTML = "text/html;charset=iso-8859-1";

    public HttpFault {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        endpoints = Set.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a fault must apply to at least one endpoint");
        }
    }

    /** {@code status} with the body a client would typically see for it, on the produce endpoints. */
    public static HttpFault status(int status) {
        String contentType = JSON;
        String body;
        switch (status) {
            case 401:
                body = error(401, "Unauthorized");
                break;
            case 403:
                body = error(40301, "Not authorized to access topics");
                break;
            case 404:
                body = error(40401, "Topic not found.");
                break;
            case 413:
                body = error(413, "Request entity too large");
                break;
            case 415:
                body = error(415, "HTTP 415 Unsupported Media Type");
                break;
            case 422:
                body = error(422, "Request body is empty. Data is required.");
                break;
            case 429:
                // Jetty's DoSFilter answers through the servlet error page: HTML, not the proxy's JSON.
                contentType = HTML;
                body = html(429, "Too Many Requests");
                break;
            case 500:
                body = error(500, "Internal Server Error");
                break;
            case 502:
                contentType = HTML;
                body = html(502, "Bad Gateway");
                break;
            case 503:
                body = error(50302, "Service Unavailable");
                break;
            case 504:
                contentType = HTML;
                body = html(504, "Gateway Timeout");
                break;
            default:
                body = error(status, "Injected by the lpms-edge REST stand-in");
                break;
        }
        return new HttpFault(status, contentType, body, null, EnumSet.of(Endpoint.V2_PRODUCE, Endpoint.V3_PRODUCE));
    }

    /** A 429 with {@code Retry-After: seconds} and DoSFilter's HTML body. */
    public static HttpFault rateLimited(int retryAfterSeconds) {
        return status(429).withRetryAfter(String.valueOf(retryAfterSeconds));
    }

    public HttpFault withBody(String type, String text) {
        return new HttpFault(status, type, text, retryAfter, endpoints);
    }

    public HttpFault withRetryAfter(String value) {
        return new HttpFault(status, contentType, body, value, endpoints);
    }

    /** Aims the fault at these endpoints only (e.g. {@code on(Endpoint.V3_CLUSTERS)} to fail the id lookup). */
    public HttpFault on(Endpoint first, Endpoint... more) {
        return new HttpFault(status, contentType, body, retryAfter, EnumSet.of(first, more));
    }

    static String error(int code, String message) {
        return "{\"error_code\":" + code + ",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static String html(int status, String reason) {
        return "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=ISO-8859-1\"/>\n"
                + "<title>Error " + status + " " + reason + "</title>\n</head>\n<body><h2>HTTP ERROR " + status
                + " " + reason + "</h2>\n</body>\n</html>\n";
    }
}

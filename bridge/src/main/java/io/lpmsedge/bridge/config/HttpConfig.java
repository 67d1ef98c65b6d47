package io.lpmsedge.bridge.config;

import java.net.InetSocketAddress;

/**
 * {@code [http]}: the operations server (status page, /metrics, /health, /ready). Off by default and bound to
 * loopback by default: it has no authentication, so exposing it on the shop-floor network is a deliberate choice.
 */
public record HttpConfig(boolean enabled, String host, int port) {
    public static final HttpConfig DEFAULTS = new HttpConfig(false, "127.0.0.1", 9464);

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** Parses {@code host:port} ({@code [v6]:port} for IPv6); port 0 picks a free one (tests). */
    static HttpConfig parseListen(boolean enabled, String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || colon == listen.length() - 1) {
            throw new IllegalArgumentException("is '" + listen + "'; write host:port, e.g. \"127.0.0.1:9464\" "
                    + "(loopback only) or \"0.0.0.0:9464\" (every interface)");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has port '" + listen.substring(colon + 1) + "', not a number; "
                    + "write host:port, e.g. \"127.0.0.1:9464\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("has port " + port + ", outside 0–65535");
        }
        return new HttpConfig(enabled, host, port);
    }
}

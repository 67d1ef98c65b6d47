package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.secret.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * {@code [http]}: the operations server (status page, /metrics, /health, /ready). Off by default and bound to
 * loopback by default. Optional basic auth ({@code user} + {@code password_file}); a listen address other than
 * loopback needs it, or an explicit {@code allow_unauthenticated = true} (see docs/ops-http.md).
 *
 * @param user            basic-auth user, or null for no authentication
 * @param password        its password (from a file or the environment, never the config file), or null
 * @param requestTimeout  the longest one request may take, reading it and writing the answer: a client that
 *                        trickles is cut off after this
 * @param threads         requests served at once
 * @param queue           requests waiting for a thread; beyond that the server answers 503
 */
public record HttpConfig(
        boolean enabled,
        String host,
        int port,
        String user,
        Secret password,
        boolean allowUnauthenticated,
        Duration requestTimeout,
        int threads,
        int queue) {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_THREADS = 4;
    public static final int DEFAULT_QUEUE = 16;
    public static final HttpConfig DEFAULTS = new HttpConfig(false, "127.0.0.1", 9464);

    public HttpConfig {
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("basic auth needs both a user and a password");
        }
    }

    /** No authentication, default bounds. */
    public HttpConfig(boolean enabled, String host, int port) {
        this(enabled, host, port, null, null, false, DEFAULT_REQUEST_TIMEOUT, DEFAULT_THREADS, DEFAULT_QUEUE);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    public boolean authenticated() {
        return user != null;
    }

    /**
     * Whether {@code host} is a loopback address literal or {@code localhost}. Other names count as beyond
     * loopback without being looked up: reading the config must not wait for DNS.
     */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
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

package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.secret.Secret;
import java.time.Duration;

/** Reads {@code [http]} into an {@link HttpConfig}. */
final class HttpConfigs {
    private HttpConfigs() {}

    static HttpConfig read(TomlSection s) {
        HttpConfig d = HttpConfig.DEFAULTS;
        boolean enabled = s.bool("enabled", d.enabled());
        HttpConfig listen = s.convert(
                "listen", s.string("listen", d.host() + ":" + d.port()), l -> HttpConfig.parseListen(enabled, l));
        String user = s.string("user", "");
        Secret password = SinkConfigs.secret(s, "password");
        boolean allowOpen = s.bool("allow_unauthenticated", false);
        long timeout =
                s.integer("request_timeout_ms", HttpConfig.DEFAULT_REQUEST_TIMEOUT.toMillis(), 100, 600_000, " ms");
        int threads = (int) s.integer("threads", HttpConfig.DEFAULT_THREADS, 1, 64, "");
        int queue = (int) s.integer("queue", HttpConfig.DEFAULT_QUEUE, 1, 10_000, "");
        if (user.isEmpty() && password != null) {
            s.problem("password_file", "a password without a user; set user = \"…\" too (basic auth)");
            password = null;
        }
        if (!user.isEmpty() && password == null) {
            s.problem(
                    "user",
                    "basic auth needs a password: set password_file = \"/etc/lpms-edge/http-password\" "
                            + "(readable by the service user only), or the environment variable "
                            + TomlSection.envName(s.envPrefix(), "password"));
            user = "";
        }
        if (!user.isEmpty() && user.contains(":")) {
            s.problem("user", "contains ':', which basic auth cannot carry in a user name");
            user = "";
            password = null;
        }
        if (listen == null) {
            listen = d;
        }
        if (enabled && user.isEmpty() && !allowOpen && !HttpConfig.isLoopback(listen.host())) {
            s.problem(
                    "listen",
                    "serves the status page and /metrics on " + listen.host() + ", beyond this machine, "
                            + "without a password; set user and password_file (basic auth), or allow_unauthenticated = true "
                            + "if only trusted machines can reach it");
        }
        return new HttpConfig(
                listen.enabled(),
                listen.host(),
                listen.port(),
                user.isEmpty() ? null : user,
                user.isEmpty() ? null : password,
                allowOpen,
                Duration.ofMillis(timeout),
                threads,
                queue);
    }
}

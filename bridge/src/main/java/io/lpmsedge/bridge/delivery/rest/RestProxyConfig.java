package io.lpmsedge.bridge.delivery.rest;

import io.lpmsedge.bridge.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Kafka REST Proxy sink ({@code [[sink]] type = "rest-proxy"}). Proxies and their APIs: docs/rest-proxies.md.
 *
 * @param url            base URL: {@code http://proxy:8082}; Confluent Cloud {@code https://pkc-….confluent.cloud:443/kafka}
 * @param api            v2 ({@code POST /topics/{t}}; Confluent and Strimzi) or v3 (records API; Confluent only)
 * @param clusterId      v3 cluster id; null = discover with {@code GET /v3/clusters}
 * @param username       HTTP Basic user (Confluent Cloud: the API key); null = no Basic auth
 * @param password       HTTP Basic password (API secret), from a file or the environment
 * @param bearerToken    a bearer token instead of Basic; null = none
 * @param caFile         PEM CA bundle to trust instead of the system's (a private CA)
 * @param clientCertFile PEM client certificate for mTLS (with {@code clientKeyFile}, PKCS#8)
 * @param requestTimeout whole request, from connect to the last byte of the answer
 * @param embedded       v2 embedded format of the values ({@link Embedded#AUTO}: JSON records as {@code json},
 *                       anything else as {@code binary}); v3 always embeds JSON records as JSON
 */
public record RestProxyConfig(
        String url,
        Api api,
        String clusterId,
        String username,
        Secret password,
        Secret bearerToken,
        Path caFile,
        Path clientCertFile,
        Path clientKeyFile,
        Duration requestTimeout,
        Embedded embedded) {
    public enum Api {
        V2,
        V3
    }

    /** The v2 embedded format (the {@code embedded_format} key). */
    public enum Embedded {
        /** {@code json} for JSON records, {@code binary} for others (CBOR). */
        AUTO,
        /** {@code application/vnd.kafka.binary.v2+json}: key and value base64. */
        BINARY,
        /** {@code application/vnd.kafka.json.v2+json}: the value as JSON, readable by any consumer; JSON records only. */
        JSON
    }

    public RestProxyConfig {
        if (embedded == null) {
            embedded = Embedded.AUTO;
        }
    }

    /** Without an embedded-format choice ({@link Embedded#AUTO}); the form before it existed. */
    public RestProxyConfig(
            String url,
            Api api,
            String clusterId,
            String username,
            Secret password,
            Secret bearerToken,
            Path caFile,
            Path clientCertFile,
            Path clientKeyFile,
            Duration requestTimeout) {
        this(
                url,
                api,
                clusterId,
                username,
                password,
                bearerToken,
                caFile,
                clientCertFile,
                clientKeyFile,
                requestTimeout,
                Embedded.AUTO);
    }

    /** A config for {@code url} with API v3, no auth, no TLS files, a 10 s timeout: change what you need. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** Builds a {@link RestProxyConfig} one setting at a time (tests, benchmarks). */
    public static final class Builder {
        private final String url;
        private Api api = Api.V3;
        private String clusterId;
        private String username;
        private Secret password;
        private Secret bearerToken;
        private Path caFile;
        private Path clientCertFile;
        private Path clientKeyFile;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Embedded embedded = Embedded.AUTO;

        private Builder(String url) {
            this.url = url;
        }

        public Builder api(Api a) {
            this.api = a;
            return this;
        }

        public Builder clusterId(String id) {
            this.clusterId = id;
            return this;
        }

        public Builder basicAuth(String user, Secret secret) {
            this.username = user;
            this.password = secret;
            return this;
        }

        public Builder bearerToken(Secret token) {
            this.bearerToken = token;
            return this;
        }

        public Builder tls(Path ca, Path clientCert, Path clientKey) {
            this.caFile = ca;
            this.clientCertFile = clientCert;
            this.clientKeyFile = clientKey;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder embedded(Embedded e) {
            this.embedded = e;
            return this;
        }

        public RestProxyConfig build() {
            return new RestProxyConfig(
                    url,
                    api,
                    clusterId,
                    username,
                    password,
                    bearerToken,
                    caFile,
                    clientCertFile,
                    clientKeyFile,
                    requestTimeout,
                    embedded);
        }
    }
}

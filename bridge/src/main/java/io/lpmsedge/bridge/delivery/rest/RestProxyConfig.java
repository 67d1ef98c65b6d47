package io.lpmsedge.bridge.delivery.rest;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A Kafka REST Proxy sink ({@code [[sink]] type = "rest-proxy"}).
 *
 * @param url            base URL: {@code http://proxy:8082}; Confluent Cloud {@code https://pkc-….confluent.cloud:443/kafka}
 * @param api            v2 ({@code POST /topics/{t}}, binary embedded format) or v3 (records API)
 * @param clusterId      v3 cluster id; null = discover with {@code GET /v3/clusters}
 * @param username       HTTP Basic user (Confluent Cloud: the API key); null = no Basic auth
 * @param password       HTTP Basic password (API secret), from a file or the environment
 * @param bearerToken    a bearer token instead of Basic; null = none
 * @param caFile         PEM CA bundle to trust instead of the system's (a private CA)
 * @param clientCertFile PEM client certificate for mTLS (with {@code clientKeyFile}, PKCS#8)
 * @param requestTimeout whole request, from connect to the last byte of the answer
 */
public record RestProxyConfig(String url, Api api, String clusterId, String username, Secret password,
                              Secret bearerToken, Path caFile, Path clientCertFile, Path clientKeyFile,
                              Duration requestTimeout) {
    public enum Api { V2, V3 }
}

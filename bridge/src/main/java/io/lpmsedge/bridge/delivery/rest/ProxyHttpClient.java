package io.lpmsedge.bridge.delivery.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** The HTTP client of one REST proxy sink: timeouts, TLS (private CA, mTLS) and the Authorization header. */
final class ProxyHttpClient {
    private ProxyHttpClient() {}

    /** @throws IOException a CA or client-certificate file cannot be read */
    static OkHttpClient build(RestProxyConfig config) throws IOException {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .callTimeout(config.requestTimeout())
                .connectTimeout(config.requestTimeout())
                .readTimeout(config.requestTimeout())
                .writeTimeout(config.requestTimeout())
                // Retries are the sender's decision alone (they can duplicate a POST), never OkHttp's.
                .retryOnConnectionFailure(false)
                // A redirected POST turns into a GET without its body: a redirect is a configuration problem
                // (http:// where https:// is needed, a moved proxy) to show, not to follow.
                .followRedirects(false)
                .followSslRedirects(false);
        if (config.caFile() != null || config.clientCertFile() != null) {
            HandshakeCertificates.Builder tls = new HandshakeCertificates.Builder();
            if (config.caFile() != null) {
                for (X509Certificate ca : Pem.certificates(Files.readString(config.caFile()), config.caFile())) {
                    tls.addTrustedCertificate(ca);
                }
            } else {
                tls.addPlatformTrustedCertificates();
            }
            if (config.clientCertFile() != null) {
                // The certificate file may carry the chain after the leaf: the leaf pairs with the key.
                String certs = Files.readString(config.clientCertFile());
                HeldCertificate held = HeldCertificate.decode(
                        Pem.first(certs, config.clientCertFile()) + "\n" + Files.readString(config.clientKeyFile()));
                List<X509Certificate> chain = Pem.certificates(certs, config.clientCertFile());
                tls.heldCertificate(held, chain.subList(1, chain.size()).toArray(new X509Certificate[0]));
            }
            HandshakeCertificates certs = tls.build();
            b.sslSocketFactory(certs.sslSocketFactory(), certs.trustManager());
        }
        return b.build();
    }

    /** The {@code Authorization} header value, or null for none. Never logged. */
    static String authorization(RestProxyConfig config) {
        if (config.bearerToken() != null) {
            return "Bearer " + config.bearerToken().reveal();
        }
        if (config.username() != null) {
            return Credentials.basic(
                    config.username(),
                    config.password() == null ? "" : config.password().reveal(),
                    StandardCharsets.UTF_8);
        }
        return null;
    }
}

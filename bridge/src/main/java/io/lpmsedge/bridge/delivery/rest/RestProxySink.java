package io.lpmsedge.bridge.delivery.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.spool.SpooledRecord;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers records through a Confluent Kafka REST Proxy (or Confluent Cloud's REST endpoint), API v2 or v3,
 * reading the per-record outcome of every answer (a 200 can carry failures). Keys are the sensor name as the
 * same bytes on every path: v3 {@code STRING}, v2 {@code binary} = base64 of the UTF-8 bytes. Values are
 * embedded JSON (v3, JSON format) or base64 (v2, and any binary format). Credentials never reach a log.
 */
public final class RestProxySink implements DeliverySink {
    private static final MediaType V2_BINARY = MediaType.get("application/vnd.kafka.binary.v2+json");
    private static final MediaType JSON = MediaType.get("application/json");

    private final String name;
    private final RestProxyConfig config;
    private final boolean jsonValues;
    private final OkHttpClient http;
    private final HttpUrl base;
    private final String authorization;
    private final JsonFactory jsonFactory = new JsonFactory();
    private final ProduceBody bodies = new ProduceBody();
    private volatile String clusterId;

    /**
     * @param jsonValues the values are JSON text (sent embedded with v3), else opaque bytes
     * @throws IOException a CA or client-certificate file cannot be read
     */
    public RestProxySink(String name, RestProxyConfig config, boolean jsonValues) throws IOException {
        this.name = name;
        this.config = config;
        this.jsonValues = jsonValues;
        HttpUrl parsed = HttpUrl.parse(config.url());
        if (parsed == null) {
            throw new IllegalArgumentException("sink " + name + ": '" + config.url() + "' is not an http(s) URL");
        }
        this.base = parsed;
        this.clusterId = config.clusterId();
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .callTimeout(config.requestTimeout())
                .connectTimeout(config.requestTimeout())
                .readTimeout(config.requestTimeout())
                .writeTimeout(config.requestTimeout())
                // Retries are the sender's decision alone (they can duplicate a POST), never OkHttp's.
                .retryOnConnectionFailure(false);
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
                HeldCertificate held = HeldCertificate.decode(Pem.first(certs, config.clientCertFile()) + "\n"
                        + Files.readString(config.clientKeyFile()));
                List<X509Certificate> chain = Pem.certificates(certs, config.clientCertFile());
                tls.heldCertificate(held, chain.subList(1, chain.size()).toArray(new X509Certificate[0]));
            }
            HandshakeCertificates certs = tls.build();
            b.sslSocketFactory(certs.sslSocketFactory(), certs.trustManager());
        }
        this.http = b.build();
        if (config.bearerToken() != null) {
            this.authorization = "Bearer " + config.bearerToken().reveal();
        } else if (config.username() != null) {
            this.authorization = Credentials.basic(config.username(),
                    config.password() == null ? "" : config.password().reveal(), StandardCharsets.UTF_8);
        } else {
            this.authorization = null;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(String topic, List<SpooledRecord> batch) throws InterruptedException {
        try {
            return config.api() == RestProxyConfig.Api.V2 ? sendV2(topic, batch) : sendV3(topic, batch);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            return SendResult.all(batch.size(), RecordStatus.RETRY, null, "timeout: " + e.getMessage(), 0);
        } catch (IOException e) {
            // Refused, reset, lost response: unknown whether written; resend (duplicates removed downstream).
            return SendResult.all(batch.size(), RecordStatus.RETRY, null, "io: " + e.getMessage(), 0);
        }
    }

    private SendResult sendV2(String topic, List<SpooledRecord> batch) throws IOException {
        byte[] body = bodies.v2(batch);
        HttpUrl url = base.newBuilder().addPathSegment("topics").addPathSegment(topic).build();
        Request request = request(url).header("Accept", "application/vnd.kafka.v2+json")
                .post(RequestBody.create(body, V2_BINARY)).build();
        try (Response response = http.newCall(request).execute()) {
            byte[] answer = response.body().bytes();
            if (response.code() != 200) {
                return wholeRequest(batch.size(), response, answer);
            }
            return v2Offsets(batch.size(), answer);
        }
    }

    /** {@code {"offsets":[{"partition":0,"offset":42,"error_code":null,"error":null},…]}}, in request order. */
    private SendResult v2Offsets(int size, byte[] answer) throws IOException {
        List<RecordStatus> statuses = new ArrayList<>(size);
        List<String> reasons = new ArrayList<>(size);
        try (JsonParser p = jsonFactory.createParser(answer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return SendResult.all(size, RecordStatus.RETRY, null, "unreadable 200 answer", 200);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!"offsets".equals(field) || t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Integer code = null;
                    String error = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken v = p.nextToken();
                        if ("error_code".equals(f) && v == JsonToken.VALUE_NUMBER_INT) {
                            code = p.getIntValue();
                        } else if ("error".equals(f) && v == JsonToken.VALUE_STRING) {
                            error = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                    statuses.add(code == null ? RecordStatus.DELIVERED : ErrorCodes.forRecord(code, error));
                    reasons.add(code == null ? null : code + ": " + error);
                }
            }
        } catch (IOException e) {
            // Truncated or garbled: what could be read counts; the rest is resent below.
        }
        return complete(size, statuses, reasons);
    }

    private SendResult sendV3(String topic, List<SpooledRecord> batch) throws IOException {
        String cluster = clusterId();
        if (cluster == null) {
            return SendResult.all(batch.size(), RecordStatus.RETRY, null, "cluster id: GET /v3/clusters gave none",
                    0);
        }
        byte[] body = bodies.v3(batch, jsonValues);
        HttpUrl url = base.newBuilder().addPathSegment("v3").addPathSegment("clusters").addPathSegment(cluster)
                .addPathSegment("topics").addPathSegment(topic).addPathSegment("records").build();
        Request request = request(url).post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            byte[] answer = response.body().bytes();
            if (response.code() != 200) {
                if (response.code() == 404 && config.clusterId() == null) {
                    clusterId = null; // the cluster may have been replaced: discover again next time
                }
                return wholeRequest(batch.size(), response, answer);
            }
            return v3Reports(batch.size(), answer);
        }
    }

    /** Concatenated reports, one per record in order: {@code {"error_code":200,…}} or {@code {"error_code":n,"message":…}}. */
    private SendResult v3Reports(int size, byte[] answer) {
        List<RecordStatus> statuses = new ArrayList<>(size);
        List<String> reasons = new ArrayList<>(size);
        try (JsonParser p = jsonFactory.createParser(answer)) {
            while (statuses.size() < size && p.nextToken() == JsonToken.START_OBJECT) {
                int code = -1;
                String message = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("error_code".equals(f) && v == JsonToken.VALUE_NUMBER_INT) {
                        code = p.getIntValue();
                    } else if ("message".equals(f) && v == JsonToken.VALUE_STRING) {
                        message = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                statuses.add(code == 200 ? RecordStatus.DELIVERED : ErrorCodes.forRecord(code, message));
                reasons.add(code == 200 ? null : code + ": " + message);
            }
        } catch (IOException e) {
            // A stream cut short: the reports read so far stand; the rest is resent.
        }
        return complete(size, statuses, reasons);
    }

    /** Records without a report were not confirmed: resend them. */
    private static SendResult complete(int size, List<RecordStatus> statuses, List<String> reasons) {
        while (statuses.size() < size) {
            statuses.add(RecordStatus.RETRY);
            reasons.add("no delivery report in the answer");
        }
        return new SendResult(statuses.subList(0, size), null, reasons.subList(0, size), 200);
    }

    private SendResult wholeRequest(int size, Response response, byte[] answer) {
        int status = response.code();
        String text = new String(answer, 0, Math.min(answer.length, 200), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        RecordStatus recordStatus = ErrorCodes.forHttpStatus(status);
        // A 404 with a JSON error code says which 404 it is (40401 topic, 40403 partition).
        if (status == 404 && !text.contains("4040")) {
            text = "not found: " + response.request().url().encodedPath() + " " + text;
        }
        return SendResult.all(size, recordStatus, retryAfter(response.header("Retry-After")),
                "http_" + status + ": " + text, status);
    }

    /** {@code Retry-After}: seconds, or an HTTP date. */
    public static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }

    private String clusterId() throws IOException {
        String id = clusterId;
        if (id != null) {
            return id;
        }
        HttpUrl url = base.newBuilder().addPathSegment("v3").addPathSegment("clusters").build();
        Call call = http.newCall(request(url).get().build());
        try (Response response = call.execute()) {
            if (response.code() != 200) {
                return null;
            }
            try (JsonParser p = jsonFactory.createParser(response.body().bytes())) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.FIELD_NAME && "cluster_id".equals(p.currentName())
                            && p.nextToken() == JsonToken.VALUE_STRING) {
                        clusterId = p.getText();
                        return clusterId;
                    }
                }
            }
        }
        return null;
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder r = new Request.Builder().url(url);
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return r;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "RestProxySink[" + name + " " + config.api() + " " + config.url() + "]";
    }

}

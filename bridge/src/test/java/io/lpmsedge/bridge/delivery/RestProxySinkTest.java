package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.bridge.secret.Secret;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.testsupport.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the REST contract's error codes and retry table (docs/rest-proxy-contract.md#error-codes), scripted with
 * MockWebServer and asserted: what
 * was sent, what was sent again and in which order, what was parked, what the spool released.
 */
class RestProxySinkTest {
    static final SenderConfig FAST = new SenderConfig(
            10,
            1 << 20,
            Duration.ZERO,
            Duration.ofMillis(10),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(100));
    static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @TempDir
    Path dir;

    MockWebServer server;
    Spool spool;
    Sender sender;
    Thread thread;
    DeadLetterFile deadLetters;

    @BeforeEach
    void setUp() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        spool = Spool.open(
                new SpoolConfig(
                        dir.resolve("spool"),
                        1 << 20,
                        1 << 16,
                        Duration.ZERO,
                        Duration.ZERO,
                        SpoolFullPolicy.DROP_OLDEST),
                List.of("proxy"),
                Clock.systemUTC());
        deadLetters = new DeadLetterFile(dir.resolve("dead-letter-proxy.jsonl"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (sender != null) {
            sender.stop(Duration.ZERO);
            thread.join(5000);
        }
        spool.close();
        server.close();
    }

    /** Records 0..n-1, keys alternating a, b (so record i has key a when i is even). */
    void spoolRecords(int n) {
        List<SpoolEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new SpoolEntry(
                    "readings",
                    i % 2 == 0 ? "a" : "b",
                    ("{\"schema\":1,\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        spool.append(entries);
    }

    /** v2 with the binary embedded format (base64 values: what these contract rows were written against). */
    RestProxyConfig config(RestProxyConfig.Api api) {
        return RestProxyConfig.builder(server.url("/").toString())
                .api(api)
                .embedded(RestProxyConfig.Embedded.BINARY)
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    void startSender(RestProxyConfig config) throws IOException {
        startSender(config, FAST);
    }

    void startSender(RestProxyConfig config, SenderConfig senderConfig) throws IOException {
        RestProxySink sink = new RestProxySink("proxy", config, true);
        sender = new Sender(
                sink,
                spool,
                senderConfig,
                deadLetters,
                Clock.systemUTC(),
                new SplittableRandom(1),
                errorLog.logger(),
                System::nanoTime);
        thread = new Thread(sender, "sender");
        thread.start();
    }

    final ErrorLines errorLog = new ErrorLines();

    static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).body(body).build();
    }

    static String v2Offsets(int n, int... failing) {
        StringBuilder sb = new StringBuilder("{\"offsets\":[");
        for (int i = 0; i < n; i++) {
            boolean fails = false;
            for (int f : failing) {
                fails |= f == i;
            }
            sb.append(i == 0 ? "" : ",")
                    .append(
                            fails
                                    ? "{\"partition\":null,\"offset\":null,\"error_code\":50003,\"error\":\"Request timed out\"}"
                                    : "{\"partition\":0,\"offset\":" + i + ",\"error_code\":null,\"error\":null}");
        }
        return sb.append("],\"key_schema_id\":null,\"value_schema_id\":null}").toString();
    }

    static String v3Reports(int n, int failing, int code) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(
                    i == failing
                            ? "{\"error_code\":" + code + ",\"message\":\"injected\"}"
                            : "{\"error_code\":200,\"cluster_id\":\"C1\",\"topic_name\":\"readings\",\"partition_id\":0,"
                                    + "\"offset\":" + i
                                    + ",\"key\":{\"type\":\"STRING\",\"size\":1},\"value\":{\"type\":\"JSON\",\"size\":20}}");
        }
        return sb.toString();
    }

    /** The seq values a v2 (base64 values) or v3 (embedded JSON) request carried, in order. */
    static List<Integer> seqs(RecordedRequest r) {
        String body = r.getBody().utf8();
        List<Integer> out = new ArrayList<>();
        if (body.startsWith("{\"records\"") && !body.contains("\"value\":{")) {
            Matcher m = Pattern.compile("\"value\":\"([^\"]+)\"").matcher(body);
            while (m.find()) {
                Matcher s = SEQ.matcher(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
                assertTrue(s.find());
                out.add(Integer.parseInt(s.group(1)));
            }
        } else {
            Matcher s = SEQ.matcher(body);
            while (s.find()) {
                out.add(Integer.parseInt(s.group(1)));
            }
        }
        return out;
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(r, "expected another request");
        return r;
    }

    void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(10), what);
    }

    void awaitAcked(long offset) throws InterruptedException {
        await(() -> spool.ackedOffset("proxy") >= offset, "the spool to be acknowledged up to " + offset);
    }

    @Test
    void v2DeliversWithBinaryKeysAndReleasesTheSpool() throws Exception {
        spoolRecords(10);
        server.enqueue(ok(v2Offsets(10)));
        startSender(config(RestProxyConfig.Api.V2));
        RecordedRequest r = take();
        assertEquals("POST", r.getMethod());
        assertEquals("/topics/readings", r.getUrl().encodedPath());
        assertEquals("application/vnd.kafka.binary.v2+json", r.getHeaders().get("Content-Type"));
        assertTrue(
                r.getBody().utf8().contains("\"key\":\"" + Base64.getEncoder().encodeToString("a".getBytes()) + "\""),
                "keys are base64 of the UTF-8 sensor name");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seqs(r));
        awaitAcked(10);
        assertEquals(10, sender.counters().delivered());
    }

    @Test
    void v2PerRecordFailureInA200ResendsThatKeyInOrder() throws Exception {
        spoolRecords(10);
        server.enqueue(ok(v2Offsets(10, 3))); // record 3 (key b) failed with 50003 inside an HTTP 200
        server.enqueue(ok(v2Offsets(4)));
        startSender(config(RestProxyConfig.Api.V2));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seqs(take()));
        // Key b from record 3 on is resent, in order, although 5, 7, 9 had been written: key a is not touched.
        assertEquals(List.of(3, 5, 7, 9), seqs(take()));
        awaitAcked(10);
        assertEquals(3, sender.counters().resentAfterDelivery());
        assertEquals(1, sender.counters().retried());
        assertEquals(1L, sender.counters().errors().get("50003"));
    }

    @Test
    void v3DiscoversTheClusterAndSendsStringKeysAndEmbeddedJson() throws Exception {
        spoolRecords(4);
        server.enqueue(
                ok("{\"kind\":\"KafkaClusterList\",\"data\":[{\"kind\":\"KafkaCluster\",\"cluster_id\":\"C1\"}]}"));
        server.enqueue(ok(v3Reports(4, -1, 0)));
        startSender(config(RestProxyConfig.Api.V3));
        RecordedRequest discovery = take();
        assertEquals("GET", discovery.getMethod());
        assertEquals("/v3/clusters", discovery.getUrl().encodedPath());
        RecordedRequest produce = take();
        assertEquals("/v3/clusters/C1/topics/readings/records", produce.getUrl().encodedPath());
        assertEquals("application/json", produce.getHeaders().get("Content-Type"));
        assertTrue(
                produce.getBody()
                        .utf8()
                        .startsWith(
                                "{\"key\":{\"type\":\"STRING\",\"data\":\"a\"},\"value\":{\"type\":\"JSON\",\"data\":{\"schema\":1,\"seq\":0}}}"
                                        + "{\"key\":{\"type\":\"STRING\",\"data\":\"b\"}"),
                produce.getBody().utf8());
        assertEquals(List.of(0, 1, 2, 3), seqs(produce));
        awaitAcked(4);
    }

    @Test
    void v3PerRecordClientErrorParksOnlyThatRecord() throws Exception {
        spoolRecords(6);
        server.enqueue(ok("{\"data\":[{\"cluster_id\":\"C1\"}]}"));
        server.enqueue(ok(v3Reports(6, 4, 400)));
        startSender(config(RestProxyConfig.Api.V3));
        take();
        take();
        awaitAcked(6);
        assertEquals(1, sender.counters().deadLettered());
        assertEquals(5, sender.counters().delivered());
        List<String> parked = Files.readAllLines(deadLetters.path());
        assertEquals(1, parked.size());
        assertTrue(
                parked.get(0).contains("\"reason\":\"400: injected\"")
                        && parked.get(0).contains("\"spoolOffset\":4"),
                parked.get(0));
        assertEquals(2, server.getRequestCount(), "a rejected record is never resent");
    }

    @Test
    void v3ReportsCutShortResendTheRecordsWithoutAReport() throws Exception {
        spoolRecords(6);
        server.enqueue(ok("{\"data\":[{\"cluster_id\":\"C1\"}]}"));
        String six = v3Reports(6, -1, 0);
        server.enqueue(ok(six.substring(0, six.indexOf("{\"error_code\":200", six.indexOf("\"offset\":3")) + 20)));
        server.enqueue(ok(v3Reports(2, -1, 0)));
        startSender(config(RestProxyConfig.Api.V3));
        take();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), seqs(take()));
        // Reports 0-3 arrived whole, report 4 was cut: records 4 and 5 have no report and are resent, in order.
        assertEquals(List.of(4, 5), seqs(take()), "records without a delivery report are resent, in order");
        awaitAcked(6);
    }

    @Test
    void a429WithAnHtmlBodyIsRetriedAfterRetryAfter() throws Exception {
        spoolRecords(2);
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "1")
                .setHeader("Content-Type", "text/html")
                .body("<html><body>Too Many Requests</body></html>")
                .build());
        server.enqueue(ok(v2Offsets(2)));
        startSender(config(RestProxyConfig.Api.V2));
        take();
        long first = System.nanoTime();
        assertEquals(List.of(0, 1), seqs(take()));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
        assertTrue(waited >= 900, "Retry-After: 1 honoured, waited " + waited + " ms (own back-off is 10-50 ms)");
        awaitAcked(2);
        assertEquals(1L, sender.counters().errors().get("http_429"));
    }

    @Test
    void serverErrorsAndGatewayErrorsRetryTheWholeBatch() throws Exception {
        spoolRecords(3);
        server.enqueue(new MockResponse.Builder()
                .code(500)
                .body("{\"error_code\":50002,\"message\":\"boom\"}")
                .build());
        server.enqueue(new MockResponse.Builder().code(502).body("Bad Gateway").build());
        server.enqueue(
                new MockResponse.Builder().code(504).body("Gateway Timeout").build());
        server.enqueue(ok(v2Offsets(3)));
        startSender(config(RestProxyConfig.Api.V2));
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(0, 1, 2), seqs(take()));
        }
        awaitAcked(3);
        assertEquals(0, sender.counters().deadLettered());
    }

    @Test
    void unauthorizedStopsAlertsKeepsBufferingAndResumes() throws Exception {
        spoolRecords(2);
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .body("{\"error_code\":40101,\"message\":\"Unauthorized\"}")
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(403)
                .body("{\"error_code\":40301,\"message\":\"Forbidden\"}")
                .build());
        server.enqueue(ok(v2Offsets(2)));
        startSender(config(RestProxyConfig.Api.V2));
        take();
        assertEquals(0, spool.ackedOffset("proxy"), "nothing released while refused");
        take();
        take();
        awaitAcked(2);
        assertEquals(2, sender.counters().authFailures());
    }

    @Test
    void topicNotFoundBacksOffAndKeepsTheRecords() throws Exception {
        spoolRecords(2);
        server.enqueue(new MockResponse.Builder()
                .code(404)
                .body("{\"error_code\":40401,\"message\":\"Topic readings not found.\"}")
                .build());
        server.enqueue(ok(v2Offsets(2, 0, 1)
                .replace("Request timed out", "Topic readings not present in metadata after 2000 ms.")));
        server.enqueue(ok(v2Offsets(2)));
        startSender(config(RestProxyConfig.Api.V2));
        long t0 = System.nanoTime();
        take();
        take();
        take();
        assertTrue(
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) >= 190,
                "two topic-missing back-offs of 100 ms, not a hot loop");
        awaitAcked(2);
        assertEquals(2, sender.counters().topicMissing());
    }

    @Test
    void tooLargeSplitsTheBatch() throws Exception {
        spoolRecords(10);
        server.enqueue(new MockResponse.Builder()
                .code(413)
                .body("{\"error_code\":413,\"message\":\"too large\"}")
                .build());
        server.enqueue(ok(v2Offsets(5)));
        server.enqueue(ok(v2Offsets(5)));
        startSender(config(RestProxyConfig.Api.V2));
        assertEquals(10, seqs(take()).size());
        assertEquals(List.of(0, 1, 2, 3, 4), seqs(take()));
        assertEquals(List.of(5, 6, 7, 8, 9), seqs(take()));
        awaitAcked(10);
        assertEquals(1, sender.counters().splits());
    }

    @Test
    void aWholeRequestClientErrorKeepsTheRecordsAndIsNeverDeadLettered() throws Exception {
        spoolRecords(3);
        server.enqueue(new MockResponse.Builder()
                .code(415)
                .body("{\"error_code\":415,\"message\":\"HTTP 415 Unsupported Media Type\"}")
                .build());
        server.enqueue(ok(v2Offsets(3)));
        startSender(config(RestProxyConfig.Api.V2));
        take();
        assertEquals(0, spool.ackedOffset("proxy"), "a request refused as a whole releases nothing");
        assertEquals(List.of(0, 1, 2), seqs(take()), "sent again, whole and in order, after the hold");
        awaitAcked(3);
        assertEquals(0, sender.counters().deadLettered());
        assertFalse(Files.exists(deadLetters.path()), "nothing parked");
        assertEquals(1, sender.counters().refused());
        assertEquals(1L, sender.counters().errors().get("http_415"));
    }

    @Test
    void aLostResponseIsRetriedAndMayDuplicate() throws Exception {
        spoolRecords(2);
        // The server reads the request (it may have produced it) and then the connection dies: no answer.
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(ok(v2Offsets(2)));
        startSender(config(RestProxyConfig.Api.V2));
        assertEquals(List.of(0, 1), seqs(take()));
        assertEquals(List.of(0, 1), seqs(take()), "resent whole: a duplicate downstream is possible and expected");
        awaitAcked(2);
        assertTrue(
                sender.counters().errors().keySet().stream().anyMatch(k -> k.startsWith("io")),
                sender.counters().errors().toString());
    }

    @Test
    void aSlowProxyTimesOutAndIsRetried() throws Exception {
        spoolRecords(1);
        server.enqueue(new MockResponse.Builder()
                .headersDelay(3, TimeUnit.SECONDS)
                .body(v2Offsets(1))
                .build());
        server.enqueue(ok(v2Offsets(1)));
        RestProxyConfig c = new RestProxyConfig(
                server.url("/").toString(),
                RestProxyConfig.Api.V2,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Duration.ofMillis(300));
        startSender(c);
        take();
        take();
        awaitAcked(1);
        assertTrue(
                sender.counters().errors().containsKey("timeout"),
                sender.counters().errors().toString());
    }

    @Test
    void basicAuthAndBearerHeadersAreSentAndSecretsNeverPrinted() throws Exception {
        spoolRecords(1);
        server.enqueue(ok(v2Offsets(1)));
        RestProxyConfig basic = new RestProxyConfig(
                server.url("/").toString(),
                RestProxyConfig.Api.V2,
                null,
                "APIKEY",
                new Secret("s3cr3t"),
                null,
                null,
                null,
                null,
                Duration.ofSeconds(2));
        assertFalse(basic.toString().contains("s3cr3t"), basic.toString());
        startSender(basic);
        assertEquals(
                "Basic " + Base64.getEncoder().encodeToString("APIKEY:s3cr3t".getBytes()),
                take().getHeaders().get("Authorization"));
        awaitAcked(1);

        RestProxySink bearer = new RestProxySink(
                "b",
                new RestProxyConfig(
                        server.url("/").toString(),
                        RestProxyConfig.Api.V2,
                        null,
                        null,
                        null,
                        new Secret("tok"),
                        null,
                        null,
                        null,
                        Duration.ofSeconds(2)),
                true);
        server.enqueue(ok(v2Offsets(1)));
        bearer.send(
                "readings",
                spool.read(0, 1, 1 << 20).isEmpty()
                        ? List.of(new io.lpmsedge.bridge.spool.SpooledRecord(
                                0, new SpoolEntry("readings", "a", "{}".getBytes())))
                        : spool.read(0, 1, 1 << 20));
        assertEquals("Bearer tok", take().getHeaders().get("Authorization"));
        bearer.close();
    }

    @Test
    void tlsWithAPrivateCaAndAClientCertificate() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder()
                .certificateAuthority(0)
                .commonName("test-ca")
                .build();
        HeldCertificate serverCert = new HeldCertificate.Builder()
                .signedBy(ca)
                .addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName(InetAddress.getLoopbackAddress().getHostAddress())
                .build();
        HeldCertificate clientCert =
                new HeldCertificate.Builder().signedBy(ca).commonName("bridge").build();
        HandshakeCertificates serverTls = new HandshakeCertificates.Builder()
                .heldCertificate(serverCert)
                .addTrustedCertificate(ca.certificate())
                .build();
        server.close();
        server = new MockWebServer();
        server.useHttps(serverTls.sslSocketFactory());
        server.requireClientAuth();
        server.start(InetAddress.getLoopbackAddress(), 0);
        Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        Path certFile = Files.writeString(dir.resolve("client.pem"), clientCert.certificatePem() + ca.certificatePem());
        Path keyFile = Files.writeString(dir.resolve("client.key"), clientCert.privateKeyPkcs8Pem());

        spoolRecords(1);
        server.enqueue(ok(v2Offsets(1)));
        startSender(new RestProxyConfig(
                server.url("/").toString(),
                RestProxyConfig.Api.V2,
                null,
                null,
                null,
                null,
                caFile,
                certFile,
                keyFile,
                Duration.ofSeconds(5)));
        RecordedRequest r = take();
        assertNotNull(r.getHandshake(), "TLS");
        assertEquals(
                "CN=bridge",
                ((java.security.cert.X509Certificate)
                                r.getHandshake().peerCertificates().get(0))
                        .getSubjectX500Principal()
                        .getName(),
                "the client certificate was presented");
        awaitAcked(1);
    }

    /** nginx in front of an HTTPS proxy, spoken to over plain HTTP: its words are in the title. */
    static final String NGINX_400 = "<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title>"
            + "</head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was "
            + "sent to HTTPS port</center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";

    @Test
    void aMisconfiguredProxyDeadLettersNothingAlertsOnceAndDeliversOnceFixed() throws Exception {
        spoolRecords(30);
        AtomicBoolean fixed = new AtomicBoolean();
        AtomicInteger refusedRequests = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!fixed.get()) {
                    // every page differs, as front ends that print a request id make them
                    int n = refusedRequests.incrementAndGet();
                    return new MockResponse.Builder()
                            .code(400)
                            .setHeader("Content-Type", "text/html")
                            .body(NGINX_400.replace("port</title>", "port [request " + n + "]</title>"))
                            .build();
                }
                return ok(v2Offsets(seqs(request).size()));
            }
        });
        // four lanes: the hold must stop all of them, and the alert must still be one line
        startSender(config(RestProxyConfig.Api.V2), FAST.withMaxInFlight(4));
        await(() -> refusedRequests.get() >= 6, "several refused requests (every lane, after holds)");
        assertEquals(0, spool.ackedOffset("proxy"), "nothing acknowledged while the proxy refuses every request");
        assertEquals(0, sender.counters().deadLettered());
        assertFalse(Files.exists(deadLetters.path()), "no dead-letter file at all");
        assertEquals(1, errorLog.errors().size(), "one ERROR line for the whole episode: " + errorLog.errors());
        String alert = errorLog.errors().get(0);
        assertTrue(
                alert.contains("400") && alert.contains("The plain HTTP request was sent to HTTPS port"),
                "the far side's words: " + alert);
        assertFalse(
                alert.contains("<") || alert.contains("\n") || alert.contains("\r"), "safe for a log line: " + alert);
        assertTrue(
                sender.counters().problem() != null
                        && sender.counters().problem().contains("HTTPS port"),
                "visible to /ready while it lasts: " + sender.counters().problem());

        fixed.set(true);
        awaitAcked(30);
        assertEquals(30, sender.counters().delivered());
        assertEquals(0, sender.counters().deadLettered());
        assertNull(sender.counters().problem(), "the problem clears once it delivers");
    }

    @Test
    void theSameRefusalForEveryRecordOfABatchIsARequestProblem() throws Exception {
        spoolRecords(4);
        server.enqueue(ok("{\"error_code\":400,\"message\":\"Unrecognized field: key\"}".repeat(4)));
        server.enqueue(ok(v3Reports(4, -1, 0)));
        RestProxyConfig c = RestProxyConfig.builder(server.url("/").toString())
                .clusterId("C1")
                .requestTimeout(Duration.ofSeconds(2))
                .build();
        startSender(c);
        assertEquals(List.of(0, 1, 2, 3), seqs(take()));
        assertEquals(List.of(0, 1, 2, 3), seqs(take()), "kept and sent again, not parked");
        awaitAcked(4);
        assertEquals(0, sender.counters().deadLettered());
        assertEquals(1, sender.counters().refused());
    }

    @Test
    void aRecordTheDeadLetterFileCannotTakeStaysInTheSpool() throws Exception {
        // A directory where the file should be: every park fails with an IOException, as a full file would.
        Files.createDirectories(deadLetters.path());
        spoolRecords(6);
        server.enqueue(ok(v3Reports(6, 2, 42201))); // record 2 (key a) refused for good, in its own report
        server.enqueue(ok(v3Reports(2, 0, 42201))); // again: still no room
        server.enqueue(ok(v3Reports(2, 0, 42201))); // again, and now it can be parked
        RestProxyConfig c = RestProxyConfig.builder(server.url("/").toString())
                .clusterId("C1")
                .requestTimeout(Duration.ofSeconds(2))
                .build();
        startSender(c);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), seqs(take()));
        assertEquals(List.of(2, 4), seqs(take()), "record 2 and the rest of key a stay and are sent again");
        await(() -> sender.counters().deadLetterFailures() == 2, "the second failed park");
        assertEquals(2, spool.ackedOffset("proxy"), "the ack never passes a record that exists nowhere else");
        assertEquals(0, sender.counters().deadLettered());
        assertEquals(1, errorLog.errors().size(), "one alert: " + errorLog.errors());
        assertTrue(
                errorLog.errors().get(0).contains("dead-letter file")
                        && errorLog.errors().get(0).contains("record 2"),
                errorLog.errors().get(0));
        assertNotNull(sender.counters().problem());

        Files.delete(deadLetters.path()); // room again
        assertEquals(List.of(2, 4), seqs(take()));
        awaitAcked(6);
        assertEquals(1, sender.counters().deadLettered());
        assertEquals(1, Files.readAllLines(deadLetters.path()).size());
        assertTrue(Files.readAllLines(deadLetters.path()).get(0).contains("\"spoolOffset\":2"));
    }

    @Test
    void retryAfterParsesSecondsAndDates() {
        assertEquals(Duration.ofSeconds(7), RestProxySink.retryAfter("7"));
        assertNull(RestProxySink.retryAfter("soon"));
        assertTrue(RestProxySink.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT").isZero(), "a past date means now");
    }
}

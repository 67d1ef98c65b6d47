package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several requests in flight ({@code max_in_flight} lanes): they really overlap, one key is never in two of
 * them at once, and with every third request failing (HTTP 500) each key's records still arrive in order.
 */
class SenderLanesTest {
    private static final Pattern RECORD = Pattern.compile("\"k\":\"(k\\d+)\",\"seq\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void lanesOverlapButNeverShareAKeyAndKeepEachKeysOrderThroughFailures() throws Exception {
        int records = 600;
        int keys = 12;
        Set<String> inFlight = new HashSet<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        List<String> violations = new ArrayList<>();
        Map<String, List<Integer>> delivered = new HashMap<>();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    List<String[]> recs = new ArrayList<>();
                    Matcher m = RECORD.matcher(request.getBody().utf8());
                    while (m.find()) {
                        recs.add(new String[] {m.group(1), m.group(2)});
                    }
                    Set<String> mine = new HashSet<>();
                    recs.forEach(r -> mine.add(r[0]));
                    synchronized (inFlight) {
                        for (String k : mine) {
                            if (!inFlight.add(k)) {
                                violations.add("key " + k + " in two requests at once");
                            }
                        }
                    }
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    boolean fail = requests.incrementAndGet() % 3 == 0;
                    Thread.sleep(15); // the far side's latency: what lets requests overlap
                    StringBuilder reports = new StringBuilder();
                    synchronized (inFlight) {
                        concurrent.decrementAndGet();
                        inFlight.removeAll(mine);
                        if (!fail) {
                            for (String[] r : recs) {
                                delivered
                                        .computeIfAbsent(r[0], k -> new ArrayList<>())
                                        .add(Integer.parseInt(r[1]));
                                reports.append("{\"error_code\":200,\"partition_id\":0,\"offset\":0}");
                            }
                        }
                    }
                    return fail
                            ? new MockResponse.Builder()
                                    .code(500)
                                    .body("{\"error_code\":500}")
                                    .build()
                            : new MockResponse.Builder()
                                    .code(200)
                                    .body(reports.toString())
                                    .build();
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
            try (Spool spool = Spool.open(
                    new SpoolConfig(
                            dir.resolve("spool"),
                            1 << 22,
                            1 << 16,
                            Duration.ZERO,
                            Duration.ZERO,
                            SpoolFullPolicy.DROP_OLDEST),
                    List.of("proxy"),
                    Clock.systemUTC())) {
                List<SpoolEntry> entries = new ArrayList<>();
                for (int i = 0; i < records; i++) {
                    String key = "k" + (i % keys);
                    entries.add(new SpoolEntry(
                            "readings",
                            key,
                            ("{\"k\":\"" + key + "\",\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
                }
                spool.append(entries);
                spool.sync();
                SenderConfig config = new SenderConfig(
                        20,
                        1 << 20,
                        Duration.ZERO,
                        Duration.ofMillis(1),
                        Duration.ofMillis(5),
                        Duration.ofMillis(100),
                        Duration.ofMillis(100),
                        4);
                Sender sender = new Sender(
                        new RestProxySink(
                                "proxy",
                                new RestProxyConfig(
                                        server.url("/").toString(),
                                        RestProxyConfig.Api.V3,
                                        "C1",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        Duration.ofSeconds(5)),
                                true),
                        spool,
                        config,
                        new DeadLetterFile(dir.resolve("dead")),
                        Clock.systemUTC(),
                        new SplittableRandom(3));
                Thread t = new Thread(sender, "sender");
                t.start();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (spool.ackedOffset("proxy") < records && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                sender.stop(Duration.ZERO);
                t.join(10_000);
                assertEquals(records, spool.ackedOffset("proxy"), "every record acknowledged");
                assertEquals(records, sender.counters().delivered());
            }
        }
        assertEquals(List.of(), violations);
        assertTrue(maxConcurrent.get() > 1, "requests overlapped: " + maxConcurrent.get());
        assertEquals(keys, delivered.size());
        for (Map.Entry<String, List<Integer>> e : delivered.entrySet()) {
            List<Integer> seqs = e.getValue();
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1), e.getKey() + " out of order: " + seqs);
            }
            assertEquals(records / keys, seqs.size(), e.getKey() + ": " + seqs);
        }
    }
}

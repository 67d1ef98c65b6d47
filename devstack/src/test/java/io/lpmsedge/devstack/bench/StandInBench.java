package io.lpmsedge.devstack.bench;

import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.devstack.EmbeddedKafka;
import io.lpmsedge.devstack.RestProxyStandIn;
import io.lpmsedge.devstack.StandInOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Numbers for BENCHMARKS.md (devstack section) (run by hand, not part of the suite): broker start/stop/restart,
 * and how many records per second one client thread gets through the stand-in into the broker.
 * {@code java -cp target/test-classes:target/classes:$(deps) io.lpmsedge.devstack.bench.StandInBench}
 */
public final class StandInBench {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        DevStack stack = DevStack.start(0, StandInOptions.defaults());
        long started = System.nanoTime();
        System.out.printf("cold start (broker + stand-in): %d ms%n", (started - t0) / 1_000_000);
        EmbeddedKafka k = stack.kafka();
        long s0 = System.nanoTime();
        k.stop();
        long s1 = System.nanoTime();
        k.restart();
        long s2 = System.nanoTime();
        System.out.printf(
                "stop: %d ms, restart (same ports and data): %d ms%n", (s1 - s0) / 1_000_000, (s2 - s1) / 1_000_000);
        RestProxyStandIn rest = stack.restProxy();
        String value = "{\"schema\":1,\"sensor\":\"sensor-07\",\"bootId\":\"4f1c\",\"seq\":123456,"
                + "\"t\":1234.5678,\"gyro\":[0.1,0.2,0.3],\"acc\":[0.0,0.0,9.81]}";
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int batch : new int[] {1, 50, 500}) {
            String topic = stack.newTopic("bench", 3);
            StringBuilder v2 = new StringBuilder("{\"records\":[");
            StringBuilder v3 = new StringBuilder();
            for (int i = 0; i < batch; i++) {
                String key = "sensor-" + (i % 20);
                v2.append(i == 0 ? "" : ",")
                        .append("{\"key\":\"")
                        .append(b64(key))
                        .append("\",\"value\":\"")
                        .append(b64(value))
                        .append("\"}");
                v3.append("{\"key\":{\"type\":\"STRING\",\"data\":\"")
                        .append(key)
                        .append("\"},\"value\":{\"type\":\"JSON\",\"data\":")
                        .append(value)
                        .append("}}");
            }
            v2.append("]}");
            int total = Math.max(2_000, batch * 40);
            run(
                    client,
                    "v2 binary",
                    rest.baseUrl() + "/topics/" + topic,
                    "application/vnd.kafka.binary.v2+json",
                    v2.toString(),
                    batch,
                    total);
            run(client, "v3 STRING/JSON", rest.v3RecordsUrl(topic), "application/json", v3.toString(), batch, total);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "heap used %d MB, threads %d%n", (rt.totalMemory() - rt.freeMemory()) >> 20, Thread.activeCount());
        System.out.println("rss "
                + new String(
                                java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/status")),
                                StandardCharsets.UTF_8)
                        .lines()
                        .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                        .toList());
        stack.close();
    }

    private static void run(HttpClient client, String what, String url, String type, String body, int batch, int total)
            throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        for (int i = 0; i < 5; i++) { // warm-up
            check(client.send(req, HttpResponse.BodyHandlers.ofString()));
        }
        int requests = total / batch;
        long t = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            check(client.send(req, HttpResponse.BodyHandlers.ofString()));
        }
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf(
                "%-15s batch %4d: %6d records in %5.2f s = %7.0f records/s, %6.2f ms/request, " + "%d B/request%n",
                what,
                batch,
                requests * batch,
                s,
                requests * batch / s,
                s * 1000 / requests,
                body.getBytes(StandardCharsets.UTF_8).length);
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200
                || r.body().contains("\"error_code\":5")
                || r.body().contains("\"error_code\":4")) {
            throw new IllegalStateException(r.statusCode() + " "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}

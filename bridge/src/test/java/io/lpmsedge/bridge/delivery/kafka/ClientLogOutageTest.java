package io.lpmsedge.bridge.delivery.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.devstack.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real broker outage: a JVM whose Kafka sink delivers to a broker of its own, which is then stopped for a few
 * seconds, logging through slf4j-simple as the service does; once with the service's provider (as the launcher
 * starts it), once without. With the provider each of the client's warnings reaches stderr once.
 */
class ClientLogOutageTest {
    /** {@code -Doutage.seconds=60} measures a minute (BENCHMARKS.md "Kafka client log lines"). */
    private static final int SECONDS = Integer.getInteger("outage.seconds", 10);

    @Test
    void theClientsRepeatedWarningsAreWrittenOnce() throws Exception {
        List<String> limited;
        List<String> unlimited;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic("readings", 1);
            unlimited = run(kafka, false);
            kafka.restart();
            limited = run(kafka, true);
        }
        long unlimitedKafka = unlimited.stream()
                .filter(l -> l.contains("clientId=lpms-edge-kafka"))
                .count();
        long limitedKafka = limited.stream()
                .filter(l -> l.contains("clientId=lpms-edge-kafka"))
                .count();
        assertTrue(unlimitedKafka >= 8, "the outage made the client warn repeatedly:\n" + String.join("\n", unlimited));
        assertTrue(
                limitedKafka * 3 <= unlimitedKafka,
                limitedKafka + " client lines limited vs " + unlimitedKafka + " unlimited:\n"
                        + String.join("\n", limited));
        assertTrue(
                limited.stream().anyMatch(l -> l.contains("could not be established") || l.contains("disconnected")),
                "the client's own words still show:\n" + String.join("\n", limited));
        System.out.printf(
                "broker outage of %d s: %d lines on stderr without the limiter, %d with it%n",
                SECONDS, unlimited.size(), limited.size());
    }

    /** The child's stderr lines; the broker is stopped once the child has delivered. */
    private static List<String> run(EmbeddedKafka kafka, boolean provider) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        String level = System.getProperty("outage.clientLevel"); // "info": the level before the limiter
        if (level != null) {
            cmd.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=" + level);
        }
        if (provider) {
            cmd.add("-Dslf4j.provider=" + ClientLogProvider.class.getName());
            cmd.add("-Dslf4j.internal.verbosity=WARN");
        }
        cmd.addAll(List.of(
                ClientLogOutageMain.class.getName(), kafka.bootstrapServers(), "readings", String.valueOf(SECONDS)));
        Process p = new ProcessBuilder(cmd).start();
        int before;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // the child is gone
            }
        });
        drain.start();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = p.getOutputStream()) {
            assertEquals("delivered", out.readLine(), () -> err.toString(StandardCharsets.UTF_8));
            before = err.toString(StandardCharsets.UTF_8).lines().toList().size();
            if (level == null) {
                assertEquals(
                        0, before, () -> "nothing logged while delivering: " + err.toString(StandardCharsets.UTF_8));
            }
            kafka.stop();
            in.write("down\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertEquals("outage over", out.readLine(), () -> err.toString(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ended");
        drain.join(10_000);
        // What was written during the outage (at info, the start-up lines come first).
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        return lines.subList(before, lines.size()).stream()
                .filter(l -> !l.isBlank())
                .toList();
    }
}

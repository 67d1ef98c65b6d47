package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.testsupport.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebalance under load with real processes: score-service instances in their own JVMs on a 16-partition topic
 * while 40 sensors stream; one is killed with SIGKILL (no commit, no leave), a new one joins, another is killed.
 * Every window must then be judged exactly once after dedupe on (sensor, bootId, lastSeq), with the verdict and
 * value a single scorer gives, and repeats (at least once: the killed instances' uncommitted work is redone)
 * must be identical. The time until every partition of a killed instance moves again is measured and printed,
 * not asserted (it is the group's session timeout, set to 10 s here, plus the rebalance).
 *
 * <p>Several minutes on a loaded 2-core machine (four JVM starts, two session timeouts), so opt-in:
 * {@code mvn -B -pl score-service -am test -Dtest=RebalanceUnderLoadTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlpmsedge.long=true}.
 */
@EnabledIfSystemProperty(named = "lpmsedge.long", matches = "true")
class RebalanceUnderLoadTest {
    private static final int SENSORS = 40;
    private static final int PARTITIONS = 16;
    private static final Duration WAIT = Duration.ofMinutes(4);

    @Test
    void killedAndAddedInstancesWhileReadingsStreamJudgeEveryWindowOnce(@TempDir Path dir) throws Exception {
        ScorerConfig config = Streams.config();
        String in = TestKafka.STACK.newTopic("readings", PARTITIONS);
        String out = TestKafka.STACK.newTopic("verdicts", PARTITIONS);
        String group = "rebalance-" + in;
        double[][][] rows = new double[SENSORS][][];
        for (int s = 0; s < SENSORS; s++) {
            rows[s] = Streams.sensorRows(s);
        }
        List<ServiceProcess> all = new ArrayList<>();
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrap());
        try (TestKafka kafka = new TestKafka();
                Admin admin = Admin.create(ap)) {
            ServiceProcess a = start(dir, "a", in, out, group, all);
            ServiceProcess b = start(dir, "b", in, out, group, all);
            // The readings stream at a steady pace from another thread while instances come and go.
            AtomicReference<Integer> sentRows = new AtomicReference<>(0);
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            Thread producer = new Thread(
                    () -> {
                        try {
                            long t0 = System.nanoTime();
                            for (int seq = 0; seq < Streams.ROWS; seq++) {
                                for (int s = 0; s < SENSORS; s++) {
                                    kafka.send(
                                            in,
                                            Streams.name(s),
                                            Streams.json(s, seq, rows[s][seq]).getBytes(StandardCharsets.UTF_8));
                                }
                                sentRows.set(seq + 1);
                                long wait = t0 + (seq + 1) * 15_000_000L - System.nanoTime(); // ~67 rows/s per sensor
                                if (wait > 0) {
                                    TimeUnit.NANOSECONDS.sleep(wait);
                                }
                            }
                            kafka.flush();
                        } catch (Throwable t) {
                            producerFailure.set(t);
                        }
                    },
                    "readings");
            producer.start();

            awaitProgress(admin, group, in, Map.of(), "first commits");
            await(() -> sentRows.get() > Streams.ROWS / 4, "a quarter of the stream");
            System.out.printf("resume after SIGKILL of a (b alive): %.1f s%n", killAndTimeResume(admin, a, group, in));
            ServiceProcess c = start(dir, "c", in, out, group, all);
            await(() -> sentRows.get() > Streams.ROWS * 5 / 8, "five eighths of the stream");
            System.out.printf("resume after SIGKILL of b (c alive): %.1f s%n", killAndTimeResume(admin, b, group, in));
            producer.join(WAIT.toMillis());
            assertEquals(null, producerFailure.get(), "producing the readings failed");
            kafka.awaitAllCommitted(group, in, WAIT);
            assertEquals(143, c.terminate(), "SIGTERM exit status; see " + c.log);

            List<JsonNode> events = kafka.readAll(out);
            List<String> expected = new ArrayList<>();
            for (int s = 0; s < SENSORS; s++) {
                expected.addAll(Streams.expectedWindows(s, config));
            }
            // Dedupe as a downstream consumer would, on (sensor, bootId, lastSeq); repeats must be identical.
            Map<String, JsonNode> byKey = new HashMap<>();
            int repeats = 0;
            for (JsonNode e : events) {
                String dedupe = e.get("sensor").asText() + "/" + e.get("bootId").asText() + "/"
                        + e.get("lastSeq").asLong();
                JsonNode seen = byKey.putIfAbsent(dedupe, e);
                if (seen != null) {
                    repeats++;
                    assertEquals(
                            seen.toString(), e.toString(), "a repeated event differs from the first for " + dedupe);
                }
            }
            List<String> judged = Streams.eventKeys(new ArrayList<>(byKey.values()));
            System.out.printf(
                    "%d events, %d windows, %d repeats removed by dedupe%n", events.size(), byKey.size(), repeats);
            // Named differences, not two 1,200-line lists: a lost window shows as missing, a wrong one as both.
            List<String> missing =
                    expected.stream().filter(k -> !judged.contains(k)).sorted().toList();
            List<String> unexpected =
                    judged.stream().filter(k -> !expected.contains(k)).sorted().toList();
            assertEquals(List.of(), missing, "windows not judged (lost), or judged unlike a single scorer");
            assertEquals(List.of(), unexpected, "windows judged that a single scorer does not judge so");
            assertEquals(expected.size(), judged.size(), "every window judged once after dedupe");
        } finally {
            for (ServiceProcess p : all) {
                p.close();
            }
        }
    }

    private static ServiceProcess start(
            Path dir, String name, String in, String out, String group, List<ServiceProcess> all) throws Exception {
        Path log = dir.resolve(name + ".log");
        ServiceProcess p = new ServiceProcess(
                log,
                "--bootstrap",
                TestKafka.bootstrap(),
                "--model",
                Streams.MODEL.toString(),
                "--in",
                in,
                "--out",
                out,
                "--group-id",
                group,
                "--emit",
                "windows",
                "--watch",
                "0",
                "--property",
                "session.timeout.ms=10000");
        all.add(p);
        return p;
    }

    /** SIGKILLs {@code p}; seconds until every partition with readings left has committed past where it stood. */
    private static double killAndTimeResume(Admin admin, ServiceProcess p, String group, String in) throws Exception {
        assertTrue(p.isAlive(), "instance died before its kill; see " + p.log + ":\n" + Files.readString(p.log));
        Map<TopicPartition, OffsetAndMetadata> before = committed(admin, group);
        long t0 = System.nanoTime();
        p.kill();
        awaitProgress(admin, group, in, before, "every partition to move again after the kill");
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Until every partition not yet at its end has a commit past {@code since} (absent: past nothing). */
    private static void awaitProgress(
            Admin admin, String group, String in, Map<TopicPartition, OffsetAndMetadata> since, String what)
            throws InterruptedException {
        await(
                () -> {
                    try {
                        Map<TopicPartition, OffsetAndMetadata> now = committed(admin, group);
                        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
                        for (int i = 0; i < PARTITIONS; i++) {
                            ask.put(new TopicPartition(in, i), OffsetSpec.latest());
                        }
                        var ends = admin.listOffsets(ask).all().get();
                        for (TopicPartition tp : ask.keySet()) {
                            long was = since.containsKey(tp) ? since.get(tp).offset() : 0;
                            long end = ends.get(tp).offset();
                            OffsetAndMetadata c = now.get(tp);
                            if (was < end && (c == null || c.offset() <= was)) {
                                return false;
                            }
                        }
                        return true;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                what);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
    }

    private static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        Await.until(c, WAIT, what);
    }
}

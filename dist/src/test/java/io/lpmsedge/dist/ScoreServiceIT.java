package io.lpmsedge.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.testsupport.KafkaRead;
import io.lpmsedge.testsupport.ProcessAwait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lpms-edge score-service} as a process against the embedded broker: it scores readings into verdict
 * events, SIGTERM makes it commit, leave the group and exit promptly, and SIGHUP reloads its models.
 */
class ScoreServiceIT {
    @TempDir
    Path tmp;

    @Test
    void scoresReadingsIntoVerdictsAndLeavesTheGroupOnSigterm() throws Exception {
        DevStack stack = DevStack.shared();
        String bootstrap = stack.kafka().bootstrapServers();
        String in = stack.newTopic("readings", 2);
        String out = stack.newTopic("verdicts", 1);
        Path models = BridgeProcessIT.ROOT.resolve("edge-scorer/src/test/resources/models");
        produce(bootstrap, in, models, 0, 2000);
        BridgeProcessIT launcher = new BridgeProcessIT();
        launcher.tmp = tmp;
        Path log = tmp.resolve("service.log");
        String group = "it-" + in;
        Process service = launcher.start(
                log,
                "score-service",
                "--bootstrap",
                bootstrap,
                "--in",
                in,
                "--out",
                out,
                "--model",
                models.resolve("ae.zip").toString(),
                "--group-id",
                group,
                "--property",
                "client.id=it");
        List<String> events;
        try (KafkaRead reader = watched(KafkaRead.fromBeginning(bootstrap, out), service, log)) {
            events = values(reader.untilCount(2, Duration.ofSeconds(60)));
        }
        assertTrue(
                events.get(0).contains("\"lastSeq\":1199") && events.get(0).contains("\"verdict\":\"FAILURE\""),
                events.toString());
        assertTrue(
                events.get(1).contains("\"lastSeq\":1799") && events.get(1).contains("\"verdict\":\"OK\""),
                events.toString());

        service.destroy(); // SIGTERM
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM: " + Files.readString(log));
        String text = Files.readString(log);
        assertTrue(text.contains("lpms-edge score-service: stopped {records=2000, readings=2000, duplicates=0"), text);
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(ap)) {
            ConsumerGroupDescription g =
                    admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            assertEquals(0, g.members().size(), "left the group on SIGTERM");
            long committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                            .mapToLong(o -> o.offset())
                            .sum();
            assertEquals(2000, committed, "every reading committed");
        }
    }

    /** Readings of sensor "arm" for seq in [from, to): normal data, with a strong wobble over 1000..1599. */
    private static void produce(String bootstrap, String topic, Path models, int from, int to) throws Exception {
        List<String> normal = Files.readAllLines(models.resolve("normal.csv"));
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
            for (int seq = from; seq < to; seq++) {
                String[] c = normal.get(1 + seq % 3000).split(",");
                double wobble = seq >= 1000 && seq < 1600 ? Math.sin(2 * Math.PI * 23 * seq / 100.0) : 0;
                producer.send(new ProducerRecord<>(
                        topic,
                        "arm",
                        String.format(
                                Locale.ROOT,
                                "{\"schema\":1,\"sensor\":\"arm\",\"bridge\":\"it\",\"bootId\":\"b\",\"seq\":%d,\"linkEpoch\":1,"
                                        + "\"sensorId\":1,\"ticks\":%d,\"t\":%s,\"acc\":[%s,%s,%s],\"gyro\":[%s,%s,%s]}",
                                seq,
                                4 * seq,
                                seq * 0.01,
                                c[1],
                                c[2],
                                c[3],
                                Double.parseDouble(c[4]) + 0.4 * wobble,
                                Double.parseDouble(c[5]) - 0.3 * wobble,
                                c[6])));
            }
        }
    }

    /**
     * {@code --models} with a real SIGHUP: the launcher's JVM reloads the model set (the file watch is off, so only
     * the signal can have done it) and windows after the swap carry the new manifest's threshold.
     */
    @Test
    void sighupReloadsAModelSetInTheRunningProcess() throws Exception {
        DevStack stack = DevStack.shared();
        String bootstrap = stack.kafka().bootstrapServers();
        String in = stack.newTopic("readings", 1);
        String out = stack.newTopic("verdicts", 1);
        Path models = BridgeProcessIT.ROOT.resolve("edge-scorer/src/test/resources/models");
        Files.copy(models.resolve("ae.zip"), tmp.resolve("arm.zip"));
        String manifest = Files.readString(models.resolve("ae.manifest.json"));
        Files.writeString(tmp.resolve("arm.manifest.json"), manifest);
        Files.writeString(
                tmp.resolve("models.toml"),
                "[[model]]\nname = \"arm\"\npath = \"arm.zip\"\n" + "sensors = [\"arm*\"]\n");
        produce(bootstrap, in, models, 0, 600);
        BridgeProcessIT launcher = new BridgeProcessIT();
        launcher.tmp = tmp;
        Path log = tmp.resolve("service.log");
        Process service = launcher.start(
                log,
                "score-service",
                "--bootstrap",
                bootstrap,
                "--in",
                in,
                "--out",
                out,
                "--models",
                tmp.resolve("models.toml").toString(),
                "--watch",
                "0",
                "--emit",
                "windows",
                "--group-id",
                "it-" + in);
        List<String> events;
        try (KafkaRead reader = watched(KafkaRead.fromBeginning(bootstrap, out), service, log)) {
            reader.untilCount(6, Duration.ofSeconds(60));
            Files.writeString(
                    tmp.resolve("arm.manifest.json"),
                    manifest.replaceFirst("\"threshold\" : [0-9.E-]+", "\"threshold\" : 1.0E-9"));
            new ProcessBuilder("kill", "-HUP", Long.toString(service.pid()))
                    .start()
                    .waitFor();
            // SIGHUP must reload, not end the process.
            ProcessAwait.until(
                    service,
                    log,
                    () -> Files.readString(log).contains("models reloaded from models.toml (SIGHUP)"),
                    Duration.ofSeconds(60),
                    "the reload on SIGHUP");
            produce(bootstrap, in, models, 600, 1000);
            events = values(reader.untilCount(10, Duration.ofSeconds(60)));
        }
        assertTrue(
                events.get(5).contains("\"lastSeq\":599") && events.get(5).contains("\"threshold\":0.0101"),
                events.toString());
        assertTrue(
                events.get(9).contains("\"lastSeq\":999")
                        && events.get(9).contains("\"threshold\":1.0E-9")
                        && events.get(9).contains("\"model\":\"arm\""),
                events.toString());
        service.destroy();
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM: " + Files.readString(log));
        String text = Files.readString(log);
        assertTrue(text.contains("swaps=1, reloads=1, reloadsRefused=0}"), text);
    }

    /** A read of the service's output that fails at once when the service has died, showing its log. */
    private static KafkaRead watched(KafkaRead read, Process service, Path log) {
        return read.watching(service::isAlive, () -> ProcessAwait.log(log));
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> KafkaRead.utf8(r.value())).toList();
    }
}

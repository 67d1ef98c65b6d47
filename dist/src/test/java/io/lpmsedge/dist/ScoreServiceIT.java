package io.lpmsedge.dist;

import io.lpmsedge.devstack.DevStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./lpms-edge score-service} as a process against the embedded broker: it scores readings into verdict
 * events, and SIGTERM makes it commit, leave the group and exit promptly.
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
        List<String> normal = Files.readAllLines(models.resolve("normal.csv"));
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(),
                new StringSerializer())) {
            for (int seq = 0; seq < 2000; seq++) {
                String[] c = normal.get(1 + seq).split(",");
                double wobble = seq >= 1000 && seq < 1600 ? Math.sin(2 * Math.PI * 23 * seq / 100.0) : 0;
                producer.send(new ProducerRecord<>(in, "arm", String.format(Locale.ROOT,
                        "{\"schema\":1,\"sensor\":\"arm\",\"bridge\":\"it\",\"bootId\":\"b\",\"seq\":%d,\"linkEpoch\":1,"
                                + "\"sensorId\":1,\"ticks\":%d,\"t\":%s,\"acc\":[%s,%s,%s],\"gyro\":[%s,%s,%s]}", seq,
                        4 * seq, seq * 0.01, c[1], c[2], c[3], Double.parseDouble(c[4]) + 0.4 * wobble,
                        Double.parseDouble(c[5]) - 0.3 * wobble, c[6])));
            }
        }
        BridgeProcessIT launcher = new BridgeProcessIT();
        launcher.tmp = tmp;
        Path log = tmp.resolve("service.log");
        String group = "it-" + in;
        Process service = launcher.start(log, "score-service", "--bootstrap", bootstrap, "--in", in, "--out", out,
                "--model", models.resolve("ae.zip").toString(), "--group-id", group, "--property", "client.id=it");
        List<String> events = new ArrayList<>();
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + in);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(cp, new StringDeserializer(),
                new StringDeserializer())) {
            reader.subscribe(List.of(out));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (events.size() < 2) {
                assertTrue(service.isAlive(), Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "no verdicts: " + Files.readString(log));
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    events.add(r.value());
                }
            }
        }
        assertTrue(events.get(0).contains("\"lastSeq\":1199") && events.get(0).contains("\"verdict\":\"FAILURE\""),
                events.toString());
        assertTrue(events.get(1).contains("\"lastSeq\":1799") && events.get(1).contains("\"verdict\":\"OK\""),
                events.toString());

        service.destroy(); // SIGTERM
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM: " + Files.readString(log));
        String text = Files.readString(log);
        assertTrue(text.contains("lpms-edge score-service: stopped {records=2000, readings=2000, duplicates=0"),
                text);
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(ap)) {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            assertEquals(0, g.members().size(), "left the group on SIGTERM");
            long committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()
                    .stream().mapToLong(o -> o.offset()).sum();
            assertEquals(2000, committed, "every reading committed");
        }
    }
}

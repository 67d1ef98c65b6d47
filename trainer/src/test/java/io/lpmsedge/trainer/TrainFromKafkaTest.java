package io.lpmsedge.trainer;

import static io.lpmsedge.trainer.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.record.CborRecordFormat;
import io.lpmsedge.record.JsonRecordFormat;
import io.lpmsedge.record.RecordFormat;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.model.RowScorer;
import io.lpmsedge.scorer.model.RowScorers;
import io.lpmsedge.scorer.model.ScoreKind;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --from-kafka} end to end on the embedded KRaft broker. The topic holds what a real one does: sensor
 * arm-1's normal running as the bridge delivers it at least once (a run of records sent twice in JSON, another in
 * CBOR), a reconnect (new linkEpoch; the bridge switched to CBOR) and 20 readings lost (a seq gap), two other
 * sensors in the same and another partition, and arm-1 records before and after the asked range (an older boot,
 * and later running). Training from the topic must equal training from the deduplicated readings as a file.
 */
class TrainFromKafkaTest {
    static final DevStack STACK = DevStack.shared();
    /** Record timestamps: the range starts here (a whole second, an hour ago). */
    static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    static final double[][] ROWS = NormalMotion.rows(1600, 3);
    static String topic;
    /** arm-1's readings in the range, deduplicated, in order: what training must see. */
    static final List<Reading> EXPECTED = new ArrayList<>();
    /** Timestamp of the last arm-1 record in the range (--to). */
    static Instant last;

    static long inRangeRecords;

    @TempDir
    Path dir;

    static Reading reading(String sensor, String boot, long epoch, long seq, long ticks, double[] r) {
        return new Sample()
                .set(Output.ACC, r[0], r[1], r[2])
                .set(Output.GYRO, r[3], r[4], r[5])
                .header(1, ticks, ticks / 400.0, 1_700_000_000_000_000_000L + ticks * 2_500_000L)
                .toReading()
                .withLineage(new Lineage("line-3", sensor, boot, seq, epoch));
    }

    /** Sends records at 10 ms steps of record time, counting those inside the range. */
    static final class Topic implements AutoCloseable {
        final KafkaProducer<String, byte[]> producer;
        final String name;
        Instant clock;
        boolean inRange;

        Topic(String name, Instant start) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafka().bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            this.name = name;
            this.clock = start;
        }

        void send(int partition, Reading r, RecordFormat format) {
            send(partition, r.lineage().sensorName(), format.encode(r));
        }

        void send(int partition, String key, byte[] value) {
            producer.send(new ProducerRecord<>(name, partition, clock.toEpochMilli(), key, value));
            clock = clock.plusMillis(10);
            if (inRange) {
                inRangeRecords++;
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    @BeforeAll
    static void fillTheTopic() {
        topic = STACK.newTopic("readings", 3);
        JsonRecordFormat json = new JsonRecordFormat();
        CborRecordFormat cbor = new CborRecordFormat();
        double[][] other = NormalMotion.rows(300, 9);
        try (Topic t = new Topic(topic, T0.minusSeconds(600))) {
            // An older boot of arm-1, before the range.
            for (int i = 0; i < 200; i++) {
                t.send(1, reading("arm-1", "boot-0", 1, i, 4L * i, other[i % 300]), json);
            }
            t.clock = T0;
            t.inRange = true;
            // Link epoch 1, JSON: seq 0..899, then the answer to the last request was lost: 700..899 again.
            List<Reading> epoch1 = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                epoch1.add(reading("arm-1", "boot-1", 1, i, 4L * i, ROWS[i]));
            }
            epoch1.forEach(r -> t.send(1, r, json));
            epoch1.subList(700, 900).forEach(r -> t.send(1, r, json));
            EXPECTED.addAll(epoch1);
            // Other sensors, in arm-1's partition and in another one.
            for (int i = 0; i < 300; i++) {
                t.send(1, reading("arm-2", "boot-2", 1, i, 4L * i, other[i]), json);
                t.send(0, reading("arm-3", "boot-3", 1, i, 4L * i, other[i]), cbor);
            }
            // Reconnect (link epoch 2, the bridge now writes CBOR), 0.5 s of sensor time later: seq 900..1199,
            // 1100..1199 repeated, then 20 readings lost (seq 1200..1219) and seq 1220..1619.
            List<Reading> epoch2 = new ArrayList<>();
            for (int i = 900; i < 1600; i++) {
                long seq = i < 1200 ? i : i + 20;
                epoch2.add(reading("arm-1", "boot-1", 2, seq, 4L * (seq + 50), ROWS[i]));
            }
            epoch2.subList(0, 300).forEach(r -> t.send(1, r, cbor));
            epoch2.subList(200, 300).forEach(r -> t.send(1, r, cbor));
            epoch2.subList(300, 700).forEach(r -> t.send(1, r, cbor));
            EXPECTED.addAll(epoch2);
            last = t.clock.minusMillis(10);
            t.inRange = false;
            // Later running, after the range.
            t.clock = t.clock.plusSeconds(60);
            for (int i = 1620; i < 1820; i++) {
                t.send(1, reading("arm-1", "boot-1", 2, i, 4L * (i + 50), other[i % 300]), cbor);
            }
            t.producer.flush();
        }
    }

    static String[] trainArgs(Path out, String... source) {
        List<String> a = new ArrayList<>(List.of(
                "train",
                "--out",
                out.toString(),
                "--name",
                "arm1",
                "--hidden",
                "6,3,6",
                "--epochs",
                "3",
                "--window",
                "50"));
        a.addAll(List.of(source));
        return a.toArray(String[]::new);
    }

    static String[] fromKafka(Path out) {
        return trainArgs(
                out,
                "--from-kafka",
                STACK.kafka().bootstrapServers(),
                "--topic",
                topic,
                "--sensor",
                "arm-1",
                "--from",
                T0.toString(),
                "--to",
                last.toString());
    }

    @Test
    void trainsOnTheDedupedRangeWithItsGapsAsTrainingOnTheSameReadingsAsAFileDoes() throws Exception {
        Path out = dir.resolve("kafka");
        TrainCommandTest.Run r = run(fromKafka(out));
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.err()
                        .contains("'arm-1': 1600 readings from " + inRangeRecords + " records in the range, 300 "
                                + "duplicates dropped (same sensor, bootId and seq), 2 gaps {reconnect=1, seq_gap=1}"),
                r.err());
        assertTrue(r.err().contains("  partition 1: offsets 200.."), "the older boot is before the range: " + r.err());
        assertTrue(r.err().contains("  partition 2: no records in the range"), r.err());
        assertTrue(
                r.err().contains("sensors seen: arm-1 (1900 records), arm-2 (300 records), arm-3 (300 records)"),
                r.err());
        assertTrue(r.out().startsWith("trained arm1 on 1200 rows x 6 columns"), r.out());

        // The readings file is the deduplicated range in order, as the bridge's jsonl sink would have written it.
        Path readings = out.resolve("arm1.readings-p1.jsonl");
        List<String> lines = Files.readAllLines(readings);
        assertEquals(EXPECTED.size(), lines.size());
        JsonRecordFormat json = new JsonRecordFormat();
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(new String(json.encode(EXPECTED.get(i)), StandardCharsets.UTF_8), lines.get(i), "line " + i);
        }
        assertFalse(Files.exists(out.resolve("arm1.readings-p0.jsonl")), "arm-3's partition has no arm-1");

        ManifestFile m = new ManifestIO().read(out.resolve("arm1.manifest.json"));
        // Windows of 50 within each unbroken stretch: 900 (epoch 1), 300 (epoch 2 to the lost readings), 400.
        assertEquals(18L + 6 + 8, m.calibration().windows());
        assertEquals(1200L, m.calibration().rows(), "the first 75 % of the 1600 readings");
        assertEquals(100.0, m.sampleRateHz());

        // The same readings as a file (what the bridge's jsonl sink holds after deduplication): the same model.
        Path fileDir = Files.createDirectories(dir.resolve("file"));
        Path file = fileDir.resolve("arm1.readings-p1.jsonl");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Reading e : EXPECTED) {
            b.writeBytes(json.encode(e));
            b.write('\n');
        }
        Files.write(file, b.toByteArray());
        TrainCommandTest.Run f = run(trainArgs(fileDir.resolve("model"), "--input", file.toString()));
        assertEquals(0, f.exit(), f.err());
        assertEquals(
                Files.readString(fileDir.resolve("model").resolve("arm1.manifest.json")),
                Files.readString(out.resolve("arm1.manifest.json")),
                "threshold, rule and calibration");
        // The POJOs differ only in H2O's random model UUID: compare what the models compute.
        ModelLoader loader = new ModelLoader(Files.createDirectories(dir.resolve("classes")));
        RowScorer fromKafka =
                RowScorers.create(loader.load(out.resolve("arm1.zip")), ScoreKind.RECONSTRUCTION_MSE, null);
        RowScorer fromFile = RowScorers.create(
                loader.load(fileDir.resolve("model").resolve("arm1.zip")), ScoreKind.RECONSTRUCTION_MSE, null);
        for (double[] row : ROWS) {
            assertEquals(fromFile.score(row), fromKafka.score(row), 0.0, "the model's weights");
        }
    }

    @Test
    void aRangeWithoutRecordsNamesTheTopicsExtent() {
        TrainCommandTest.Run r = run(trainArgs(
                dir,
                "--from-kafka",
                STACK.kafka().bootstrapServers(),
                "--topic",
                topic,
                "--sensor",
                "arm-1",
                "--from",
                "2001-01-01T00:00:00Z",
                "--to",
                "2001-01-02T00:00"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no records on topic '" + topic + "' between 2001-01-01T00:00:00Z and "), r.err());
        assertTrue(
                r.err().contains("the topic holds 2900 records, stamped from " + T0.minusSeconds(600) + " to "),
                r.err());
        assertTrue(r.err().contains("choose --from/--to inside that"), r.err());
    }

    @Test
    void aSensorThatNeverAppearsListsTheSensorsSeen() throws Exception {
        TrainCommandTest.Run r = run(trainArgs(
                dir,
                "--from-kafka",
                STACK.kafka().bootstrapServers(),
                "--topic",
                topic,
                "--sensor",
                "arm-9",
                "--from",
                "-2h"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("sensor 'arm-9' has no records on topic '" + topic + "'"), r.err());
        assertTrue(
                r.err()
                        .contains("sensors seen there: arm-1 (2300 records), arm-2 (300 records), arm-3 (300 "
                                + "records); give one of them with --sensor"),
                r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no readings file is left behind");
        }
    }

    @Test
    void aRecordThatIsNotAReadingIsRefusedWithItsOffsetAndWhatItLooksLike() throws Exception {
        String bad = STACK.newTopic("readings-bad", 1);
        try (Topic t = new Topic(bad, T0)) {
            t.send(0, reading("arm-1", "boot-1", 1, 0, 0, ROWS[0]), new JsonRecordFormat());
            t.send(0, "arm-1", new byte[] {(byte) 0xA5, 0x66, 0x73, 0x63});
            t.producer.flush();
        }
        TrainCommandTest.Run r = run(trainArgs(
                dir,
                "--from-kafka",
                STACK.kafka().bootstrapServers(),
                "--topic",
                bad,
                "--sensor",
                "arm-1",
                "--from",
                T0.toString(),
                "--to",
                T0.plusSeconds(1).toString()));
        assertEquals(2, r.exit(), r.err());
        assertTrue(
                r.err()
                        .contains("record " + bad + "-0@1 of sensor 'arm-1' is not a reading: neither JSON nor the "
                                + "bridge's CBOR (first byte 0xA5, looks like CBOR without the self-describe tag"),
                r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "the partial readings file is removed");
        }
    }

    @Test
    void aTopicThatDoesNotExistIsNamedWithTheTopicsThere() {
        TrainCommandTest.Run r = run(trainArgs(
                dir,
                "--from-kafka",
                STACK.kafka().bootstrapServers(),
                "--topic",
                "no-such-topic",
                "--sensor",
                "arm-1",
                "--from",
                "-1h"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(
                r.err()
                        .contains("topic 'no-such-topic' does not exist on "
                                + STACK.kafka().bootstrapServers() + " (topics there: "),
                r.err());
        assertTrue(r.err().contains(topic), r.err());
    }

    @Test
    void anUnreachableBrokerIsReportedInTheClientsWordsAfterABoundedWait() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TrainCommandTest.Run r = run(trainArgs(
                dir,
                "--from-kafka",
                "127.0.0.1:" + port,
                "--sensor",
                "arm-1",
                "--from",
                "-1h",
                "--kafka-timeout",
                "2s"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(
                r.err()
                        .contains("cannot reach the Kafka cluster at 127.0.0.1:" + port + " within 2 s: Timeout "
                                + "expired while fetching topic metadata"),
                r.err());
    }

    @Test
    void fromAfterToAndMixedSourcesAreBadOptions() {
        TrainCommandTest.Run r = run(trainArgs(
                dir,
                "--from-kafka",
                STACK.kafka().bootstrapServers(),
                "--sensor",
                "arm-1",
                "--from",
                "-1h",
                "--to",
                "-2h"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("is not before --to"), r.err());
        r = run(trainArgs(dir, "--input", "x.csv", "--sensor", "arm-1"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(
                r.err().contains("--topic, --sensor, --from, --to and --kafka-timeout go with --from-kafka"), r.err());
        r = run(trainArgs(dir));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("give the normal data as --input FILE or as --from-kafka BOOTSTRAP"), r.err());
    }
}

package io.lpmsedge.bridge.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    static SpoolConfig config(Path dir, long maxBytes, long segmentBytes, SpoolFullPolicy policy) {
        // fsync on every append (interval 0) unless a test says otherwise: reads see appends at once.
        return new SpoolConfig(dir, maxBytes, segmentBytes, Duration.ZERO, Duration.ZERO, policy);
    }

    static List<SpoolEntry> entries(String key, int from, int count) {
        List<SpoolEntry> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(new SpoolEntry(
                    "readings",
                    key,
                    (String.format("{\"seq\":%05d", i) + ",\"pad\":\"" + "x".repeat(40) + "\"}")
                            .getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static int seq(SpooledRecord r) {
        String s = new String(r.entry().value(), StandardCharsets.UTF_8);
        return Integer.parseInt(s.substring(7, s.indexOf(',')));
    }

    static List<SpooledRecord> readAll(Spool spool, long from) throws IOException {
        List<SpooledRecord> out = new ArrayList<>();
        long offset = from;
        while (true) {
            List<SpooledRecord> batch = spool.read(offset, 37, 1 << 20);
            if (batch.isEmpty()) {
                return out;
            }
            out.addAll(batch);
            offset = batch.get(batch.size() - 1).offset() + 1;
        }
    }

    @Test
    void appendReadAcknowledgeAcrossSegments() throws IOException {
        try (Spool spool = Spool.open(
                config(dir, 1 << 20, 4096, SpoolFullPolicy.DROP_OLDEST), List.of("rest"), Clock.systemUTC())) {
            for (int i = 0; i < 50; i++) {
                assertEquals(10, spool.append(entries("arm-1", i * 10, 10)));
            }
            assertTrue(spool.segmentCount() > 5, "rolled into several 4 KiB segments: " + spool.segmentCount());
            List<SpooledRecord> all = readAll(spool, 0);
            assertEquals(500, all.size());
            for (int i = 0; i < 500; i++) {
                assertEquals(i, all.get(i).offset());
                assertEquals(i, seq(all.get(i)));
                assertEquals("arm-1", all.get(i).entry().key());
                assertEquals("readings", all.get(i).entry().topic());
            }
            int segmentsBefore = spool.segmentCount();
            spool.acknowledge("rest", 250);
            assertTrue(spool.segmentCount() < segmentsBefore, "fully acknowledged segments are deleted");
            assertEquals(250, spool.pending("rest"));
            assertTrue(spool.firstOffset() <= 250);
            assertEquals(250, seq(spool.read(250, 1, 1 << 20).get(0)));
            spool.acknowledge("rest", 500);
            assertEquals(1, spool.segmentCount(), "everything acknowledged: only the active segment remains");
            assertEquals(0, spool.pending("rest"));
        }
    }

    @Test
    void recordsAreHandedOutOnlyOnceFsynced() throws IOException {
        ManualClocks clock = new ManualClocks();
        SpoolConfig c = new SpoolConfig(
                dir, 1 << 20, 1 << 16, Duration.ofMillis(200), Duration.ZERO, SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(c, List.of("rest"), clock.context(FileStore.DISK), RecoveryProgress.NONE)) {
            spool.append(entries("a", 0, 10));
            assertEquals(0, spool.read(0, 100, 1 << 20).size(), "not fsynced yet");
            assertEquals(0, spool.durableOffset());
            assertTrue(spool.millisUntilSyncDue() <= 200);
            clock.advance(200);
            spool.append(entries("a", 10, 1)); // the next append after the interval syncs
            assertEquals(11, spool.read(0, 100, 1 << 20).size());
            assertEquals(1, spool.syncs());
        }
    }

    @Test
    void eachSinkHasItsOwnPositionAndSegmentsWaitForTheSlowest() throws IOException {
        try (Spool spool = Spool.open(
                config(dir, 1 << 20, 4096, SpoolFullPolicy.DROP_OLDEST), List.of("rest", "kafka"), Clock.systemUTC())) {
            for (int i = 0; i < 30; i++) {
                spool.append(entries("a", i * 10, 10));
            }
            int segments = spool.segmentCount();
            spool.acknowledge("rest", 300);
            assertEquals(segments, spool.segmentCount(), "kafka has not acknowledged anything");
            spool.acknowledge("kafka", 300);
            assertEquals(1, spool.segmentCount());
        }
    }

    @Test
    void restartReplaysTheUnacknowledgedRecordsInOrder() throws IOException {
        SpoolConfig c = config(dir, 1 << 20, 4096, SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
            for (int i = 0; i < 40; i++) {
                spool.append(entries("a", i * 10, 10));
            }
            spool.acknowledge("rest", 123);
        }
        try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
            assertEquals(123, spool.ackedOffset("rest"));
            assertEquals(400, spool.endOffset());
            List<SpooledRecord> rest = readAll(spool, spool.ackedOffset("rest"));
            assertEquals(277, rest.size());
            assertEquals(123, seq(rest.get(0)));
            assertEquals(399, seq(rest.get(276)));
            spool.append(entries("a", 400, 1));
            assertEquals(400, spool.read(400, 1, 1 << 20).get(0).offset(), "offsets continue after a restart");
        }
    }

    @Test
    void aTornTailIsTruncatedAndStartUpSucceeds() throws IOException {
        SpoolConfig c = config(dir, 1 << 20, 1 << 16, SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
            spool.append(entries("a", 0, 50));
        }
        Path segment = onlySegment();
        long goodSize = Files.size(segment);
        // A power cut in the middle of the next record: a header promising 200 bytes, and 30 of them.
        byte[] torn = new byte[38];
        torn[3] = (byte) 200;
        Files.write(segment, torn, StandardOpenOption.APPEND);
        try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
            assertEquals(38, spool.recoveredTornBytes());
            assertEquals(50, spool.endOffset());
            assertEquals(50, readAll(spool, 0).size());
            assertEquals(goodSize, Files.size(segment));
            spool.append(entries("a", 50, 1));
            assertEquals(50, seq(spool.read(50, 1, 1 << 20).get(0)));
        }
    }

    @Test
    void aDamagedRecordInTheMiddleCostsOnlyTheRestOfItsSegment() throws IOException {
        SpoolConfig c = config(dir, 1 << 20, 1 << 16, SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
            spool.append(entries("a", 0, 100));
        }
        Path segment = onlySegment();
        byte[] b = Files.readAllBytes(segment);
        int recordSize = b.length / 100;
        b[recordSize * 60 + 20] ^= 0x01; // bit rot inside record 60's body
        Files.write(segment, b);
        try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
            List<SpooledRecord> all = readAll(spool, 0);
            assertEquals(60, all.size(), "records before the damage survive");
            assertEquals(59, seq(all.get(59)));
            assertEquals((long) recordSize * 40, spool.recoveredTornBytes());
        }
    }

    @Test
    void bitsThatRotWhileRunningAreNeverHandedOut() throws IOException {
        SpoolConfig c = config(dir, 1 << 20, 1 << 16, SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
            spool.append(entries("a", 0, 100));
            Path segment = onlySegment();
            int recordSize = (int) (Files.size(segment) / 100);
            try (java.nio.channels.FileChannel ch =
                    java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}), (long) recordSize * 60 + 30); // a value byte
            }
            assertEquals(60, spool.read(0, 60, 1 << 20).size(), "the records before it read fine");
            IOException e =
                    org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> spool.read(60, 10, 1 << 20));
            assertTrue(
                    e.getMessage().contains("spool record 60") && e.getMessage().contains("damaged"), e.getMessage());
        }
        try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
            assertEquals(60, readAll(spool, 0).size(), "the next start cuts the segment at the damage");
        }
    }

    @Test
    void dropOldestKeepsTheBoundAndCountsPerSensor() throws IOException {
        try (Spool spool = Spool.open(
                config(dir, 16 * 1024, 4096, SpoolFullPolicy.DROP_OLDEST), List.of("rest"), Clock.systemUTC())) {
            for (int i = 0; i < 100; i++) {
                spool.append(entries(i % 2 == 0 ? "arm-1" : "arm-2", i * 10, 10));
            }
            assertTrue(spool.sizeBytes() <= 16 * 1024, "bounded: " + spool.sizeBytes());
            long kept = spool.endOffset() - spool.firstOffset();
            assertEquals(1000 - kept, spool.dropped(), "every record not kept is counted as dropped");
            Map<String, Long> byKey = spool.droppedByKey();
            assertEquals(spool.dropped(), byKey.get("arm-1") + byKey.get("arm-2"));
            assertTrue(byKey.get("arm-1") > 0 && byKey.get("arm-2") > 0);
            List<SpooledRecord> left = readAll(spool, 0);
            assertEquals(kept, left.size());
            assertEquals(999, seq(left.get(left.size() - 1)), "the newest records are kept");
            assertEquals(spool.firstOffset(), spool.ackedOffset("rest"), "the sink's position moved past the loss");
        }
    }

    @Test
    void dropNewestRefusesAndCounts() throws IOException {
        try (Spool spool = Spool.open(
                config(dir, 8 * 1024, 4096, SpoolFullPolicy.DROP_NEWEST), List.of("rest"), Clock.systemUTC())) {
            int accepted = 0;
            for (int i = 0; i < 50; i++) {
                accepted += spool.append(entries("arm-1", i * 10, 10));
            }
            assertTrue(accepted < 500 && accepted > 0);
            assertEquals(500 - accepted, spool.dropped());
            assertEquals(Map.of("arm-1", 500L - accepted), spool.droppedByKey());
            assertEquals(0, seq(readAll(spool, 0).get(0)), "the oldest records are kept");
        }
    }

    @Test
    void aFullDiskIsLoggedCountedAndNeverThrown() throws IOException {
        // /dev/full answers every write with ENOSPC: the active segment behaves like a file on a full disk.
        Files.createSymbolicLink(dir.resolve(Segment.fileName(0)), Path.of("/dev/full"));
        try (Spool spool = Spool.open(
                config(dir, 1 << 20, 4096, SpoolFullPolicy.DROP_NEWEST), List.of("rest"), Clock.systemUTC())) {
            assertEquals(0, spool.append(entries("arm-1", 0, 5)));
            assertEquals(5, spool.dropped());
            assertEquals(1, spool.writeErrors());
            assertEquals(0, spool.append(entries("arm-1", 5, 5)));
            assertEquals(Map.of("arm-1", 10L), spool.droppedByKey());
            assertEquals(0, spool.endOffset(), "nothing half-written");
        }
    }

    @Test
    void interleavedReadersAndAppendsSeeEveryRecordOnceInOrder() throws IOException {
        // Two sinks (fan-out) read the same segments at different places while appends go on: the chunked reader
        // must never serve bytes of one place for another, nor stale bytes from before an append.
        try (Spool spool = Spool.open(
                config(dir, 1L << 30, 8L << 20, SpoolFullPolicy.DROP_OLDEST), List.of("a", "b"), Clock.systemUTC())) {
            long nextA = 0;
            long nextB = 0;
            int appended = 0;
            List<Integer> seenA = new ArrayList<>();
            List<Integer> seenB = new ArrayList<>();
            Random rnd = new Random(3);
            while (appended < 20_000 || nextA < appended || nextB < appended) {
                if (appended < 20_000) {
                    int n = 1 + rnd.nextInt(300);
                    spool.append(entries("arm-" + rnd.nextInt(5), appended, n));
                    appended += n;
                }
                for (SpooledRecord r : spool.read(nextA, 1 + rnd.nextInt(700), 1 << 20)) {
                    assertEquals(nextA++, r.offset());
                    seenA.add(seq(r));
                }
                for (SpooledRecord r : spool.read(nextB, 1 + rnd.nextInt(200), 1 << 20)) {
                    assertEquals(nextB++, r.offset());
                    seenB.add(seq(r));
                }
                if (rnd.nextInt(10) == 0) { // a re-read from behind, as after a retry
                    long from = Math.max(0, nextA - rnd.nextInt(1000));
                    List<SpooledRecord> again = spool.read(from, 50, 1 << 20);
                    for (int i = 0; i < again.size(); i++) {
                        assertEquals(from + i, again.get(i).offset());
                        assertEquals((int) (from + i), seq(again.get(i)));
                    }
                }
            }
            for (int i = 0; i < appended; i++) {
                assertEquals(i, seenA.get(i));
                assertEquals(i, seenB.get(i));
            }
            long walkedBefore = spool.headersWalked();
            // Two readers alternating through the same segments: each read finds its start from the segment's
            // sparse index, walking at most the records of one index interval, wherever the other reader is.
            long a = 0;
            long b = 0;
            int reads = 0;
            while (a < appended) {
                a += spool.read(a, 500, 1 << 20).size();
                b += spool.read(b, 300, 1 << 20).size();
                reads += 2;
            }
            while (b < appended) {
                b += spool.read(b, 300, 1 << 20).size();
                reads++;
            }
            long perInterval = PositionIndex.INTERVAL_BYTES
                            / RecordCodec.frameSize(entries("arm-0", 0, 1).get(0))
                    + 1;
            long walked = spool.headersWalked() - walkedBefore;
            assertTrue(
                    walked <= reads * perInterval,
                    walked + " headers walked in " + reads + " reads, at most " + perInterval + " each");
        }
    }

    @Test
    void recordsLargerThanTheReadChunkAreReadWholeAndSurviveRecovery() throws IOException {
        byte[] big = new byte[700 * 1024]; // larger than the spool's 256 KiB read chunk, below the 1 MiB limit
        new Random(5).nextBytes(big);
        SpoolConfig c = config(dir, 1L << 30, 8L << 20, SpoolFullPolicy.DROP_OLDEST);
        try (Spool spool = Spool.open(c, List.of("s"), Clock.systemUTC())) {
            spool.append(entries("arm-1", 0, 3));
            spool.append(List.of(new SpoolEntry("readings", "arm-1", big)));
            spool.append(entries("arm-1", 4, 3));
        }
        try (Spool spool = Spool.open(c, List.of("s"), Clock.systemUTC())) {
            List<SpooledRecord> all = readAll(spool, 0);
            assertEquals(7, all.size());
            assertArrayEquals(big, all.get(3).entry().value());
            assertEquals(6, seq(all.get(6)));
        }
    }

    @Test
    void recordsRoundTripByteForByte() throws IOException {
        byte[] value = new byte[300];
        new Random(1).nextBytes(value);
        try (Spool spool = Spool.open(
                config(dir, 1 << 20, 4096, SpoolFullPolicy.DROP_OLDEST), List.of("rest"), Clock.systemUTC())) {
            spool.append(List.of(new SpoolEntry("verdicts", "Spindle-Ö", value)));
            SpoolEntry back = spool.read(0, 1, 1 << 20).get(0).entry();
            assertEquals("verdicts", back.topic());
            assertEquals("Spindle-Ö", back.key());
            assertArrayEquals(value, back.value());
        }
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> segs = s.filter(p -> p.toString().endsWith(".seg")).toList();
            assertEquals(1, segs.size());
            return segs.get(0);
        }
    }
}

package io.lpmsedge.bridge.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.bridge.delivery.DeadLetterFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The spool's crash safety under power cuts, on a {@link SimulatedDisk} that keeps only what was fsynced (file
 * data and directory entries): a realistic workload (appends every 50 ms, fsync every 200 ms, segment rolls,
 * acknowledgements written every second, a sink outage of 1.1 s and its catch-up, segments deleted once
 * acknowledged, every 13th reading refused by the sink and parked in the dead-letter file) is run once per cut
 * point, with the power cut at that operation, and recovered. After every cut:
 * <ul>
 *   <li>every reading the spool had reported fsynced is still spooled, or was delivered, or is parked;</li>
 *   <li>every reading read back is whole (no torn record is ever handed out);</li>
 *   <li>readings delivered or parked before the cut and read again after it (duplicates) stay within
 *       {@link #duplicateBound()};</li>
 *   <li>new records never reuse an offset handed out before the cut;</li>
 *   <li>recovery finds no record missing: segments deleted once acknowledged, or dropped by the full policy,
 *       are noted before their files go, so they never pass for lost ones.</li>
 * </ul>
 * Run twice: with the strict model (nothing unsynced survives) and with torn writes (a random part of each file's
 * unsynced tail survives, possibly garbled).
 */
class SpoolPowerCutTest {
    static final Path DIR = Path.of("/sim/spool");
    static final String SINK = "rest";
    static final int STEPS = 48;
    static final int PER_STEP = 7;
    static final long STEP_MILLIS = 50;
    static final int READ_BATCH = 20;
    static final int PARK_EVERY = 13;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One workload's shape.
     *
     * @param segmentBytes small: segments roll and are deleted during the run
     * @param maxBytes     the spool's bound; small: the full policy drops the oldest segments during the outage
     * @param outageFrom   the sink is unreachable from this step (the spool holds an outage's worth) ...
     * @param outageTo     ... to this one, then catches up
     */
    record Workload(long segmentBytes, long maxBytes, int outageFrom, int outageTo) {
        /** Rolls, deletes, an outage of 1.1 s and its catch-up. */
        static final Workload ROLLING = new Workload(8192, 1 << 22, 8, 30);
        /** One large segment, the sink always up: what a power cut costs in duplicates in steady state. */
        static final Workload STEADY = new Workload(1 << 20, 1 << 22, 0, 0);
        /** An outage of 1.75 s into a spool bounded to two small segments: the oldest are dropped. */
        static final Workload DROPPING = new Workload(4096, 8192, 5, 40);

        SpoolConfig config() {
            return new SpoolConfig(
                    DIR,
                    maxBytes,
                    segmentBytes,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(1),
                    SpoolFullPolicy.DROP_OLDEST,
                    1 << 20);
        }

        boolean drops() {
            return maxBytes < 1 << 16;
        }
    }

    /**
     * Duplicates per cut: the readings acknowledged since the last acknowledgement written to disk, at most what
     * the sink delivers in one ack interval (here while catching up: a read batch per step) plus one batch.
     */
    static int duplicateBound() {
        long perInterval = Workload.ROLLING.config().ackPersistInterval().toMillis() / STEP_MILLIS * READ_BATCH;
        return (int) perInterval + READ_BATCH;
    }

    /** What the world outside the disk saw before the cut (it survives the cut). */
    static final class Facts {
        final Map<Long, Integer> idAt = new HashMap<>();
        final Set<Integer> synced = new HashSet<>();
        final Set<Integer> delivered = new HashSet<>();
        final Set<Integer> parked = new HashSet<>();
        /** Highest offset reported fsynced (so possibly read, acknowledged or parked). */
        long maxSyncedOffset = -1;

        int appended;
    }

    static byte[] value(int id) {
        return ("{\"id\":" + id + ",\"pad\":\"" + "p".repeat(id % 17) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static int idOf(byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8);
        int id = Integer.parseInt(s.substring(6, s.indexOf(',')));
        assertEquals(new String(value(id), StandardCharsets.UTF_8), s, "a record read back is whole");
        return id;
    }

    /** The workload; returns normally or is ended by {@link SimulatedDisk.PowerCut}. */
    static void run(Workload w, SimulatedDisk disk, ManualClocks clocks, Facts facts) throws IOException {
        disk.createDirectories(DIR);
        DeadLetterFile dead =
                new DeadLetterFile(DIR.resolve("dead-letter-" + SINK + ".jsonl"), 1 << 20, disk, clocks.wall());
        try (Spool spool = Spool.open(w.config(), List.of(SINK), clocks.context(disk), RecoveryProgress.NONE)) {
            long nextRead = spool.ackedOffset(SINK);
            for (int step = 0; step < STEPS; step++) {
                List<SpoolEntry> batch = new ArrayList<>();
                long first = spool.endOffset();
                for (int i = 0; i < PER_STEP; i++) {
                    batch.add(new SpoolEntry("readings", "s" + (facts.appended + i) % 3, value(facts.appended + i)));
                }
                int accepted = spool.append(batch);
                assertEquals(PER_STEP, accepted, "drop-oldest takes every new reading");
                for (int i = 0; i < accepted; i++) {
                    facts.idAt.put(first + i, facts.appended + i);
                }
                facts.appended += accepted;
                markSynced(spool, facts);
                // The sender's contract: park synchronously, acknowledge only after park returned.
                boolean sinkDown = step >= w.outageFrom() && step < w.outageTo();
                List<SpooledRecord> read = sinkDown ? List.of() : spool.read(nextRead, READ_BATCH, 1 << 20);
                for (SpooledRecord r : read) {
                    int id = idOf(r.entry().value());
                    if (id % PARK_EVERY == 0) {
                        dead.park(SINK, r, "422: refused");
                        facts.parked.add(id);
                    } else {
                        facts.delivered.add(id);
                    }
                    nextRead = r.offset() + 1;
                }
                spool.acknowledge(SINK, nextRead);
                clocks.advance(STEP_MILLIS);
            }
            spool.sync();
            markSynced(spool, facts);
        }
    }

    private static void markSynced(Spool spool, Facts facts) {
        long durable = spool.durableOffset();
        facts.idAt.forEach((offset, id) -> {
            if (offset < durable) {
                facts.synced.add(id);
                facts.maxSyncedOffset = Math.max(facts.maxSyncedOffset, offset);
            }
        });
    }

    /** Recovers the surviving disk and checks it against the facts; returns the duplicates found. */
    static int recoverAndCheck(Workload w, SimulatedDisk survivor, ManualClocks clocks, Facts facts, String cut)
            throws IOException {
        Set<Integer> spooled = new HashSet<>();
        int duplicates = 0;
        long fresh;
        long first;
        // Recovered as the bridge does it: older segments checked in the background.
        try (Spool spool = Spool.openRecoveringInBackground(
                w.config(), List.of(SINK), clocks.context(survivor), RecoveryProgress.NONE)) {
            try {
                assertTrue(spool.awaitRecovered(Duration.ofSeconds(30)), cut + ": the background check ends");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(0, spool.missingRecords(), cut + ": nothing was lost, so nothing is reported missing");
            first = spool.firstOffset();
            long offset = spool.ackedOffset(SINK);
            while (true) {
                List<SpooledRecord> batch = spool.read(offset, 64, 1 << 20);
                if (batch.isEmpty()) {
                    break;
                }
                for (SpooledRecord r : batch) {
                    int id = idOf(r.entry().value());
                    spooled.add(id);
                    if (facts.delivered.contains(id) || facts.parked.contains(id)) {
                        duplicates++;
                    }
                }
                offset = batch.get(batch.size() - 1).offset() + 1;
            }
            fresh = spool.endOffset();
            spool.append(List.of(new SpoolEntry("readings", "s0", value(999_999))));
        }
        Set<Integer> parkedOnDisk = parked(survivor);
        for (int id : facts.parked) {
            if (!parkedOnDisk.contains(id)) {
                fail(cut + ": reading " + id + " was parked (park returned) but is not in the dead-letter file");
            }
        }
        Set<Integer> dropped = new HashSet<>();
        if (w.drops()) { // below the oldest offset kept, unsent readings were dropped by the full policy
            facts.idAt.forEach((offset, id) -> {
                if (offset < first) {
                    dropped.add(id);
                }
            });
        }
        for (int id : facts.synced) {
            if (!spooled.contains(id)
                    && !facts.delivered.contains(id)
                    && !parkedOnDisk.contains(id)
                    && !dropped.contains(id)) {
                fail(cut + ": reading " + id + " was reported fsynced and is now nowhere (spooled " + spooled.size()
                        + ", delivered " + facts.delivered.size() + ", parked " + parkedOnDisk.size() + ")");
            }
        }
        assertTrue(duplicates <= duplicateBound(), cut + ": " + duplicates + " duplicates, bound " + duplicateBound());
        assertTrue(
                fresh > facts.maxSyncedOffset,
                cut + ": the next offset " + fresh + " must not reuse one reported fsynced before the cut (up to "
                        + facts.maxSyncedOffset + ")");
        return duplicates;
    }

    static Set<Integer> parked(SimulatedDisk disk) throws IOException {
        Set<Integer> out = new HashSet<>();
        Path file = DIR.resolve("dead-letter-" + SINK + ".jsonl");
        if (!disk.exists(file)) {
            return out;
        }
        for (String line : new String(disk.read(file), StandardCharsets.UTF_8).split("\n")) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException torn) {
                continue; // a line torn by the cut: its park never returned, the record is still spooled
            }
            if (n != null && n.has("valueBase64")) {
                out.add(idOf(Base64.getDecoder().decode(n.get("valueBase64").asText())));
            }
        }
        return out;
    }

    record Summary(long cutPoints, int maxDuplicates, long totalDuplicates) {}

    static Summary cutEverywhere(Workload w, Random torn) throws IOException {
        ManualClocks full = new ManualClocks();
        SimulatedDisk uncut = new SimulatedDisk(() -> full.wall().millis());
        run(w, uncut, full, new Facts());
        long points = uncut.operations();
        int max = 0;
        long total = 0;
        for (long cut = 1; cut <= points + 1; cut++) {
            ManualClocks clocks = new ManualClocks();
            SimulatedDisk disk = new SimulatedDisk(() -> clocks.wall().millis());
            disk.cutPowerAt(cut);
            Facts facts = new Facts();
            String what = "cut at operation " + cut + " of " + points;
            try {
                run(w, disk, clocks, facts);
            } catch (SimulatedDisk.PowerCut expected) {
                what = expected.getMessage();
            }
            clocks.advance(5_000);
            int d = recoverAndCheck(w, disk.afterPowerCut(torn), clocks, facts, what);
            max = Math.max(max, d);
            total += d;
        }
        return new Summary(points, max, total);
    }

    @Test
    void noFsyncedReadingIsLostAtAnyCutPoint() throws IOException {
        Summary s = cutEverywhere(Workload.ROLLING, null);
        assertTrue(s.cutPoints() > 100, "the workload has many cut points: " + s.cutPoints());
        System.out.printf(
                "power cuts (strict): %d cut points, duplicates max %d, mean %.1f, bound %d%n",
                s.cutPoints(), s.maxDuplicates(), (double) s.totalDuplicates() / (s.cutPoints() + 1), duplicateBound());
    }

    /**
     * In steady state (the sink keeps up, no segment deleted under the readers) a cut costs at most the readings
     * acknowledged since the last ack write: one ack interval of appends plus a batch; and a cut just before an
     * ack write does cost about that many (the bound is reached, so it is the right one to state).
     */
    @Test
    void duplicatesPerCutAreAboutOneAckIntervalOfReadings() throws IOException {
        Summary s = cutEverywhere(Workload.STEADY, null);
        long perInterval = Duration.ofSeconds(1).toMillis() / STEP_MILLIS * PER_STEP;
        System.out.printf(
                "power cuts (steady): %d cut points, duplicates max %d, mean %.1f, one ack interval "
                        + "= %d readings%n",
                s.cutPoints(), s.maxDuplicates(), (double) s.totalDuplicates() / (s.cutPoints() + 1), perInterval);
        assertTrue(s.maxDuplicates() <= perInterval + PER_STEP, "at most one ack interval (+ one step) again");
        assertTrue(
                s.maxDuplicates() >= perInterval - PER_STEP,
                "and the worst cut does resend about that much: " + s.maxDuplicates());
    }

    /**
     * The full policy drops the oldest segments during an outage: a cut anywhere around a drop (the note in
     * {@code offsets.state}, the delete, the directory fsync) never makes the dropped records count as missing.
     */
    @Test
    void segmentsDroppedByTheFullPolicyAreNeverTakenForLostOnes() throws IOException {
        ManualClocks clocks = new ManualClocks();
        SimulatedDisk disk = new SimulatedDisk(() -> clocks.wall().millis());
        run(Workload.DROPPING, disk, clocks, new Facts());
        try (Spool spool =
                Spool.open(Workload.DROPPING.config(), List.of(SINK), clocks.context(disk), RecoveryProgress.NONE)) {
            assertTrue(spool.firstOffset() > 0, "the workload does drop: the spool starts at " + spool.firstOffset());
        }
        Summary s = cutEverywhere(Workload.DROPPING, null);
        Summary torn = cutEverywhere(Workload.DROPPING, new Random(3));
        System.out.printf(
                "power cuts (dropping): %d cut points, duplicates max %d; torn writes: max %d%n",
                s.cutPoints(), s.maxDuplicates(), torn.maxDuplicates());
    }

    @Test
    void tornUnsyncedWritesNeverSurfaceAsRecords() throws IOException {
        for (long seed = 1; seed <= 2; seed++) {
            Summary s = cutEverywhere(Workload.ROLLING, new Random(seed));
            System.out.printf(
                    "power cuts (torn writes, seed %d): %d cut points, duplicates max %d%n",
                    seed, s.cutPoints(), s.maxDuplicates());
        }
    }
}

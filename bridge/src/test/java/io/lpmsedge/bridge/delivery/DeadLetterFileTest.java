package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.bridge.spool.FileStore;
import io.lpmsedge.bridge.spool.ManualClocks;
import io.lpmsedge.bridge.spool.SimulatedDisk;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.bridge.spool.StoredFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFileTest {
    static final Path FILE = Path.of("/sim/spool/dead-letter-rest.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualClocks clocks = new ManualClocks();
    private final SimulatedDisk disk = new SimulatedDisk(() -> clocks.wall().millis());

    static SpooledRecord record(long offset) {
        return new SpooledRecord(
                offset,
                new SpoolEntry("readings", "arm-1", ("{\"seq\":" + offset + "}").getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> lines(byte[] file) {
        return List.of(new String(file, StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void aParkedLineSurvivesAPowerCutAsSoonAsParkReturns() throws IOException {
        DeadLetterFile dead = new DeadLetterFile(FILE, 1 << 20, disk, clocks.wall());
        dead.park("rest", record(41), "422: schema mismatch");
        dead.park("rest", record(42), "422: schema mismatch");
        SimulatedDisk after = disk.afterPowerCut(null);
        List<String> lines = lines(after.read(FILE));
        assertEquals(2, lines.size(), "both lines, with the file's directory entry");
        JsonNode n = JSON.readTree(lines.get(1));
        assertEquals("rest", n.get("sink").asText());
        assertEquals("422: schema mismatch", n.get("reason").asText());
        assertEquals(42, n.get("spoolOffset").asLong());
        assertEquals("arm-1", n.get("key").asText());
        assertEquals(clocks.wall().instant().toString(), n.get("time").asText());
        assertArrayEquals(
                record(42).entry().value(),
                Base64.getDecoder().decode(n.get("valueBase64").asText()));
        assertEquals(2, dead.parkedRecords());
        assertEquals(after.read(FILE).length, dead.parkedBytes());
    }

    @Test
    void aFullFileRefusesWithoutWritingAndSaysWhatToDo() throws IOException {
        DeadLetterFile dead = new DeadLetterFile(FILE, 4096, disk, clocks.wall());
        int parked = 0;
        DeadLetterFile.FullException full = null;
        while (full == null) {
            try {
                dead.park("rest", record(parked), "400: bad request");
                parked++;
            } catch (DeadLetterFile.FullException e) {
                full = e;
            }
        }
        long size = disk.read(FILE).length;
        assertTrue(size <= 4096 && parked > 10, size + " bytes, " + parked + " parked");
        assertTrue(full.getMessage().contains(FILE.toString()), full.getMessage());
        assertTrue(
                full.getMessage().contains("4096") && full.getMessage().contains("dead_letter_max_bytes"),
                full.getMessage());
        assertTrue(
                full.getMessage().contains("stays in the spool")
                        && full.getMessage().contains("move it away"),
                full.getMessage());
        assertThrows(DeadLetterFile.FullException.class, () -> dead.park("rest", record(999), "400"));
        assertEquals(size, disk.read(FILE).length, "a refused park writes nothing");
        assertEquals(2, dead.fullRefusals());
        assertEquals(parked, dead.parkedRecords());
        assertTrue(dead.full());

        disk.delete(FILE); // the operator moves the file away
        assertFalse(dead.full(), "room again: ready at once, before the next park");
        dead.park("rest", record(999), "400");
        assertEquals(1, lines(disk.read(FILE)).size());
    }

    @Test
    void aLineTornByAnEarlierPowerCutIsClosedBeforeTheNextOne() throws IOException {
        disk.createDirectories(FILE.getParent());
        try (StoredFile f = disk.open(FILE, FileStore.OpenMode.CREATE)) {
            f.write(ByteBuffer.wrap("{\"time\":\"2026-".getBytes(StandardCharsets.UTF_8)), 0);
            f.force();
        }
        new DeadLetterFile(FILE, 1 << 20, disk, clocks.wall()).park("rest", record(7), "422");
        List<String> lines = lines(disk.read(FILE));
        assertEquals(2, lines.size());
        assertEquals(7, JSON.readTree(lines.get(1)).get("spoolOffset").asLong(), "the new line stands alone");
    }

    @Test
    void onTheRealDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/dead-letter-k.jsonl");
        DeadLetterFile dead = new DeadLetterFile(file);
        dead.park("k", record(3), null);
        assertEquals(
                3,
                JSON.readTree(Files.readAllLines(file).get(0))
                        .get("spoolOffset")
                        .asLong());
        assertEquals(Files.size(file), dead.fileBytes());
        assertFalse(dead.full());
    }
}

package io.lpmsedge.bridge.spool;

import static io.lpmsedge.bridge.spool.SpoolTest.config;
import static io.lpmsedge.bridge.spool.SpoolTest.entries;
import static io.lpmsedge.bridge.spool.SpoolTest.readAll;
import static io.lpmsedge.bridge.spool.SpoolTest.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.testsupport.ScratchDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random damage to segment files (bytes overwritten, files cut short) never stops the spool from opening. */
class SpoolRecoveryPropertiesTest {
    @Property(tries = 40)
    void noCorruptionEverBlocksStartUp(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int damages)
            throws IOException {
        // Each try cleans up its own directory: jqwik gives tries no @TempDir, and 40 tries a run used to leave
        // 40 spool directories in /tmp.
        try (ScratchDir scratch = ScratchDir.create("spool-prop")) {
            Path d = scratch.path();
            SpoolConfig c = config(d, 1 << 20, 4096, SpoolFullPolicy.DROP_OLDEST);
            try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
                for (int i = 0; i < 40; i++) {
                    spool.append(entries("a", i * 10, 10));
                }
            }
            Random rnd = new Random(seed);
            List<Path> files;
            try (Stream<Path> s = Files.list(d)) {
                files = s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
            }
            for (int i = 0; i < damages; i++) {
                Path f = files.get(rnd.nextInt(files.size()));
                byte[] b = Files.readAllBytes(f);
                if (b.length == 0) {
                    continue;
                }
                if (rnd.nextBoolean()) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    Files.write(f, b);
                } else {
                    Files.write(f, java.util.Arrays.copyOf(b, rnd.nextInt(b.length)));
                }
            }
            try (Spool spool = Spool.open(c, List.of("rest"), Clock.systemUTC())) {
                int last = -1;
                for (SpooledRecord r : readAll(spool, 0)) {
                    int seq = seq(r);
                    assertTrue(seq > last, "records come back in order, each intact");
                    last = seq;
                }
                assertEquals(1, spool.append(entries("a", 1000, 1)), "and the spool takes new records");
            }
        }
    }
}

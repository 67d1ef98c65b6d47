package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.bridge.spool.FileStore;
import io.lpmsedge.bridge.spool.ManualClocks;
import io.lpmsedge.bridge.spool.RecoveryProgress;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolContext;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.testsupport.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A sender whose sink went idle still gets its acknowledged position onto disk within one
 * {@code ack_persist_interval}: it sleeps until that deadline, not until the next acknowledgement or the close.
 * Without it, a power cut after a burst resends everything acknowledged since the last write.
 */
class SenderAckPersistTest {
    @TempDir
    Path dir;

    Spool spool;
    Sender sender;
    Thread thread;

    @AfterEach
    void tearDown() throws Exception {
        if (sender != null) {
            sender.stop(Duration.ZERO);
            thread.join(10_000);
        }
        if (spool != null) {
            spool.close();
        }
    }

    /** fsync interval 0: every append is durable (and announced) at once. */
    private void start(Duration ackInterval, SpoolContext context, LongSupplier senderNanos) throws IOException {
        spool = Spool.open(
                new SpoolConfig(dir, 1 << 20, 1 << 16, Duration.ZERO, ackInterval, SpoolFullPolicy.DROP_OLDEST),
                List.of("s"),
                context,
                RecoveryProgress.NONE);
        DeliverySink sink = new DeliverySink() {
            @Override
            public String name() {
                return "s";
            }

            @Override
            public SendResult send(String topic, List<SpooledRecord> batch) {
                return SendResult.all(batch.size(), RecordStatus.DELIVERED, null, null, 200);
            }

            @Override
            public void close() {}
        };
        SenderConfig config = new SenderConfig(
                100,
                1 << 20,
                Duration.ZERO,
                Duration.ofMillis(10),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                1);
        sender = new Sender(
                sink,
                spool,
                config,
                new DeadLetterFile(dir.resolve("dead.jsonl")),
                Clock.systemUTC(),
                new SplittableRandom(1),
                LoggerFactory.getLogger(Sender.class),
                senderNanos);
        thread = new Thread(sender, "sender-s");
        thread.start();
    }

    private void append(int records) {
        List<SpoolEntry> entries = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            entries.add(new SpoolEntry("readings", "arm-" + (i % 3), "{}".getBytes(StandardCharsets.UTF_8)));
        }
        spool.append(entries);
    }

    /** The position in {@code ack-s.offset} (one i64 and a CRC), or -1 without the file. */
    private long onDisk() throws IOException {
        Path file = dir.resolve("ack-s.offset");
        return Files.exists(file) ? ByteBuffer.wrap(Files.readAllBytes(file)).getLong() : -1;
    }

    private long onDiskQuietly() {
        try {
            return onDisk();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anIdleSenderSleepsUntilItsPositionIsDueAndThenWithoutATimeout() throws Exception {
        ManualClocks clocks = new ManualClocks();
        start(Duration.ofSeconds(1), clocks.context(FileStore.DISK), clocks::nanos);
        append(1);
        Await.until(() -> spool.ackedOffset("s") == 1, Duration.ofSeconds(20), "the first record acknowledged");
        assertEquals(1, onDisk(), "a first acknowledgement is written at once");

        append(5); // the burst's last batch; nothing follows it and the clock does not move
        Await.until(() -> spool.ackedOffset("s") == 6, Duration.ofSeconds(20), "the burst acknowledged");
        Await.until(
                () -> thread.getState() == Thread.State.TIMED_WAITING,
                Duration.ofSeconds(20),
                "the sender asleep until its position is due (state " + thread.getState() + ")");
        assertEquals(1, onDisk(), "within the interval the position stays in memory");

        clocks.advance(1000); // the interval ends; nobody calls wakeUp()
        Await.until(() -> onDiskQuietly() == 6, Duration.ofSeconds(20), "the idle sender's position written");
        Await.until(
                () -> thread.getState() == Thread.State.WAITING,
                Duration.ofSeconds(20),
                "the sender asleep with no timeout once its position is on disk");
    }

    @Test
    void onARealSpoolTheLastAcknowledgementIsOnDiskAfterTheIntervalWithNoFurtherTraffic() throws Exception {
        Duration interval = SpoolConfig.DEFAULT_ACK_PERSIST_INTERVAL;
        start(interval, SpoolContext.system(), System::nanoTime);
        append(1);
        Await.until(() -> spool.ackedOffset("s") == 1, Duration.ofSeconds(20), "the first record acknowledged");
        long firstWrite = System.nanoTime();
        append(50);
        Await.until(() -> spool.ackedOffset("s") == 51, Duration.ofSeconds(20), "the burst acknowledged");
        long lastAck = System.nanoTime();
        long rightAfter = onDisk();

        Await.until(() -> onDiskQuietly() == 51, Duration.ofSeconds(20), "the acknowledged position on disk");
        long written = System.nanoTime();
        // Not a speed assertion: the figure for the report (docs/durability.md, "Duplicates per power cut").
        System.out.printf(
                "ack persist: interval %d ms; burst acknowledged %d ms after the first write (on disk then: %d);"
                        + " position 51 on disk %d ms after the last acknowledgement, %d ms after the first write%n",
                interval.toMillis(),
                (lastAck - firstWrite) / 1_000_000,
                rightAfter,
                (written - lastAck) / 1_000_000,
                (written - firstWrite) / 1_000_000);
        assertEquals(51, spool.ackedOffset("s"));
    }
}

package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the sender thread wakes: an idle one sleeps with no timeout at all (no periodic work), new durable records
 * wake it through the spool, a lingering batch wakes it when its linger ends.
 */
class SenderWakeUpTest {
    @TempDir
    Path dir;

    Spool spool;
    Sender sender;
    Thread thread;
    final List<Long> sent = new CopyOnWriteArrayList<>();

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

    private void start(Duration linger, LongSupplier nanos) throws Exception {
        // fsync interval 0: every append is made durable at once (and the spool says so)
        spool = Spool.open(
                new SpoolConfig(
                        dir.resolve("spool"),
                        1 << 20,
                        1 << 16,
                        Duration.ZERO,
                        Duration.ZERO,
                        SpoolFullPolicy.DROP_OLDEST),
                List.of("s"),
                Clock.systemUTC());
        DeliverySink sink = new DeliverySink() {
            @Override
            public String name() {
                return "s";
            }

            @Override
            public SendResult send(String topic, List<SpooledRecord> batch) {
                batch.forEach(r -> sent.add(r.offset()));
                return SendResult.all(batch.size(), RecordStatus.DELIVERED, null, null, 200);
            }

            @Override
            public void close() {}
        };
        SenderConfig config = new SenderConfig(
                100,
                1 << 20,
                linger,
                Duration.ofMillis(10),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                2);
        sender = new Sender(
                sink,
                spool,
                config,
                new DeadLetterFile(dir.resolve("dead.jsonl")),
                Clock.systemUTC(),
                new SplittableRandom(1),
                org.slf4j.LoggerFactory.getLogger(Sender.class),
                nanos);
        thread = new Thread(sender, "sender-s");
        thread.start();
    }

    private void append(String key) {
        spool.append(List.of(new SpoolEntry("readings", key, "{}".getBytes(StandardCharsets.UTF_8))));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void anIdleSenderSleepsWithoutATimeoutAndARecordAppendedThenIsSentWithoutAnyTimedPoll() throws Exception {
        AtomicLong frozen = new AtomicLong(5_000_000_000L); // the sender's clock never moves in this test
        start(Duration.ZERO, frozen::get);
        await(
                () -> thread.getState() == Thread.State.WAITING,
                "the idle sender to sleep with no timeout (state " + thread.getState() + ")");
        assertEquals(List.of(), sent);

        append("a"); // durable at once: the spool wakes the sender, nothing else does
        await(() -> spool.ackedOffset("s") == 1, "the record sent and acknowledged");
        assertEquals(List.of(0L), sent);
        await(() -> thread.getState() == Thread.State.WAITING, "the sender idle again, with no timeout");

        append("b");
        append("a");
        await(() -> spool.ackedOffset("s") == 3, "two more records");
        assertEquals(List.of(0L, 1L, 2L), sent.stream().sorted().toList());
    }

    @Test
    void aPartialBatchGoesWhenItsLingerEndsWithNoFurtherSignal() throws Exception {
        start(Duration.ofMillis(300), System::nanoTime);
        await(() -> thread.getState() == Thread.State.WAITING, "the idle sender");
        long appended = System.nanoTime();
        append("a");
        await(() -> spool.ackedOffset("s") == 1, "the lingering record");
        assertTrue(System.nanoTime() - appended >= Duration.ofMillis(300).toNanos(), "it lingered first");
        assertEquals(List.of(0L), sent);
    }
}

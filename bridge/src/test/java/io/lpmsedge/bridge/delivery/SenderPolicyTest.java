package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.bridge.spool.SpooledRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender's policy against a scripted sink (no HTTP): what each kind of outcome makes it do. */
class SenderPolicyTest {
    @TempDir
    Path dir;
    Spool spool;
    Sender sender;
    Thread thread;

    @AfterEach
    void tearDown() throws Exception {
        if (sender != null) {
            sender.stop(Duration.ZERO);
            thread.join(5000);
        }
        if (spool != null) {
            spool.close();
        }
    }

    /** A sink that answers the first {@code failures} requests with {@code failure}, then delivers. */
    static DeliverySink scripted(int failures, java.util.function.IntFunction<SendResult> failure, AtomicInteger calls) {
        return new DeliverySink() {
            @Override
            public String name() {
                return "s";
            }

            @Override
            public SendResult send(String topic, List<SpooledRecord> batch) {
                return calls.incrementAndGet() <= failures ? failure.apply(batch.size())
                        : SendResult.all(batch.size(), RecordStatus.DELIVERED, null, null, 200);
            }

            @Override
            public void close() {
            }
        };
    }

    void start(DeliverySink sink, SenderConfig config) throws Exception {
        spool = Spool.open(new SpoolConfig(dir.resolve("spool"), 1 << 20, 1 << 16, Duration.ZERO, Duration.ZERO,
                SpoolFullPolicy.DROP_OLDEST), List.of("s"), Clock.systemUTC());
        List<SpoolEntry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(new SpoolEntry("readings", "k", ("{\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        spool.append(entries);
        sender = new Sender(sink, spool, config, new DeadLetterFile(dir.resolve("dead.jsonl")), Clock.systemUTC(),
                new SplittableRandom(1));
        thread = new Thread(sender, "sender");
        thread.start();
    }

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void anUnreachableFarSideIsRetriedAtTheReconnectCapNotTheGrowingBackOff() throws Exception {
        // Back-off of ten minutes from the first failure: only the reconnect cap lets this finish at all.
        SenderConfig config = new SenderConfig(10, 1 << 20, Duration.ZERO, Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10), 1, Duration.ofMillis(5));
        AtomicInteger calls = new AtomicInteger();
        start(scripted(5, n -> SendResult.unreachable(n, "unreachable: Connection refused"), calls), config);
        await(() -> spool.ackedOffset("s") >= 4, "delivery after five refused connections");
        assertEquals(6, calls.get());
        assertEquals(1L, sender.counters().errors().size(), sender.counters().errors().toString());
        assertEquals(5L, sender.counters().errors().get("unreachable"));
    }

    @Test
    void aRequestThatReachedTheFarSideKeepsItsBackOff() throws Exception {
        SenderConfig config = new SenderConfig(10, 1 << 20, Duration.ZERO, Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10), 1, Duration.ofMillis(5));
        AtomicInteger calls = new AtomicInteger();
        start(scripted(1, n -> SendResult.all(n, RecordStatus.RETRY, null, "http_503: busy", 503), calls), config);
        await(() -> calls.get() >= 1, "the first request");
        Thread.sleep(300); // a window in which a capped retry would have come (60 times over); none may
        assertEquals(1, calls.get(), "a 503 is not a connection failure: no quick retry");
    }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    static DeliverySink scripted(
            int failures, java.util.function.IntFunction<SendResult> failure, AtomicInteger calls) {
        return new DeliverySink() {
            @Override
            public String name() {
                return "s";
            }

            @Override
            public SendResult send(String topic, List<SpooledRecord> batch) {
                return calls.incrementAndGet() <= failures
                        ? failure.apply(batch.size())
                        : SendResult.all(batch.size(), RecordStatus.DELIVERED, null, null, 200);
            }

            @Override
            public void close() {}
        };
    }

    /** Monotonic time as the sender sees it: real unless a test moves it. */
    final AtomicLong fakeNanos = new AtomicLong(1_000_000_000L);

    boolean fakeTime;

    void start(DeliverySink sink, SenderConfig config) throws Exception {
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
        List<SpoolEntry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(new SpoolEntry("readings", "k", ("{\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        spool.append(entries);
        sender = new Sender(
                sink,
                spool,
                config,
                new DeadLetterFile(dir.resolve("dead.jsonl")),
                Clock.systemUTC(),
                new SplittableRandom(1),
                org.slf4j.LoggerFactory.getLogger(Sender.class),
                fakeTime ? fakeNanos::get : System::nanoTime);
        thread = new Thread(sender, "sender");
        thread.start();
    }

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        io.lpmsedge.testsupport.Await.until(c, Duration.ofSeconds(20), what);
    }

    @Test
    void anUnreachableFarSideIsRetriedAtTheReconnectCapNotTheGrowingBackOff() throws Exception {
        // Back-off of ten minutes from the first failure: only the reconnect cap lets this finish at all.
        SenderConfig config = new SenderConfig(
                10,
                1 << 20,
                Duration.ZERO,
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                1,
                Duration.ofMillis(5));
        AtomicInteger calls = new AtomicInteger();
        start(scripted(5, n -> SendResult.unreachable(n, "unreachable: Connection refused"), calls), config);
        await(() -> spool.ackedOffset("s") >= 4, "delivery after five refused connections");
        assertEquals(6, calls.get());
        assertEquals(
                1L,
                sender.counters().errors().size(),
                sender.counters().errors().toString());
        assertEquals(5L, sender.counters().errors().get("unreachable"));
    }

    /** Fake monotonic time of each call the sink got. */
    final List<Long> callTimes = new java.util.concurrent.CopyOnWriteArrayList<>();

    DeliverySink timed(DeliverySink inner) {
        return new DeliverySink() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public SendResult send(String topic, List<SpooledRecord> batch) throws InterruptedException {
                callTimes.add(fakeNanos.get());
                return inner.send(topic, batch);
            }

            @Override
            public void close() {}
        };
    }

    /** Moves fake time on in steps of {@code step}, waking the sender each time, until {@code done}. */
    void advanceUntil(BooleanSupplier done, Duration step, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting for " + what);
            fakeNanos.addAndGet(step.toNanos());
            sender.wakeUp();
            Thread.sleep(1);
        }
    }

    @Test
    void aRequestThatReachedTheFarSideKeepsItsBackOffInFakeTime() throws Exception {
        fakeTime = true;
        SenderConfig config = new SenderConfig(
                10,
                1 << 20,
                Duration.ZERO,
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                1,
                Duration.ofMillis(5));
        AtomicInteger calls = new AtomicInteger();
        start(
                timed(scripted(1, n -> SendResult.all(n, RecordStatus.RETRY, null, "http_503: busy", 503), calls)),
                config);
        advanceUntil(() -> spool.ackedOffset("s") >= 4, Duration.ofSeconds(10), "the retry after the back-off");
        assertEquals(2, callTimes.size());
        long waited = callTimes.get(1) - callTimes.get(0);
        assertTrue(
                waited >= Duration.ofMinutes(8).toNanos(),
                "a 503 is not a connection failure: the 10 min " + "back-off (less 20 % jitter) holds, waited "
                        + Duration.ofNanos(waited));
    }

    @Test
    void aRefusedRequestHoldsTheWholeSinkUntilTheOperatorBackOffPasses() throws Exception {
        fakeTime = true;
        SenderConfig config = new SenderConfig(
                10,
                1 << 20,
                Duration.ZERO,
                Duration.ofMillis(1),
                Duration.ofMillis(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                4,
                Duration.ofMillis(1));
        AtomicInteger calls = new AtomicInteger();
        start(
                timed(scripted(
                        1, n -> SendResult.all(n, RecordStatus.REFUSED, null, "http_400: Bad Request", 400), calls)),
                config);
        advanceUntil(() -> spool.ackedOffset("s") >= 4, Duration.ofSeconds(1), "delivery after the hold");
        assertEquals(2, callTimes.size(), "one refused request, then one after the hold: nothing in between");
        long held = callTimes.get(1) - callTimes.get(0);
        assertTrue(held >= Duration.ofMinutes(1).toNanos(), "held " + Duration.ofNanos(held));
        await(() -> sender.counters().problem() == null, "the problem cleared by the delivery");
        assertEquals(1, sender.counters().refused());
    }
}

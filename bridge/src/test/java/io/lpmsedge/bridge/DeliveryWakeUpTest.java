package io.lpmsedge.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.delivery.DeliveryConfig;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.SinkKinds;
import io.lpmsedge.bridge.delivery.SinkSpec;
import io.lpmsedge.bridge.scoring.SpoolVerdictPublisher;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.testsupport.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways records reach the spool in a running bridge, the dispatcher's {@code SpoolWriter} and the verdict
 * publisher, need nobody to wake the senders: their fsync does (the spool tells its readable listeners). The
 * sender here sleeps with no timeout and the spool never fsyncs on its own (a one-hour fsync interval), so only
 * the writer's flush or the urgent verdict's fsync can start the request.
 */
class DeliveryWakeUpTest {
    @TempDir
    Path dir;

    record TestSpec(String name, SenderConfig sender) implements SinkSpec {
        @Override
        public String describe() {
            return "test";
        }
    }

    final List<String> sent = new CopyOnWriteArrayList<>();
    Delivery delivery;

    @BeforeEach
    void start() throws Exception {
        SinkKinds kinds = SinkKinds.none().with(TestSpec.class, (spec, format) -> new DeliverySink() {
            @Override
            public String name() {
                return spec.name();
            }

            @Override
            public SendResult send(String topic, List<SpooledRecord> batch) {
                batch.forEach(r -> sent.add(topic + "/" + r.entry().key()));
                return SendResult.all(batch.size(), RecordStatus.DELIVERED, null, null, 200);
            }

            @Override
            public void close() {}
        });
        SpoolConfig spool = new SpoolConfig(
                dir.resolve("spool"),
                1 << 20,
                1 << 16,
                Duration.ofHours(1),
                Duration.ZERO,
                SpoolFullPolicy.DROP_OLDEST);
        SenderConfig noLinger = new SenderConfig(
                100,
                1 << 20,
                Duration.ZERO,
                Duration.ofMillis(10),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                1);
        delivery = Delivery.open(
                new DeliveryConfig(spool, "json", "readings", List.of(new TestSpec("s", noLinger))),
                kinds,
                Clock.systemUTC());
        delivery.start();
        awaitSenderAsleepWithoutTimeout();
    }

    @AfterEach
    void stop() throws Exception {
        delivery.stop(Duration.ZERO);
    }

    private static Thread senderThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sender-s"))
                .findFirst()
                .orElseThrow();
    }

    private static void awaitSenderAsleepWithoutTimeout() throws InterruptedException {
        Thread sender = senderThread();
        Await.until(
                () -> sender.getState() == Thread.State.WAITING,
                Duration.ofSeconds(20),
                "the idle sender asleep with no timeout");
    }

    @Test
    void readingsAreSentOnceTheWritersFlushMakesThemDurable() throws Exception {
        delivery.writer()
                .write(List.of(new Reading(
                        1,
                        4,
                        0.01,
                        0,
                        SampleValues.builder().set(Output.ACC, 0, 0, 1).build(),
                        new Lineage("b", "arm-1", "boot", 1, 1))));
        // appended but not fsynced: not readable yet, and nothing woke the sender
        assertEquals(Thread.State.WAITING, senderThread().getState());
        assertEquals(List.of(), sent);

        delivery.writer().flush();
        Await.until(() -> sent.size() == 1, Duration.ofSeconds(20), "the reading sent after the flush");
        assertEquals(List.of("readings/arm-1"), sent);
    }

    @Test
    void aVerdictChangeIsSentWithTheSameWakeUpTheBridgeWiresIn() throws Exception {
        // The bridge gives the publisher nothing to wake (Bridge.verdictPublisher): its fsync is the signal.
        SpoolVerdictPublisher publisher = new SpoolVerdictPublisher(delivery.spool(), "verdicts");
        publisher.publish(
                new VerdictEvent(
                        "bridge", "arm-1", "b", "boot", 1, 7, 0, 49, 0.0, 0.5, 0, 0.2, 0.1, true, "FAILURE", "OK",
                        "arm_ae"),
                true);
        Await.until(() -> sent.size() == 1, Duration.ofSeconds(20), "the verdict event sent after its fsync");
        assertEquals(List.of("verdicts/arm-1"), sent);
    }
}

package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.record.RecordFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry the delivery core opens sinks through: it knows no kind of its own, refuses a spec of a kind
 * nobody registered before anything is opened, and a sink that cannot be opened leaves none of the others open.
 */
class SinkKindsTest {
    @TempDir
    Path dir;

    /** A sink kind only this test knows: the core must open it like any shipped one. */
    record TestSpec(String name, SenderConfig sender) implements SinkSpec {
        @Override
        public String describe() {
            return "test";
        }
    }

    /** Another kind, never registered. */
    record OtherSpec(String name, SenderConfig sender) implements SinkSpec {
        @Override
        public String describe() {
            return "other";
        }
    }

    final Map<String, Boolean> closed = new ConcurrentHashMap<>();

    DeliverySink testSink(TestSpec spec, RecordFormat format) throws IOException {
        if (spec.name().startsWith("bad")) {
            throw new IOException("sink " + spec.name() + ": cannot reach the far side");
        }
        closed.put(spec.name(), false);
        return new DeliverySink() {
            @Override
            public String name() {
                return spec.name();
            }

            @Override
            public SendResult send(String topic, List<SpooledRecord> batch) {
                return SendResult.all(batch.size(), RecordStatus.DELIVERED, null, null, 200);
            }

            @Override
            public void close() {
                closed.put(spec.name(), true);
            }
        };
    }

    DeliveryConfig config(SinkSpec... sinks) {
        return new DeliveryConfig(SpoolConfig.defaults(dir.resolve("spool")), "json", "readings", List.of(sinks));
    }

    @Test
    void theCoreOpensAKindItWasGivenAndNothingElse() throws Exception {
        SinkKinds kinds = SinkKinds.none().with(TestSpec.class, this::testSink);
        Delivery delivery = Delivery.open(config(new TestSpec("t", SenderConfig.DEFAULTS)), kinds, Clock.systemUTC());
        try {
            assertEquals(
                    List.of("t"),
                    delivery.sinks().stream().map(DeliverySink::name).toList());
            assertEquals(Map.of("t", false), closed);
        } finally {
            delivery.start();
            assertTrue(delivery.stop(java.time.Duration.ZERO));
        }
        assertEquals(Map.of("t", true), closed, "the sender closes its sink at the stop");
    }

    @Test
    void aSpecOfAnUnregisteredKindIsRefusedBeforeAnythingIsOpened() {
        SinkKinds kinds = SinkKinds.none().with(TestSpec.class, this::testSink);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Delivery.open(
                        config(new TestSpec("t", SenderConfig.DEFAULTS), new OtherSpec("o", SenderConfig.DEFAULTS)),
                        kinds,
                        Clock.systemUTC()));
        assertEquals(
                "sink 'o' is a OtherSpec, a kind this bridge has no opener for (known: [TestSpec]); register it "
                        + "where the bridge's sink kinds are listed (BridgeSinks)",
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("spool")), "no spool opened (nor created) for a wiring mistake");
        assertEquals(Map.of(), closed, "no sink opened");
    }

    @Test
    void aSinkThatCannotBeOpenedClosesTheSinksOpenedBeforeIt() {
        SinkKinds kinds = SinkKinds.none().with(TestSpec.class, this::testSink);
        IOException e = assertThrows(
                IOException.class,
                () -> Delivery.open(
                        config(
                                new TestSpec("first", SenderConfig.DEFAULTS),
                                new TestSpec("bad", SenderConfig.DEFAULTS)),
                        kinds,
                        Clock.systemUTC()));
        assertEquals("sink bad: cannot reach the far side", e.getMessage(), "the far side's words, unchanged");
        assertEquals(Map.of("first", true), closed, "the sink opened before it is closed, not leaked");
    }

    @Test
    void aKindIsRegisteredOnceAndTheRegistryIsImmutable() {
        SinkKinds one = SinkKinds.none().with(TestSpec.class, this::testSink);
        assertThrows(IllegalArgumentException.class, () -> one.with(TestSpec.class, this::testSink));
        SinkKinds two = one.with(OtherSpec.class, (s, f) -> testSink(new TestSpec(s.name(), s.sender()), f));
        assertThrows(
                IllegalArgumentException.class,
                () -> one.checkKnown(List.of(new OtherSpec("o", SenderConfig.DEFAULTS))),
                "adding to a registry returns a new one");
        two.checkKnown(List.of(new OtherSpec("o", SenderConfig.DEFAULTS)));
        assertInstanceOf(SinkKinds.class, two);
    }
}

package io.lpmsedge.bridge.delivery;

import io.lpmsedge.record.RecordFormat;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink kinds a bridge can open: each {@link SinkSpec} record type with the code that opens its sink. The
 * delivery core knows no kind; the composition root lists them ({@code io.lpmsedge.bridge.BridgeSinks}) and hands
 * this registry to {@link Delivery#open}, so a sink package depends on the core and never the reverse (the
 * Telegraf layout: one folder per plugin, registered in one place). Immutable.
 */
public final class SinkKinds {
    /** Opens the sink a spec describes; fails with a message naming the setting at fault. */
    @FunctionalInterface
    public interface Opener<S extends SinkSpec> {
        DeliverySink open(S spec, RecordFormat format) throws IOException;
    }

    private final Map<Class<? extends SinkSpec>, Opener<?>> openers;

    private SinkKinds(Map<Class<? extends SinkSpec>, Opener<?>> openers) {
        this.openers = openers;
    }

    /** No kinds yet: add them with {@link #with}. */
    public static SinkKinds none() {
        return new SinkKinds(Map.of());
    }

    /** These kinds and {@code type}, opened by {@code opener}; a type is registered once. */
    public <S extends SinkSpec> SinkKinds with(Class<S> type, Opener<? super S> opener) {
        if (openers.containsKey(type)) {
            throw new IllegalArgumentException("sink kind " + type.getSimpleName() + " is registered twice");
        }
        Map<Class<? extends SinkSpec>, Opener<?>> more = new LinkedHashMap<>(openers);
        more.put(type, opener);
        return new SinkKinds(Map.copyOf(more));
    }

    /**
     * Fails, naming the sink and its kind, when a spec is of no registered kind: called before anything is
     * opened, so a wiring mistake leaves no spool or sink half open.
     */
    public void checkKnown(List<? extends SinkSpec> specs) {
        for (SinkSpec spec : specs) {
            if (!openers.containsKey(spec.getClass())) {
                throw new IllegalArgumentException("sink '" + spec.name() + "' is a "
                        + spec.getClass().getSimpleName() + ", a kind this bridge has no opener for (known: "
                        + openers.keySet().stream()
                                .map(Class::getSimpleName)
                                .sorted()
                                .toList()
                        + "); register it where the bridge's sink kinds are listed (BridgeSinks)");
            }
        }
    }

    /** Opens {@code spec}'s sink with the opener registered for its exact type. */
    public DeliverySink open(SinkSpec spec, RecordFormat format) throws IOException {
        checkKnown(List.of(spec));
        return openAs(spec, format, openers.get(spec.getClass()));
    }

    @SuppressWarnings("unchecked") // the opener was registered for exactly this spec type (see with())
    private static <S extends SinkSpec> DeliverySink openAs(SinkSpec spec, RecordFormat format, Opener<S> opener)
            throws IOException {
        return opener.open((S) spec, format);
    }
}

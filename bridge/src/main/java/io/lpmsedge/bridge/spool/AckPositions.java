package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How far each sink has acknowledged the spool, in memory and in its {@link AckFile}. A position is written at
 * most once per ack interval on the monotonic clock (a wall-clock step back must not stop the writes), and at
 * the latest one interval after it moved (its sender calls {@link #persistIfDue} when the interval ends), so a
 * crash resends at most one interval of deliveries, also after the sink went idle. Not thread-safe: the
 * {@link Spool} uses it under its lock.
 */
final class AckPositions {
    private static final class Position {
        final AckFile file;
        long acked;
        long persisted;
        long persistedAtNanos;

        Position(AckFile file) {
            this.file = file;
        }
    }

    private final Map<String, Position> sinks = new LinkedHashMap<>();
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final Consumer<IOException> onWriteError;

    /**
     * @param stored       each sink's stored acknowledgement (-1 when none)
     * @param first        the oldest offset still spooled: no sink is behind it
     * @param onWriteError told when a position cannot be written (it is tried again at the next acknowledgement)
     */
    AckPositions(
            Map<String, AckFile> files,
            Map<String, Long> stored,
            long first,
            LongSupplier nanoTime,
            Duration interval,
            Consumer<IOException> onWriteError) {
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.onWriteError = onWriteError;
        long now = nanoTime.getAsLong();
        for (Map.Entry<String, AckFile> e : files.entrySet()) {
            Position p = new Position(e.getValue());
            p.acked = Math.max(stored.get(e.getKey()), first);
            p.persisted = Math.max(stored.get(e.getKey()), 0);
            p.persistedAtNanos = now - intervalNanos; // the first acknowledgement is written at once
            sinks.put(e.getKey(), p);
        }
    }

    long acked(String sink) {
        return position(sink).acked;
    }

    /** Moves {@code sink} to {@code upTo}, writing it if the interval has passed; false if it was already there. */
    boolean advance(String sink, long upTo) {
        Position p = position(sink);
        if (upTo <= p.acked) {
            return false;
        }
        p.acked = upTo;
        if (nanoTime.getAsLong() - p.persistedAtNanos >= intervalNanos) {
            persist(p);
        }
        return true;
    }

    /**
     * Writes {@code sink}'s position if the disk holds an older one and the interval since the last write has
     * passed. Returns the nanoseconds until it should be called again: {@link Long#MAX_VALUE} when the disk holds
     * the position, else until the interval ends (a failed write is tried again one interval later).
     */
    long persistIfDue(String sink) {
        Position p = position(sink);
        if (p.acked == p.persisted) {
            return Long.MAX_VALUE;
        }
        long left = p.persistedAtNanos + intervalNanos - nanoTime.getAsLong();
        if (left > 0) {
            return left;
        }
        persist(p);
        return p.acked == p.persisted ? Long.MAX_VALUE : Math.max(1, intervalNanos);
    }

    /** The lowest position over all sinks, or {@code whenNone} without sinks. */
    long min(long whenNone) {
        long min = Long.MAX_VALUE;
        for (Position p : sinks.values()) {
            min = Math.min(min, p.acked);
        }
        return min == Long.MAX_VALUE ? whenNone : min;
    }

    /** Records before {@code offset} are gone (dropped by the full policy): no sink waits for them. */
    void raiseAllTo(long offset) {
        for (Position p : sinks.values()) {
            p.acked = Math.max(p.acked, offset);
        }
    }

    /** Writes every position not yet on disk (at close). */
    void persistAll() {
        for (Position p : sinks.values()) {
            if (p.acked != p.persisted) {
                persist(p);
            }
        }
    }

    private Position position(String sink) {
        Position p = sinks.get(sink);
        if (p == null) {
            throw new IllegalArgumentException("unknown sink '" + sink + "'; sinks of this spool: " + sinks.keySet());
        }
        return p;
    }

    private void persist(Position p) {
        try {
            p.file.write(p.acked);
            p.persisted = p.acked;
            p.persistedAtNanos = nanoTime.getAsLong();
        } catch (IOException e) {
            onWriteError.accept(e);
        }
    }
}

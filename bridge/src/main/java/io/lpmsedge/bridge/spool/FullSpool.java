package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the spool does past {@link SpoolConfig#maxBytes()} or when the disk refuses a write (full or read-only),
 * under the configured {@link SpoolFullPolicy}, and the count of every record that costs, by key:
 * <ul>
 *   <li>{@code drop-newest}: a batch that would pass the bound is refused whole;</li>
 *   <li>{@code drop-oldest}: the oldest segment goes (its unsent records counted) until the spool fits, and a
 *       write the disk refused is tried once more after dropping it;</li>
 *   <li>either way, a batch the disk still refuses is dropped and counted: appends never throw.</li>
 * </ul>
 * The decisions are here; the spool carries them out. Counters are thread-safe (read by metrics); the decisions
 * are called under the spool's lock.
 */
final class FullSpool {
    private static final Logger LOG = LoggerFactory.getLogger(FullSpool.class);
    /** The key dropped records are counted under when their segment was dropped before it was checked. */
    static final String NOT_RECOVERED = "(not yet checked)";

    private final SpoolFullPolicy policy;
    private final long maxBytes;
    private final Path dir;
    private final Map<String, LongAdder> droppedByKey = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private String lastWriteError;

    FullSpool(SpoolConfig config) {
        this.policy = config.fullPolicy();
        this.maxBytes = config.maxBytes();
        this.dir = config.dir();
    }

    /** A write that may fail. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    /**
     * Runs {@code write}; when the disk refuses it, reports that and, if the policy says (drop-oldest and a
     * segment to spare), runs {@code dropOldest} and tries once more. Returns whether the write went through.
     */
    boolean write(Write write, int segmentCount, Runnable dropOldest) {
        try {
            write.run();
            return true;
        } catch (IOException first) {
            writeFailed(first);
        }
        if (!dropsOldestToRetry(segmentCount)) {
            return false;
        }
        dropOldest.run();
        try {
            write.run();
            return true;
        } catch (IOException second) {
            writeFailed(second);
            return false;
        }
    }

    /** Whether a batch of {@code batchBytes} is refused before it is written (drop-newest, bound reached). */
    boolean refuses(long spoolBytes, long batchBytes) {
        return policy == SpoolFullPolicy.DROP_NEWEST && spoolBytes + batchBytes > maxBytes;
    }

    /** After the disk refused a write: whether to drop the oldest segment and try once more. */
    boolean dropsOldestToRetry(int segmentCount) {
        return policy == SpoolFullPolicy.DROP_OLDEST && segmentCount > 1;
    }

    /** After an append: whether the oldest segment must go to bring the spool back under its bound. */
    boolean dropsOldest(long spoolBytes, int segmentCount) {
        return policy == SpoolFullPolicy.DROP_OLDEST && spoolBytes > maxBytes && segmentCount > 1;
    }

    /** Why {@link #dropsOldest} dropped, for the log. */
    String boundReached() {
        return "the spool reached max_bytes (" + maxBytes + ")";
    }

    /**
     * What the oldest segment {@code s}, about to be dropped, holds that no sink has acknowledged (records from
     * {@code minAck} on), by key: read from the file, or, for a segment not checked yet (or unreadable), counted
     * from its offsets under {@link #NOT_RECOVERED} (or "?").
     */
    Map<String, Long> unsentByKey(Segment s, long minAck, SegmentReader reader) {
        long unsent = Math.max(0, s.endOffset() - Math.max(s.baseOffset, minAck));
        if (s.pending()) {
            return Map.of(NOT_RECOVERED, unsent);
        }
        try {
            return reader.countByKey(s, minAck);
        } catch (IOException e) {
            LOG.warn("spool: cannot read {} to count what it held: {}", s.path, e.getMessage());
            return Map.of("?", unsent);
        }
    }

    /**
     * Drops the oldest segment (never the active one): its unsent records (from {@code minAck} on) are counted by
     * key, then it is removed, noted first in {@code offsets.state} if the disk allows (else the next start may
     * count its records as missing). The caller raises the sinks' positions past it.
     */
    void dropOldest(SegmentList segments, long minAck, SegmentReader reader, String why) {
        Segment s = segments.oldest();
        Map<String, Long> unsent = unsentByKey(s, minAck, reader);
        try {
            segments.removeOldest(1, true);
        } catch (IOException e) {
            writeFailed(e);
        }
        segmentDropped(s.path.getFileName().toString(), unsent, why);
    }

    /** A batch that was not spooled: every record counted under its key. */
    void batchDropped(List<SpoolEntry> entries) {
        for (SpoolEntry e : entries) {
            droppedByKey.computeIfAbsent(e.key(), k -> new LongAdder()).increment();
        }
        dropped.addAndGet(entries.size());
    }

    /**
     * The oldest segment {@code segment} was dropped with {@code unsentByKey} records no sink had acknowledged;
     * returns how many.
     */
    long segmentDropped(String segment, Map<String, Long> unsentByKey, String why) {
        long unsent = 0;
        for (Map.Entry<String, Long> e : unsentByKey.entrySet()) {
            droppedByKey.computeIfAbsent(e.getKey(), k -> new LongAdder()).add(e.getValue());
            unsent += e.getValue();
        }
        dropped.addAndGet(unsent);
        LOG.warn("spool: {}: dropped the oldest segment {} ({} unsent records)", why, segment, unsent);
        return unsent;
    }

    /** A write failed (full or read-only disk): counted, and logged once per distinct message. */
    void writeFailed(IOException e) {
        writeErrors.incrementAndGet();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        synchronized (this) {
            if (message.equals(lastWriteError)) {
                return;
            }
            lastWriteError = message;
        }
        LOG.error(
                "spool: cannot write to {}: {} (disk full or read-only? records are dropped by the {} policy "
                        + "and counted until it recovers)",
                dir,
                message,
                policy.key());
    }

    long dropped() {
        return dropped.get();
    }

    Map<String, Long> droppedByKey() {
        Map<String, Long> out = new HashMap<>();
        droppedByKey.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long writeErrors() {
        return writeErrors.get();
    }
}

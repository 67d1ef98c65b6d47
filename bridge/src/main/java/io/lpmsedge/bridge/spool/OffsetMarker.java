package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The spool's durable note of its newest segment and of the offsets it may hand out ({@code offsets.state}):
 * how recovery tells "the newest segment file is lost" from "there never was a newer one", and how it avoids
 * ever handing out an offset twice after such a loss.
 *
 * <p>Offsets are reserved ahead in blocks of {@link #RESERVE} (as PostgreSQL logs its sequences ahead): before
 * an append would use an offset at or past {@link #reservedEnd()}, a new end is written durably. So every offset
 * ever appended is below the durable reserved end, and after a lost newest segment the spool continues from
 * there: a few unused offsets are skipped, none is reused (a reused offset would make a sink's acknowledgement
 * or a dead letter's {@code spoolOffset} point at the wrong record). Costs one small atomic file write per
 * segment created and per million records.
 *
 * <p>It also notes {@link #removedBelow()}: every record below it was removed on purpose (delivered to every
 * sink, or dropped by the full policy), written before the segment files go. So recovery tells a lost oldest
 * segment (a hole above it) from segments deleted or dropped (below it): one more write per segment deleted.
 *
 * <p>Format: a {@link StateFile} of 5 values (newest base, reserved end, known end, skipped-to, removed-below);
 * a 4-value file (written before removed-below existed) reads with {@link #removedBelow()} unknown.
 */
final class OffsetMarker {
    static final String FILE_NAME = "offsets.state";
    /** Offsets reserved per write; about two minutes of appends at 20 sensors × 400 Hz. */
    static final long RESERVE = 1L << 20;

    private final StateFile file;
    private boolean present;
    private long newestBase;
    private long reservedEnd;
    private long knownEnd;
    private long skippedTo;
    private long removedBelow = -1;

    private OffsetMarker(StateFile file) {
        this.file = file;
    }

    /** Reads the marker in {@code dir}; {@link #present()} is false for a spool written before it existed. */
    static OffsetMarker load(FileStore store, Path dir) throws IOException {
        OffsetMarker m = new OffsetMarker(new StateFile(store, dir.resolve(FILE_NAME)));
        long[] v = m.file.read(5);
        if (v == null) {
            v = m.file.read(4);
        }
        if (v != null
                && v[0] >= 0
                && v[1] >= v[0]
                && v[2] >= 0
                && v[2] <= v[1]
                && v[3] >= 0
                && (v.length == 4 || v[4] >= -1 && v[4] <= v[1])) {
            m.present = true;
            m.newestBase = v[0];
            m.reservedEnd = v[1];
            m.knownEnd = v[2];
            m.skippedTo = v[3];
            m.removedBelow = v.length == 4 ? -1 : v[4];
        }
        return m;
    }

    boolean present() {
        return present;
    }

    /** Base offset of the newest segment ever created, as far as the marker knows. */
    long newestBase() {
        return newestBase;
    }

    /** Every offset ever handed out is below this. */
    long reservedEnd() {
        return reservedEnd;
    }

    /**
     * An offset every record below which was durably spooled at some point (the end at the last clean close, or
     * the newest segment's base): a lower bound for what a lost newest segment held.
     */
    long knownEnd() {
        return Math.max(knownEnd, newestBase);
    }

    /**
     * The base of the segment recovery began after skipping the offsets of a lost newest segment (0 if none):
     * the gap before it was reported when it was made and is not a new loss.
     */
    long skippedTo() {
        return skippedTo;
    }

    /**
     * Every record below this was removed on purpose (delivered to every sink, or dropped by the full policy) or
     * already reported missing; -1 when unknown (no marker, or one written before this was noted).
     */
    long removedBelow() {
        return removedBelow;
    }

    /** Notes, durably, that records below {@code offset} are being removed on purpose (before their files go). */
    void removedBelow(long offset) throws IOException {
        if (offset > removedBelow) {
            file.write(newestBase, Math.max(reservedEnd, offset), knownEnd, skippedTo, offset);
            reservedEnd = Math.max(reservedEnd, offset);
            removedBelow = offset;
            present = true;
        }
    }

    Path path() {
        return file.path();
    }

    /** A segment starting at {@code base} now exists (its directory entry is durable): note it. */
    void segmentCreated(long base) throws IOException {
        long end = Math.max(reservedEnd, base + RESERVE);
        file.write(base, end, Math.max(knownEnd, base), skippedTo, removedBelow);
        newestBase = base;
        reservedEnd = end;
        knownEnd = Math.max(knownEnd, base);
        present = true;
    }

    /** A segment starting at {@code base} was created past the offsets of a lost newest segment. */
    void segmentCreatedAfterLoss(long base) throws IOException {
        long saved = skippedTo;
        skippedTo = base;
        try {
            segmentCreated(base);
        } catch (IOException e) {
            skippedTo = saved;
            throw e;
        }
    }

    /** Notes that every record below {@code end} is durable (at a clean close, after the last fsync). */
    void durableUpTo(long end) throws IOException {
        if (present && end > knownEnd && end <= reservedEnd) {
            file.write(newestBase, reservedEnd, end, skippedTo, removedBelow);
            knownEnd = end;
        }
    }

    /** Makes sure every offset below {@code end} is reserved before it is appended. */
    void reserve(long end) throws IOException {
        if (!present || end > reservedEnd) {
            long newEnd = Math.max(end, reservedEnd) + RESERVE;
            file.write(newestBase, newEnd, knownEnd, skippedTo, removedBelow);
            reservedEnd = newEnd;
            present = true;
        }
    }
}

package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery of a spool directory: scans the newest segment at once (appends go on there) and leaves the
 * older ones {@linkplain Segment#pending pending} for {@link #scanPending} (in the background, or before
 * {@code open} returns); a torn or damaged tail is cut away. Recovery notices holes, which a power cut alone cannot make once directory entries are fsynced, but a lost directory entry, a
 * damaged file system or a hand-deleted file can:
 * <ul>
 *   <li>an oldest segment that is gone: the oldest file starts above {@link OffsetMarker#removedBelow()}, below
 *       which records were removed on purpose (delivered to every sink, or dropped by the full policy);</li>
 *   <li>a gap between one segment's last offset and the next segment's base;</li>
 *   <li>a newest segment that is gone although {@link OffsetMarker} (or a sink's acknowledgement) says it
 *       existed.</li>
 * </ul>
 * Each is logged at WARN with its count ("N records between X and Y are missing: segment file lost") and counted
 * in {@link Result#missingRecords()}: records every sink had acknowledged are delivered, not missing, and are not
 * counted. After a lost newest segment the spool continues at the marker's reserved end, so no offset is ever
 * handed out twice.
 */
final class SpoolRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolRecovery.class);
    /**
     * Ages of recovered records come from the files' wall-clock times; an age beyond this is taken for a clock
     * that was wrong when the file was written (a Pi has no RTC) and shown as this.
     */
    static final Duration MAX_RECOVERED_AGE = Duration.ofDays(30);

    private SpoolRecovery() {}

    /**
     * What recovery found.
     *
     * @param segments       the segments, oldest first; the last is the one to append to
     * @param ackFiles       each sink's acknowledgement file, by name
     * @param acked          each sink's stored acknowledgement (-1 when none), by name
     * @param tornBytes      bytes cut from torn or damaged tails
     * @param missingRecords records missing and not yet acknowledged by every sink (for a lost newest segment, a
     *                       lower bound: what the marker or an acknowledgement proves it held); pending segments
     *                       add theirs when scanned
     * @param minAck         the lowest stored acknowledgement, or the offset below which records were removed on
     *                       purpose if higher: records below it are gone but not missing
     * @param checkedBytes   bytes of the newest segment, checked already
     * @param pendingBytes   bytes of the pending segments, for progress reports
     */
    record Result(
            List<Segment> segments,
            Map<String, AckFile> ackFiles,
            Map<String, Long> acked,
            OffsetMarker marker,
            long tornBytes,
            long missingRecords,
            long minAck,
            long checkedBytes,
            long pendingBytes) {}

    static Result recover(SpoolConfig config, SpoolContext ctx, Collection<String> sinkNames, RecoveryProgress progress)
            throws IOException {
        Path dir = config.dir();
        FileStore store = ctx.files();
        Map<String, AckFile> ackFiles = new LinkedHashMap<>();
        for (String name : sinkNames) {
            ackFiles.put(name, new AckFile(store, dir, name));
        }
        try {
            store.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(
                    "cannot create the spool directory " + dir + ": " + e.getMessage()
                            + " (check [spool] dir and that the service user may write there)",
                    e);
        }
        Map<String, Long> acked = new LinkedHashMap<>();
        long maxAck = -1;
        long minAck = Long.MAX_VALUE;
        String maxAckSink = null;
        for (Map.Entry<String, AckFile> e : ackFiles.entrySet()) {
            long a = e.getValue().read();
            acked.put(e.getKey(), a);
            minAck = Math.min(minAck, Math.max(a, 0));
            if (a > maxAck) {
                maxAck = a;
                maxAckSink = e.getKey();
            }
        }
        OffsetMarker marker = OffsetMarker.load(store, dir);
        // Records below the lowest acknowledgement, or removed on purpose, are not missing when they are gone.
        Losses losses = new Losses(Math.max(minAck == Long.MAX_VALUE ? 0 : minAck, marker.removedBelow()));
        List<Segment> segments = new ArrayList<>();
        long[] checked = {0};
        long torn = 0;
        try {
            torn = scan(store, dir, ctx, progress, marker, losses, segments, checked);
            if (!segments.isEmpty()) {
                oldestEnd(segments.get(0), marker, losses);
            }
            long end =
                    segments.isEmpty() ? 0 : segments.get(segments.size() - 1).endOffset();
            long lastBase = segments.isEmpty() ? -1 : segments.get(segments.size() - 1).baseOffset;
            long next = end;
            boolean newestLost = marker.present() && marker.newestBase() > lastBase;
            if (newestLost) {
                long known = Math.max(marker.knownEnd(), maxAck);
                next = Math.max(end, marker.reservedEnd());
                LOG.warn(
                        "spool: the newest segment {} (recorded in {}) is missing: {} records from {} on are "
                                + "missing (at least; {} not yet delivered to every sink): segment file lost; new records "
                                + "start at {} so no offset is used twice",
                        Segment.fileName(marker.newestBase()),
                        marker.path().getFileName(),
                        Math.max(0, known - end),
                        end,
                        losses.add(end, known),
                        next);
            } else if (maxAck > end) {
                LOG.warn(
                        "spool: {} records between {} and {} are missing ({} not yet delivered to every sink): "
                                + "segment file lost (sink {} had acknowledged up to {})",
                        maxAck - end,
                        end,
                        maxAck,
                        losses.add(end, maxAck),
                        maxAckSink,
                        maxAck);
            }
            // Never hand out an offset a sink already acknowledged: new records would be taken as sent.
            next = Math.max(next, maxAck);
            if (segments.isEmpty() || next != end) {
                segments.add(Segment.create(store, dir, next));
                if (newestLost) {
                    marker.segmentCreatedAfterLoss(next);
                } else {
                    marker.segmentCreated(next);
                }
            } else if (!marker.present()) {
                marker.segmentCreated(segments.get(segments.size() - 1).baseOffset);
            }
            if (marker.removedBelow() < 0) { // a spool from before it was noted: it starts where it starts
                marker.removedBelow(segments.get(0).baseOffset);
            }
            long pendingBytes = 0;
            for (Segment s : segments) {
                pendingBytes += s.pending() ? s.size() : 0;
            }
            return new Result(
                    segments, ackFiles, acked, marker, torn, losses.missing, losses.minAck, checked[0], pendingBytes);
        } catch (IOException | RuntimeException e) {
            for (Segment s : segments) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw e;
        }
    }

    /**
     * A lost oldest segment: the oldest file starts above the offset below which records were removed on
     * purpose. Not a loss when that base is where recovery went on after a lost newest segment (counted then).
     * Once counted, the hole is noted as removed, so it is counted once (as every other hole).
     */
    private static void oldestEnd(Segment oldest, OffsetMarker marker, Losses losses) throws IOException {
        long removed = marker.removedBelow();
        if (removed >= 0 && oldest.baseOffset > removed && oldest.baseOffset != marker.skippedTo()) {
            LOG.warn(
                    "spool: {} records between {} and {} are missing ({} not yet delivered to every sink): the "
                            + "oldest segment file(s) lost (records below {} were delivered or dropped by the full policy, "
                            + "as {} notes; {} is the oldest segment left)",
                    oldest.baseOffset - removed,
                    removed,
                    oldest.baseOffset,
                    losses.add(removed, oldest.baseOffset),
                    removed,
                    marker.path().getFileName(),
                    oldest.path.getFileName());
            marker.removedBelow(oldest.baseOffset);
        }
    }

    /** Records missing from the spool that not every sink had acknowledged. */
    private static final class Losses {
        final long minAck;
        long missing;

        Losses(long minAck) {
            this.minAck = minAck;
        }

        /** Counts the undelivered part of {@code [from, to)} and returns it. */
        long add(long from, long to) {
            long n = Math.max(0, to - Math.max(from, minAck));
            missing += n;
            return n;
        }
    }

    /**
     * Recovers the newest segment file into {@code out} and adds the older ones as pending, oldest first;
     * returns the torn bytes cut away.
     */
    private static long scan(
            FileStore store,
            Path dir,
            SpoolContext ctx,
            RecoveryProgress progress,
            OffsetMarker marker,
            Losses losses,
            List<Segment> out,
            long[] checked)
            throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : store.list(dir)) {
            if (p.getFileName().toString().endsWith(Segment.SUFFIX)) {
                if (Segment.baseOffsetOf(p) < 0) {
                    LOG.warn("spool: ignoring unexpected file {}", p);
                } else {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparingLong(Segment::baseOffsetOf));
        long nowNanos = ctx.nanoTime().getAsLong();
        long nowMillis = ctx.clock().millis();
        long pendingBytes = 0;
        for (int i = 0; i < files.size() - 1; i++) {
            Path f = files.get(i);
            long size;
            try (StoredFile sf = store.open(f, FileStore.OpenMode.EXISTING)) {
                size = sf.size();
            }
            long base = Segment.baseOffsetOf(f);
            long age = clampAge(nowMillis - store.lastModifiedMillis(f));
            pendingBytes += size;
            out.add(Segment.pending(
                    f, base, Segment.baseOffsetOf(files.get(i + 1)) - base, size, nowNanos - age * 1_000_000));
        }
        if (files.isEmpty()) {
            return 0;
        }
        Path newest = files.get(files.size() - 1);
        long age = clampAge(nowMillis - store.lastModifiedMillis(newest));
        Segment.Recovered r = Segment.recover(store, newest, Segment.baseOffsetOf(newest), nowNanos - age * 1_000_000);
        out.add(r.segment());
        checked[0] = r.scan().fileBytes();
        progress.scanned(checked[0], checked[0] + pendingBytes);
        return tornBytes(r);
    }

    private static long tornBytes(Segment.Recovered r) {
        Segment.Scan scan = r.scan();
        if (scan.torn()) {
            LOG.warn(
                    "spool: {} had a damaged or torn tail; kept {} records, truncated {} bytes",
                    r.segment().path.getFileName(),
                    scan.records(),
                    scan.fileBytes() - scan.validBytes());
        }
        return scan.fileBytes() - scan.validBytes();
    }

    /**
     * Scans a pending segment (not under the spool's lock: nothing else touches its file until it is installed).
     * The caller installs the result in place of {@code pending}.
     */
    static Segment.Recovered scanPending(FileStore store, Segment pending) throws IOException {
        return Segment.recover(store, pending.path, pending.baseOffset, pending.firstAppendNanos());
    }

    /**
     * What a scanned pending segment tells: bytes cut from its tail, and records missing before the next
     * segment's base ({@code nextBase}), logged at WARN. Returns {@code {tornBytes, missingRecords}}.
     */
    static long[] account(Segment.Recovered r, long nextBase, long minAck, OffsetMarker marker) {
        long torn = tornBytes(r);
        long end = r.segment().endOffset();
        long missing = 0;
        if (end != nextBase && nextBase != marker.skippedTo()) {
            missing = Math.max(0, nextBase - Math.max(end, minAck));
            LOG.warn(
                    "spool: {} records between {} and {} are missing ({} not yet delivered to every sink): segment "
                            + "file lost or cut short (after {})",
                    nextBase - end,
                    end,
                    nextBase,
                    missing,
                    r.segment().path.getFileName());
        }
        return new long[] {torn, missing};
    }

    /** A recovered file's age: never negative (a file from the "future" is a clock that was stepped back). */
    static long clampAge(long millis) {
        return Math.max(0, Math.min(millis, MAX_RECOVERED_AGE.toMillis()));
    }
}

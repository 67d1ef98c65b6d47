package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's segments, oldest first (the last is the one appended to), and their total size. Removing the
 * oldest segments goes through {@link #removeOldest}, which notes the removal in {@code offsets.state} before the
 * files go: that is how recovery tells a segment removed on purpose from a lost one. Never empty once opened.
 * Not thread-safe: the {@link Spool} uses it under its lock.
 */
final class SegmentList {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentList.class);

    private final List<Segment> segments = new ArrayList<>();
    private final FileStore store;
    private final Path dir;
    private final OffsetMarker marker;
    /** Told of each segment removed, before its file is deleted (a reader forgets what it buffered of it). */
    private final Consumer<Segment> onRemoved;

    private long totalBytes;

    SegmentList(FileStore store, Path dir, OffsetMarker marker, List<Segment> recovered, Consumer<Segment> onRemoved) {
        this.store = store;
        this.dir = dir;
        this.marker = marker;
        this.onRemoved = onRemoved;
        for (Segment s : recovered) {
            add(s);
        }
    }

    int size() {
        return segments.size();
    }

    Segment get(int i) {
        return segments.get(i);
    }

    Segment oldest() {
        return segments.get(0);
    }

    Segment active() {
        return segments.get(segments.size() - 1);
    }

    List<Segment> all() {
        return List.copyOf(segments);
    }

    /** Bytes of every segment file (pending ones as their files were found). */
    long totalBytes() {
        return totalBytes;
    }

    /** The segment holding {@code offset}: the last one starting at or before it (0 if none does). */
    int indexOf(long offset) {
        for (int i = segments.size() - 1; i > 0; i--) {
            if (segments.get(i).baseOffset <= offset) {
                return i;
            }
        }
        return 0;
    }

    /** The oldest segment not checked yet, or null. */
    Segment firstPending() {
        for (Segment s : segments) {
            if (s.pending()) {
                return s;
            }
        }
        return null;
    }

    /** The oldest segment holding a record at or past {@code offset}, or null. */
    Segment oldestHolding(long offset) {
        for (Segment s : segments) {
            if (s.endOffset() > offset && s.records() > 0) {
                return s;
            }
        }
        return null;
    }

    /** A new active segment. */
    void add(Segment s) {
        segments.add(s);
        totalBytes += s.size();
    }

    /** Bytes were appended to the active segment. */
    void grew(long bytes) {
        totalBytes += bytes;
    }

    /** Puts a checked segment in place of its pending one; false (and nothing changes) if that one is gone. */
    boolean replace(Segment pending, Segment checked) {
        int i = segments.indexOf(pending);
        if (i < 0) {
            return false;
        }
        segments.set(i, checked);
        totalBytes += checked.size() - pending.size();
        return true;
    }

    /** The offset after {@code s}'s records as the next segment tells (its base). */
    long nextBase(Segment s) {
        return segments.get(segments.indexOf(s) + 1).baseOffset;
    }

    /** Takes a segment that cannot be read out of the list (its file stays, for a look by hand). */
    boolean removeUnreadable(Segment s) {
        if (!segments.remove(s)) {
            return false;
        }
        totalBytes -= s.size();
        return true;
    }

    /**
     * Removes and deletes the {@code count} oldest segments (never the active one), noting first in
     * {@code offsets.state} that records below the new oldest are removed on purpose, so a power cut in between
     * never makes them look lost. When that note cannot be written: with {@code evenIfUnnoted} (the full policy
     * freeing a full disk) the files go anyway and the note is tried again after; otherwise nothing is removed
     * (tried again at the next acknowledgement).
     *
     * @return the segments removed (closed and deleted, or logged when a delete failed)
     */
    List<Segment> removeOldest(int count, boolean evenIfUnnoted) throws IOException {
        int n = Math.min(count, segments.size() - 1);
        if (n <= 0) {
            return List.of();
        }
        long keptFrom = segments.get(n).baseOffset;
        IOException unnoted = null;
        try {
            marker.removedBelow(keptFrom);
        } catch (IOException e) {
            if (!evenIfUnnoted) {
                throw e;
            }
            unnoted = e;
        }
        List<Segment> removed = new ArrayList<>(segments.subList(0, n));
        segments.subList(0, n).clear();
        for (Segment s : removed) {
            totalBytes -= s.size();
            onRemoved.accept(s);
            try {
                s.delete(store);
            } catch (IOException e) {
                LOG.warn("spool: cannot delete {}: {}", s.path, e.getMessage());
            }
        }
        try {
            store.syncDirectory(dir);
        } catch (IOException e) {
            LOG.warn("spool: cannot fsync the directory {}: {}", dir, e.getMessage());
        }
        if (unnoted != null) {
            marker.removedBelow(keptFrom); // the space is free now; if this fails too, the caller reports it
        }
        return removed;
    }

    /** Removes the oldest segments whose records are all below {@code minAck} (never the active one). */
    void removeAcknowledged(long minAck) throws IOException {
        int n = 0;
        while (n < segments.size() - 1 && segments.get(n).endOffset() <= minAck) {
            n++;
        }
        removeOldest(n, false);
    }

    void closeAll() throws IOException {
        IOException first = null;
        for (Segment s : segments) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

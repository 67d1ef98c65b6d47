package io.lpmsedge.bridge.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmsedge.bridge.spool.FileStore;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.bridge.spool.StoredFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records a sink refused for good (a client error no resend can fix), parked one JSON object per line with the
 * reason, so that nothing is silently dropped and an operator can replay them after a fix.
 *
 * <p>Contract: {@link #park} returns only once the line is durable (the file fsynced, and the directory too when
 * the call created the file), so a caller may let the record leave the spool as soon as it returns; on any
 * {@link IOException} nothing was parked and the record must stay in the spool. A torn line left by a power cut
 * during an earlier park is closed with a newline before the next line is added, so every complete line stays
 * one JSON object.
 *
 * <p>Bounded by {@code [spool] dead_letter_max_bytes} (beside the spool's {@code max_bytes}, not inside it: the
 * spool's full policy may drop old segments, but a parked record is never dropped): a park that would pass the
 * bound writes nothing and throws {@link FullException}. The file is opened per park, so an operator may move it
 * away at any time; the next park starts a new one. Thread-safe.
 */
public final class DeadLetterFile {
    private final Path path;
    private final long maxBytes;
    private final FileStore store;
    private final Clock clock;
    private final JsonFactory json = new JsonFactory();
    private final AtomicLong parkedRecords = new AtomicLong();
    private final AtomicLong parkedBytes = new AtomicLong();
    private final AtomicLong fullRefusals = new AtomicLong();
    /** Size of the last line refused for want of room, 0 when the last park succeeded. */
    private volatile long refusedLineBytes;

    /** A park refused because the file reached {@code dead_letter_max_bytes}; the record stays in the spool. */
    public static final class FullException extends IOException {
        public FullException(String message) {
            super(message);
        }
    }

    /** A file on the real disk with the default bound. */
    public DeadLetterFile(Path path) {
        this(path, SpoolConfig.DEFAULT_DEAD_LETTER_MAX_BYTES, FileStore.DISK, Clock.systemUTC());
    }

    /**
     * @param maxBytes bound on the file's size
     * @param clock    the wall clock, only for the "time" field of each line
     */
    public DeadLetterFile(Path path, long maxBytes, FileStore store, Clock clock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("dead-letter bound must be positive, was " + maxBytes);
        }
        this.path = path;
        this.maxBytes = maxBytes;
        this.store = store;
        this.clock = clock;
    }

    public Path path() {
        return path;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Appends one line for {@code r} and fsyncs it before returning.
     *
     * @throws FullException the line would take the file past its bound; nothing was written
     * @throws IOException   the line could not be written or made durable; nothing is parked
     */
    public synchronized void park(String sink, SpooledRecord r, String reason) throws IOException {
        byte[] line = line(sink, r, reason);
        Path dir = path.toAbsolutePath().getParent();
        store.createDirectories(dir);
        boolean created = !store.exists(path);
        try (StoredFile f = store.open(path, FileStore.OpenMode.CREATE)) {
            long size = f.size();
            boolean tornTail = size > 0 && lastByte(f, size) != '\n';
            long needed = line.length + (tornTail ? 1 : 0);
            if (size + needed > maxBytes) {
                fullRefusals.incrementAndGet();
                refusedLineBytes = needed;
                throw new FullException("dead-letter file " + path + " is full: " + size + " bytes, and record "
                        + r.offset() + " of sink " + sink + " (" + needed + " bytes) would pass its bound of "
                        + maxBytes + " bytes ([spool] dead_letter_max_bytes); the record stays in the spool. "
                        + "Look at the file, then move it away (the next park starts a new one) or raise "
                        + "dead_letter_max_bytes");
            }
            ByteBuffer out = ByteBuffer.allocate((int) needed);
            if (tornTail) {
                out.put((byte) '\n');
            }
            out.put(line).flip();
            try {
                f.write(out, size);
                f.force();
            } catch (IOException e) {
                try {
                    f.truncate(size); // no half line before the next park
                } catch (IOException ignored) {
                    // the next park closes a torn line with a newline
                }
                throw e;
            }
        }
        if (created) {
            store.syncDirectory(dir); // the new file's entry: without it, the fsynced lines could vanish with it
        }
        refusedLineBytes = 0;
        parkedRecords.incrementAndGet();
        parkedBytes.addAndGet(line.length);
    }

    private byte[] line(String sink, SpooledRecord r, String reason) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + r.entry().value().length * 4 / 3);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", clock.instant().toString());
            g.writeStringField("sink", sink);
            g.writeStringField("reason", reason == null ? "" : reason);
            g.writeNumberField("spoolOffset", r.offset());
            g.writeStringField("topic", r.entry().topic());
            g.writeStringField("key", r.entry().key());
            g.writeStringField(
                    "valueBase64", Base64.getEncoder().encodeToString(r.entry().value()));
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static int lastByte(StoredFile f, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        f.readFully(b, size - 1);
        return b.get(0);
    }

    /** Records parked since start. */
    public long parkedRecords() {
        return parkedRecords.get();
    }

    /** Bytes parked since start. */
    public long parkedBytes() {
        return parkedBytes.get();
    }

    /** Parks refused because the file was full, since start. */
    public long fullRefusals() {
        return fullRefusals.get();
    }

    /** The file's size now (0 when there is none). */
    public long fileBytes() {
        if (!store.exists(path)) {
            return 0;
        }
        try (StoredFile f = store.open(path, FileStore.OpenMode.EXISTING)) {
            return f.size();
        } catch (IOException e) {
            return 0; // moved away between the two calls
        }
    }

    /**
     * Whether the last park was refused for want of room and still would be (an operator who moved the file
     * away or emptied it makes this false at once, before the next park).
     */
    public boolean full() {
        long refused = refusedLineBytes;
        return refused > 0 && fileBytes() + refused > maxBytes;
    }
}

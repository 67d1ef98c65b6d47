package io.lpmsedge.bridge.delivery.file;

import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.record.JsonRecordFormat;
import io.lpmsedge.record.RecordDecoder;
import io.lpmsedge.record.RecordFormat;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes each record's value as one line to a file (appended) or standard output: the JSON Lines sink, for a
 * bridge without a cluster, debugging, or tests. A write error is a retry, like any sink's. CBOR values
 * ({@code [record] format = "cbor"}) are written as their schema-1 JSON (a lossless round trip), so the file
 * stays JSON Lines whatever the record format.
 *
 * <p>A batch is reported delivered only once its lines are on disk (the file is fsynced after each batch, and
 * its directory when the file is created): the spool releases delivered records, so a line that was only in the
 * page cache would be lost by a power cut with no copy left anywhere. Standard output cannot be synced; it is
 * flushed.
 */
public final class JsonLinesFileSink implements DeliverySink {
    private final String name;
    private final OutputStream out;
    /** The file's channel, to fsync; null for standard output. */
    private final FileChannel channel;

    private final boolean closeTarget;
    private final RecordDecoder decoder = new RecordDecoder();
    private final JsonRecordFormat json = new JsonRecordFormat();

    /** The sink a {@code [[sink]]} of type jsonl describes (its records are written as JSON whatever the format). */
    public static JsonLinesFileSink open(JsonLinesSpec spec, RecordFormat format) throws IOException {
        return new JsonLinesFileSink(spec.name(), spec.path());
    }

    public JsonLinesFileSink(String name, String path) throws IOException {
        this.name = name;
        if (path.equals("-")) {
            this.out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
            this.channel = null;
            this.closeTarget = false;
        } else {
            Path file = Path.of(path);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean created = !Files.exists(file);
            FileOutputStream target = new FileOutputStream(file.toFile(), true);
            this.channel = target.getChannel();
            this.out = new BufferedOutputStream(target, 1 << 16);
            this.closeTarget = true;
            if (created && parent != null) {
                syncDirectory(parent);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized SendResult send(String topic, List<SpooledRecord> batch) {
        try {
            for (SpooledRecord r : batch) {
                byte[] value = r.entry().value();
                out.write(RecordDecoder.formatOf(value).equals("json") ? value : json.encode(decoder.decode(value)));
                out.write('\n');
            }
            out.flush();
            if (channel != null) {
                channel.force(false);
            }
            return SendResult.all(batch.size(), RecordStatus.DELIVERED, null, null, 0);
        } catch (IOException e) {
            return SendResult.all(batch.size(), RecordStatus.RETRY, null, "io: " + e.getMessage(), 0);
        }
    }

    /** Makes a new file's directory entry durable (on Linux: fsync of the directory opened read-only). */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (closeTarget) {
                out.close();
            } else {
                out.flush();
            }
        } catch (IOException ignored) {
            // nothing left to do: every record written was acknowledged only after a successful flush
        }
    }
}

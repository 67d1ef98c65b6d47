package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A few longs kept in a small file, replaced atomically: write a temporary file, fsync it, rename it over the
 * old one, fsync the directory. A crash leaves the old or the new value, never a torn one (CRC-32C checked),
 * and once {@link #write} returned the new value survives a power cut (the rename is durable only after the
 * directory's fsync; without it, a power cut could bring the old value back).
 *
 * <p>Format: {@code n × i64 | u32 CRC-32C of those 8n bytes}, big-endian.
 */
final class StateFile {
    private final FileStore store;
    private final Path path;

    StateFile(FileStore store, Path path) {
        this.store = store;
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The {@code count} stored values, or null when the file is missing, damaged or of another length. */
    long[] read(int count) throws IOException {
        if (!store.exists(path)) {
            return null;
        }
        int bytes = 8 * count + 4;
        ByteBuffer in = ByteBuffer.allocate(bytes);
        try (StoredFile f = store.open(path, FileStore.OpenMode.EXISTING)) {
            if (f.size() != bytes) {
                return null;
            }
            f.readFully(in, 0);
        }
        CRC32C crc = new CRC32C();
        crc.update(in.array(), 0, 8 * count);
        if ((int) crc.getValue() != in.getInt(8 * count)) {
            return null;
        }
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = in.getLong(8 * i);
        }
        return out;
    }

    void write(long... values) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(8 * values.length + 4);
        for (long v : values) {
            out.putLong(v);
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, 8 * values.length);
        out.putInt((int) crc.getValue());
        out.flip();
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (StoredFile f = store.open(tmp, FileStore.OpenMode.CREATE)) {
            f.truncate(0);
            f.write(out, 0);
            f.force();
        }
        store.replace(tmp, path);
        store.syncDirectory(path.toAbsolutePath().getParent());
    }
}

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
 * <p>Format: {@code n × i64 | u32 CRC-32C of those 8n bytes}, big-endian. A later version only ever appends
 * values, and a reader takes the first ones it knows from a longer file: so after a downgrade the older bridge
 * keeps what it understands instead of taking the file for absent (which bridges before this rule did with
 * {@code offsets.state}: docs/durability.md "Downgrading").
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

    /** Values a state file may hold: far more than any version writes, few enough to read at once. */
    static final int MAX_VALUES = 64;

    /**
     * The first {@code count} stored values, or null when the file is missing, damaged or holds fewer (a file
     * with more values, from a later version, gives its first {@code count}).
     */
    long[] read(int count) throws IOException {
        if (!store.exists(path)) {
            return null;
        }
        ByteBuffer in;
        int stored;
        try (StoredFile f = store.open(path, FileStore.OpenMode.EXISTING)) {
            long size = f.size();
            if (size < 8L * count + 4 || size > 8L * MAX_VALUES + 4 || (size - 4) % 8 != 0) {
                return null;
            }
            stored = (int) (size - 4) / 8;
            in = ByteBuffer.allocate((int) size);
            f.readFully(in, 0);
        }
        CRC32C crc = new CRC32C();
        crc.update(in.array(), 0, 8 * stored);
        if ((int) crc.getValue() != in.getInt(8 * stored)) {
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

package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * How far one sink has acknowledged the spool: 8-byte offset + CRC-32C, replaced atomically (write a temporary
 * file, fsync, rename), so a crash leaves either the old or the new value, never a torn one.
 */
final class AckFile {
    private final Path path;

    AckFile(Path dir, String sinkName) {
        this.path = dir.resolve("ack-" + sinkName + ".offset");
    }

    /** The stored offset, or -1 when there is none or it is damaged (then the sink resends from the start). */
    long read() throws IOException {
        if (!Files.exists(path)) {
            return -1;
        }
        byte[] b = Files.readAllBytes(path);
        if (b.length != 12) {
            return -1;
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        long offset = in.getLong();
        CRC32C crc = new CRC32C();
        crc.update(b, 0, 8);
        return (int) crc.getValue() == in.getInt() && offset >= 0 ? offset : -1;
    }

    void write(long offset) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(12);
        out.putLong(offset);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, 8);
        out.putInt((int) crc.getValue());
        out.flip();
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

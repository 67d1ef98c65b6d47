package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * An in-memory {@link FileStore} that loses, at a simulated power cut, everything that was not made durable, as
 * SQLite's crash-test VFS and LazyFS do: a file keeps only the bytes it had at its last {@link StoredFile#force},
 * and a directory keeps only the entries it had at its last {@link #syncDirectory} (a create, rename or delete
 * since then is undone). Directories themselves are taken as durable once created.
 *
 * <p>Every mutating operation (create, write, truncate, force, rename, delete, directory fsync) is a numbered cut
 * point: {@link #cutPowerAt(long)} makes that operation, and every one after it, throw {@link PowerCut} instead
 * of happening, so a test
 * can run a workload once per cut point. {@link #afterPowerCut(Random)} then gives the disk as it is found at the
 * next boot; with a {@link Random}, each file also keeps a random part of its unsynced appended bytes, the last
 * of them possibly garbled (a torn write), which a strict model never shows.
 */
public final class SimulatedDisk implements FileStore {
    /** The power failed at the chosen operation; nothing after it happened. */
    public static final class PowerCut extends RuntimeException {
        PowerCut(long operation, String what) {
            super("power cut at operation " + operation + " (" + what + ")", null, false, false);
        }
    }

    private static final class Inode {
        byte[] data = new byte[0];
        int length;
        byte[] durable = new byte[0];
        long mtime;
    }

    private final Map<Path, Map<String, Inode>> live = new HashMap<>();
    private final Map<Path, Map<String, Inode>> durable = new HashMap<>();
    private final LongSupplier wallMillis;
    private long operations;
    private long cutAt = Long.MAX_VALUE;
    private final List<String> trace = new ArrayList<>();
    private boolean tracing;

    /** @param wallMillis the time stamped on written files */
    public SimulatedDisk(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    /** Operation {@code n} (1-based) throws {@link PowerCut} instead of happening. */
    public void cutPowerAt(long n) {
        this.cutAt = n;
    }

    /** Mutating operations so far: the cut points of a run. */
    public long operations() {
        return operations;
    }

    /** Keeps a line per mutating operation (for a failure message). */
    public void trace(boolean on) {
        tracing = on;
    }

    public List<String> traceLines() {
        return List.copyOf(trace);
    }

    /** The disk as the next boot finds it: only durable data and entries (see the class comment). */
    public SimulatedDisk afterPowerCut(Random tornWrites) {
        SimulatedDisk next = new SimulatedDisk(wallMillis);
        for (Map.Entry<Path, Map<String, Inode>> dir : durable.entrySet()) {
            Map<String, Inode> entries = new LinkedHashMap<>();
            Map<Inode, Inode> copies = new HashMap<>();
            for (Map.Entry<String, Inode> e : dir.getValue().entrySet()) {
                Inode old = e.getValue();
                Inode copy = copies.computeIfAbsent(old, o -> survivor(o, tornWrites));
                entries.put(e.getKey(), copy);
            }
            next.live.put(dir.getKey(), entries);
            next.durable.put(dir.getKey(), new LinkedHashMap<>(entries));
        }
        return next;
    }

    private static Inode survivor(Inode old, Random torn) {
        byte[] kept = old.durable.clone();
        if (torn != null
                && old.length > kept.length
                && Arrays.equals(old.data, 0, kept.length, kept, 0, kept.length)
                && torn.nextBoolean()) {
            int extra = torn.nextInt(old.length - kept.length + 1);
            byte[] longer = Arrays.copyOf(old.data, kept.length + extra);
            if (extra > 0 && torn.nextBoolean()) {
                longer[longer.length - 1 - torn.nextInt(extra)] ^= (byte) (1 + torn.nextInt(255));
            }
            kept = longer;
        }
        Inode i = new Inode();
        i.data = kept;
        i.length = kept.length;
        i.durable = kept.clone();
        i.mtime = old.mtime;
        return i;
    }

    /** The file's bytes as a reader sees them now. */
    public byte[] read(Path file) throws IOException {
        Inode i = inode(file);
        return Arrays.copyOf(i.data, i.length);
    }

    /** Removes a directory entry at once and durably: a file lost by a damaged file system or an operator. */
    public void lose(Path file) throws IOException {
        inode(file);
        live.get(dirOf(file)).remove(name(file));
        durable.get(dirOf(file)).remove(name(file));
    }

    private void tick(String what) {
        operations++;
        if (tracing) {
            trace.add(operations + " " + what);
        }
        if (operations >= cutAt) {
            // and every operation after it: nothing more reaches the disk (a close() on the way out, say)
            throw new PowerCut(cutAt, what);
        }
    }

    private static Path dirOf(Path file) {
        return file.toAbsolutePath().getParent();
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private Map<String, Inode> dir(Path dir) throws IOException {
        Map<String, Inode> d = live.get(dir.toAbsolutePath());
        if (d == null) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory");
        }
        return d;
    }

    private Inode inode(Path file) throws IOException {
        Inode i = dir(dirOf(file)).get(name(file));
        if (i == null) {
            throw new NoSuchFileException(file.toString());
        }
        return i;
    }

    @Override
    public StoredFile open(Path file, OpenMode mode) throws IOException {
        Map<String, Inode> d = dir(dirOf(file));
        Inode i = d.get(name(file));
        if (i != null && mode == OpenMode.CREATE_NEW) {
            throw new FileAlreadyExistsException(file.toString());
        }
        if (i == null) {
            if (mode == OpenMode.EXISTING) {
                throw new NoSuchFileException(file.toString());
            }
            tick("create " + name(file));
            i = new Inode();
            i.mtime = wallMillis.getAsLong();
            d.put(name(file), i);
        }
        return new Handle(i, name(file));
    }

    @Override
    public boolean exists(Path file) {
        Map<String, Inode> d = live.get(dirOf(file));
        return d != null && d.containsKey(name(file));
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        List<Path> out = new ArrayList<>();
        for (String n : dir(abs).keySet()) {
            out.add(abs.resolve(n));
        }
        return out;
    }

    @Override
    public void replace(Path from, Path to) throws IOException {
        Inode i = inode(from);
        tick("rename " + name(from) + " -> " + name(to));
        Map<String, Inode> d = dir(dirOf(from));
        d.remove(name(from));
        d.put(name(to), i);
    }

    @Override
    public void delete(Path file) throws IOException {
        if (exists(file)) {
            tick("delete " + name(file));
            dir(dirOf(file)).remove(name(file));
        }
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        Map<String, Inode> d = dir(dir);
        tick("fsync dir " + dir.getFileName());
        durable.put(dir.toAbsolutePath(), new LinkedHashMap<>(d));
    }

    @Override
    public void createDirectories(Path dir) {
        Path abs = dir.toAbsolutePath();
        for (Path p = abs; p != null; p = p.getParent()) {
            live.putIfAbsent(p, new LinkedHashMap<>());
            durable.putIfAbsent(p, new LinkedHashMap<>());
        }
    }

    @Override
    public long lastModifiedMillis(Path file) throws IOException {
        return inode(file).mtime;
    }

    /** Sets a file's time stamp (an old file, or one written under a wrong clock). */
    public void setLastModified(Path file, long millis) throws IOException {
        inode(file).mtime = millis;
    }

    /** Files (by name) whose directory entry is not durable yet. */
    public Set<String> unsyncedEntries(Path dir) {
        Set<String> out =
                new HashSet<>(live.getOrDefault(dir.toAbsolutePath(), Map.of()).keySet());
        out.removeAll(durable.getOrDefault(dir.toAbsolutePath(), Map.of()).keySet());
        return out;
    }

    private final class Handle implements StoredFile {
        private final Inode inode;
        private final String name;
        private boolean closed;

        Handle(Inode inode, String name) {
            this.inode = inode;
            this.name = name;
        }

        private void open() throws IOException {
            if (closed) {
                throw new IOException(name + " is closed");
            }
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            open();
            if (position >= inode.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), inode.length - position);
            dst.put(inode.data, (int) position, n);
            return n;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            open();
            tick("write " + name + " " + src.remaining() + " bytes at " + position);
            int n = src.remaining();
            int end = (int) position + n;
            if (end > inode.data.length) {
                inode.data = Arrays.copyOf(inode.data, Math.max(end, inode.data.length * 2));
            }
            src.get(inode.data, (int) position, n);
            inode.length = Math.max(inode.length, end);
            inode.mtime = wallMillis.getAsLong();
        }

        @Override
        public long size() throws IOException {
            open();
            return inode.length;
        }

        @Override
        public void truncate(long size) throws IOException {
            open();
            if (size < inode.length) {
                tick("truncate " + name + " to " + size);
                Arrays.fill(inode.data, (int) size, inode.length, (byte) 0);
                inode.length = (int) size;
            }
        }

        @Override
        public void force() throws IOException {
            open();
            tick("fsync " + name);
            inode.durable = Arrays.copyOf(inode.data, inode.length);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

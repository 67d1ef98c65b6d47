package io.lpmsedge.bridge.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link FileStore} that passes every operation to another one; extend it to change one or two (a store that
 * throttles reads in a benchmark, one that holds or fails opens in a test).
 */
public abstract class ForwardingFileStore implements FileStore {
    protected final FileStore delegate;

    protected ForwardingFileStore(FileStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public StoredFile open(Path file, OpenMode mode) throws IOException {
        return delegate.open(file, mode);
    }

    @Override
    public boolean exists(Path file) {
        return delegate.exists(file);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public void replace(Path from, Path to) throws IOException {
        delegate.replace(from, to);
    }

    @Override
    public void delete(Path file) throws IOException {
        delegate.delete(file);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        delegate.syncDirectory(dir);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public long lastModifiedMillis(Path file) throws IOException {
        return delegate.lastModifiedMillis(file);
    }
}

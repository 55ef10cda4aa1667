package dev.remotestore;

import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link Backend} that forwards every call to another: the base of decorators (caching, observing,
 * restricting) that override only what they change. Thread-safe if the delegate is.
 */
public abstract class ForwardingBackend implements Backend {
    private final Backend delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingBackend(Backend delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The backend calls are forwarded to. */
    protected final Backend delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public CapabilitySet capabilities() {
        return delegate.capabilities();
    }

    @Override
    public boolean exists(RemotePath path) {
        return delegate.exists(path);
    }

    @Override
    public boolean isFile(RemotePath path) {
        return delegate.isFile(path);
    }

    @Override
    public boolean isFolder(RemotePath path) {
        return delegate.isFolder(path);
    }

    @Override
    public InputStream read(RemotePath path) {
        return delegate.read(path);
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        return delegate.readRange(path, offset, length);
    }

    @Override
    public void write(RemotePath path, InputStream content, WriteOptions options) {
        delegate.write(path, content, options);
    }

    @Override
    public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
        delegate.writeAtomic(path, content, options);
    }

    @Override
    public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
        return delegate.openAtomic(path, options);
    }

    @Override
    public boolean delete(RemotePath path) {
        return delegate.delete(path);
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        delegate.deleteFolder(path, recursive);
    }

    @Override
    public boolean deleteIfMatches(RemotePath path, String digest) {
        return delegate.deleteIfMatches(path, digest);
    }

    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        return delegate.listFiles(folder, recursive);
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        return delegate.listFolders(folder);
    }

    @Override
    public Stream<FileInfo> glob(Glob glob) {
        return delegate.glob(glob);
    }

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        return delegate.getFileInfo(path);
    }

    @Override
    public FolderInfo getFolderInfo(RemotePath path) {
        return delegate.getFolderInfo(path);
    }

    @Override
    public void move(RemotePath source, RemotePath target, WriteOptions options) {
        delegate.move(source, target, options);
    }

    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        delegate.copy(source, target, options);
    }

    @Override
    public ResolutionPlan resolve(RemotePath path) {
        return delegate.resolve(path);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return delegate.unwrap(type);
    }

    @Override
    public RemotePath toKey(String nativePath) {
        return delegate.toKey(nativePath);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}

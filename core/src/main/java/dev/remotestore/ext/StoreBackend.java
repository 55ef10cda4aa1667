package dev.remotestore.ext;

import dev.remotestore.AtomicOutput;
import dev.remotestore.Backend;
import dev.remotestore.CapabilitySet;
import dev.remotestore.DeleteOption;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.Glob;
import dev.remotestore.ListOption;
import dev.remotestore.RemotePath;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link Backend} that forwards every call to a {@link Store}: the base of the wrappers in this package, which
 * build on the Store API alone. Paths pass through unchanged (the wrapping store's root is the origin's).
 */
abstract class StoreBackend implements Backend {
    final Store origin;

    StoreBackend(Store origin) {
        this.origin = origin;
    }

    @Override
    public String description() {
        return name() + " of " + origin;
    }

    @Override
    public CapabilitySet capabilities() {
        return origin.capabilities();
    }

    @Override
    public boolean exists(RemotePath path) {
        return origin.exists(path.toString());
    }

    @Override
    public boolean isFile(RemotePath path) {
        return origin.isFile(path.toString());
    }

    @Override
    public boolean isFolder(RemotePath path) {
        return origin.isFolder(path.toString());
    }

    @Override
    public InputStream read(RemotePath path) {
        return origin.read(path.toString());
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        return origin.readRange(path.toString(), offset, length);
    }

    @Override
    public void write(RemotePath path, InputStream content, WriteOptions options) {
        origin.write(path.toString(), content, options.toWriteOptions());
    }

    @Override
    public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
        origin.writeAtomic(path.toString(), content, options.toWriteOptions());
    }

    @Override
    public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
        return origin.openAtomic(path.toString(), options.toWriteOptions());
    }

    @Override
    public boolean delete(RemotePath path) {
        return origin.deleteIfExists(path.toString());
    }

    @Override
    public boolean deleteIfMatches(RemotePath path, String digest) {
        return origin.deleteIfMatches(path.toString(), digest);
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        if (recursive) {
            origin.deleteFolder(path.toString(), DeleteOption.RECURSIVE);
        } else {
            origin.deleteFolder(path.toString());
        }
    }

    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        return recursive
                ? origin.listFiles(folder.toString(), ListOption.RECURSIVE)
                : origin.listFiles(folder.toString());
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        return origin.listFolders(folder.toString());
    }

    @Override
    public Stream<FileInfo> glob(Glob glob) {
        // the glob's base carries the wrapping store's root; list from there over the origin
        return Backend.super.glob(glob);
    }

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        return origin.getFileInfo(path.toString());
    }

    @Override
    public FolderInfo getFolderInfo(RemotePath path) {
        return origin.getFolderInfo(path.toString());
    }

    @Override
    public void move(RemotePath source, RemotePath target, WriteOptions options) {
        origin.move(source.toString(), target.toString(), options.toWriteOptions());
    }

    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        origin.copy(source.toString(), target.toString(), options.toWriteOptions());
    }

    @Override
    public ResolutionPlan resolve(RemotePath path) {
        return origin.resolve(path.toString());
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        try {
            return Optional.of(origin.unwrap(type));
        } catch (dev.remotestore.CapabilityNotSupportedException e) {
            return Optional.empty();
        }
    }

    @Override
    public RemotePath toKey(String nativePath) {
        return RemotePath.parse(origin.toKey(nativePath));
    }

    @Override
    public void close() {
        origin.close();
    }
}

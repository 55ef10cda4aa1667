package dev.remotestore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The service-provider interface: one strategy for resolving keys to bytes. Users call {@link Store}; backend
 * authors implement this interface (or extend {@link ForwardingBackend}) and check it with the conformance kit
 * ({@code dev.remotestore.testkit.StoreConformanceTest} in the {@code remote-store-core} test-jar).
 *
 * <p>Paths arrive normalized and validated, the store root already prepended. {@link Store} has already
 * checked the capability of every gated call and rejected the root for file operations. A backend still
 * owns the rules that need its own state: a folder where a file is needed, or a file used as a folder, is an
 * {@link InvalidPathException}; a missing file a {@link NotFoundException}; an existing target without
 * {@link WriteOptions#overwrite()} an {@link AlreadyExistsException}. No driver or JDK exception may escape
 * except as the cause of a {@link RemoteStoreException}.
 *
 * <p>Implementations must be safe for use by many threads at once.
 */
public interface Backend extends AutoCloseable {

    /** The strategy's short name, e.g. {@code "local"}, {@code "memory"}, {@code "sql_blob"}. */
    String name();

    /** Name and location for messages, e.g. {@code "local on /data/store"}. */
    default String description() {
        return name();
    }

    /** What this backend offers; constant for the backend's lifetime. */
    CapabilitySet capabilities();

    /** Whether {@code path} is a file or a folder. The root is always a folder. Never throws for a missing path. */
    boolean exists(RemotePath path);

    /** Whether {@code path} is a file. */
    boolean isFile(RemotePath path);

    /** Whether {@code path} is a folder: the root, or a prefix of at least one file (or an existing directory). */
    boolean isFolder(RemotePath path);

    /**
     * A stream of the file's content, positioned at its first byte. The caller closes it.
     *
     * @throws NotFoundException if there is no such file, before any stream is returned
     * @throws InvalidPathException if {@code path} is a folder
     */
    InputStream read(RemotePath path);

    /**
     * Up to {@code length} bytes from {@code offset}, served without reading the bytes before it. A range past
     * the end is cut; an offset at or past the end gives an empty stream. Arguments are non-negative.
     */
    default InputStream readRange(RemotePath path, long offset, long length) {
        throw new CapabilityNotSupportedException(Capability.SEEKABLE_READ, path.toString(), description());
    }

    /**
     * Stores {@code content} (read to its end, not closed) at {@code path}; parent folders are implicit. On
     * failure nothing is stored and an existing file keeps its old content.
     */
    void write(RemotePath path, InputStream content, WriteOptions options);

    /** Like {@link #write}, and readers never see a partially written file. */
    default void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
        throw new CapabilityNotSupportedException(Capability.ATOMIC_WRITE, path.toString(), description());
    }

    /** An output whose content appears at {@code path} on {@link AtomicOutput#commit()}. */
    default AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
        throw new CapabilityNotSupportedException(Capability.ATOMIC_WRITE, path.toString(), description());
    }

    /**
     * Deletes a file.
     *
     * @return whether there was a file to delete
     * @throws InvalidPathException if {@code path} is a folder
     */
    boolean delete(RemotePath path);

    /**
     * Deletes a file only while it still holds the content whose SHA-256 digest (lower-case hex) is
     * {@code digest}: a compare-and-delete, so that a write landing between a caller's check and its delete is
     * never lost (DELETE-010). {@code CompositeStore.migrate} deletes its source this way.
     *
     * <p>The default compares, then deletes: a write can still slip between the two. Backends that can make it
     * one atomic step override it (memory, local, SQL blob).
     *
     * @return whether the file was deleted; {@code false} if it is missing or now holds other content
     * @throws InvalidPathException if {@code path} is a folder
     */
    default boolean deleteIfMatches(RemotePath path, String digest) {
        if (!isFile(path)) {
            if (isFolder(path)) {
                throw new InvalidPathException(
                        "is a folder, not a file; use deleteFolder", path.toString(), description());
            }
            return false;
        }
        String current;
        try {
            current = currentDigest(this, path);
        } catch (NotFoundException e) {
            return false;
        }
        return current.equals(digest) && delete(path);
    }

    /**
     * The SHA-256 digest of the file's content: the digest its metadata reports, else computed by reading it.
     *
     * @throws NotFoundException if there is no such file
     */
    private static String currentDigest(Backend backend, RemotePath path) {
        if (backend.capabilities().contains(Capability.METADATA)) {
            java.util.Optional<String> reported = backend.getFileInfo(path).digest();
            if (reported.isPresent()) {
                return reported.get();
            }
        }
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = backend.read(path)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new RemoteStoreException(
                    "reading for a digest failed: " + e, path.toString(), backend.description(), e);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /**
     * Deletes a folder (never the root: the store refuses it).
     *
     * @throws NotFoundException if there is no such folder
     * @throws FolderNotEmptyException if it holds files and {@code recursive} is false
     */
    void deleteFolder(RemotePath path, boolean recursive);

    /**
     * The files directly in {@code folder}, or at any depth when {@code recursive}, in key order (code point
     * order, see {@link RemotePath#compareKeys}). A missing folder gives an empty stream. The stream may hold
     * resources: callers close it.
     */
    Stream<FileInfo> listFiles(RemotePath folder, boolean recursive);

    /** The names of the folders directly in {@code folder}, in order. A missing folder gives an empty stream. */
    Stream<String> listFolders(RemotePath folder);

    /**
     * The files that match {@code glob}. The default lists from {@link Glob#base()} and filters; a backend
     * with a native matcher may do better.
     */
    default Stream<FileInfo> glob(Glob glob) {
        return listFiles(glob.base(), glob.recursive()).filter(info -> glob.matches(RemotePath.of(info.path())));
    }

    /**
     * What is known about one file.
     *
     * @throws NotFoundException if there is no such file
     * @throws InvalidPathException if {@code path} is a folder
     */
    FileInfo getFileInfo(RemotePath path);

    /**
     * What is known about a folder and everything below it; the root always answers.
     *
     * @throws NotFoundException if there is no such folder
     */
    FolderInfo getFolderInfo(RemotePath path);

    /**
     * Moves a file. The default copies and then deletes the source; backends that can rename do so.
     *
     * @throws NotFoundException if {@code source} is not a file
     * @throws AlreadyExistsException if {@code target} exists and overwriting was not asked for
     */
    default void move(RemotePath source, RemotePath target, WriteOptions options) {
        copy(source, target, options);
        delete(source);
    }

    /**
     * Copies a file. The default streams the source into {@link #write}.
     *
     * @throws NotFoundException if {@code source} is not a file
     * @throws AlreadyExistsException if {@code target} exists and overwriting was not asked for
     */
    default void copy(RemotePath source, RemotePath target, WriteOptions options) {
        try (InputStream in = read(source)) {
            write(target, in, options);
        } catch (IOException e) {
            throw new RemoteStoreException("copy failed: " + e.getMessage(), source.toString(), description(), e);
        }
    }

    /** How {@code path} would be resolved, without reading it. The default is a plain {@code "blob"} plan. */
    default ResolutionPlan resolve(RemotePath path) {
        return new ResolutionPlan("blob", description(), path.toString(), Map.of());
    }

    /** A native handle of {@code type} (a {@code DataSource}, a {@code java.nio.file.Path}…), if the backend has one. */
    default <T> Optional<T> unwrap(Class<T> type) {
        return Optional.empty();
    }

    /**
     * The key of a native path (an absolute file path, a table key…) of this backend.
     *
     * @throws InvalidPathException if the native path lies outside this backend
     */
    default RemotePath toKey(String nativePath) {
        return RemotePath.parse(nativePath);
    }

    /** Releases what the backend owns (pools, handles). Idempotent; afterwards calls fail with {@link BackendUnavailableException}. */
    @Override
    default void close() {}
}

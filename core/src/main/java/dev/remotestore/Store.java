package dev.remotestore;

import dev.remotestore.internal.ParsedKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A deterministic key &rarr; bytes resolver: the one API callers use, whichever {@link Backend} stands behind
 * it. A store is scoped to a root folder of its backend; it prepends the root to every path it is given and
 * strips it from every path it returns, so a returned {@link FileInfo#path()} is usable as input again.
 *
 * <p>Paths are normalized and validated before any I/O ({@link RemotePath}); {@code ""} means the store root
 * for the folder queries ({@code exists}, {@code isFile}, {@code isFolder}, {@code listFiles},
 * {@code listFolders}, {@code getFolderInfo}) and is an {@link InvalidPathException} for file operations.
 * Capability-gated methods throw {@link CapabilityNotSupportedException} before touching the backend. A path
 * or pattern that breaks a path rule is an {@link InvalidPathException} carrying the raw input as
 * {@link InvalidPathException#path() path()} and this store's backend as {@link InvalidPathException#backend()
 * backend()} (ERR-002).
 *
 * <p>A store is immutable and safe for use by many threads. It is {@link AutoCloseable}: closing it closes the
 * backend it was built on, except for stores made by {@link #child(String)}, which share their parent's
 * backend and leave it open.
 */
public class Store implements AutoCloseable {
    static {
        ParsedKeys.install(new ParsedKeyCalls());
    }

    private final Backend backend;
    private final RemotePath root;
    private final boolean ownsBackend;

    /**
     * A store over {@code backend}, scoped to the folder {@code root} ({@code ""} for the backend's root). The
     * store owns the backend: {@link #close()} closes it.
     *
     * @throws InvalidPathException if {@code root} is not a valid path
     */
    public Store(Backend backend, String root) {
        this(backend, parseRoot(Objects.requireNonNull(backend, "backend"), root), true);
    }

    private static RemotePath parseRoot(Backend backend, String root) {
        try {
            return RemotePath.parse(root);
        } catch (InvalidPathException e) {
            throw naming(backend, e);
        }
    }

    /** For subclasses and {@link #child(String)}: a store that may or may not own its backend. */
    protected Store(Backend backend, RemotePath root, boolean ownsBackend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.root = Objects.requireNonNull(root, "root");
        this.ownsBackend = ownsBackend;
    }

    /** A store over the whole of {@code backend}; closing the store closes the backend. */
    public static Store of(Backend backend) {
        return new Store(backend, RemotePath.ROOT, true);
    }

    /**
     * A store scoped to the sub-folder {@code path} of this one, sharing its backend (and its pool). The child
     * can never reach outside that folder; closing it leaves the backend open.
     *
     * @throws InvalidPathException if {@code path} is invalid or empty
     */
    public Store child(String path) {
        return new Store(backend, file(path), false);
    }

    // ---- reads -------------------------------------------------------------------------------------------

    /**
     * A stream of the file's content, positioned at its first byte; the caller closes it.
     *
     * @throws NotFoundException if there is no such file (before any stream is returned)
     * @throws InvalidPathException if the path is invalid, the root, or a folder
     */
    public InputStream read(String path) {
        return readResolved(file(path));
    }

    private InputStream readResolved(RemotePath p) {
        require(Capability.READ, p);
        return backend.read(p);
    }

    /**
     * The whole content of a file.
     *
     * @throws NotFoundException if there is no such file
     */
    public byte[] readBytes(String path) {
        RemotePath p = file(path);
        require(Capability.READ, p);
        try (InputStream in = backend.read(p)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RemoteStoreException("read failed: " + e.getMessage(), p.toString(), backend.description(), e);
        }
    }

    /**
     * Up to {@code length} bytes of a file from {@code offset}, served without reading the bytes before it
     * ({@link Capability#SEEKABLE_READ}). A range past the end is cut; an offset at or past the end gives an
     * empty stream. The caller closes the stream.
     *
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     * @throws NotFoundException if there is no such file
     */
    public InputStream readRange(String path, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "offset and length must not be negative, got offset=" + offset + ", length=" + length);
        }
        return readRangeResolved(file(path), offset, length);
    }

    private InputStream readRangeResolved(RemotePath p, long offset, long length) {
        require(Capability.SEEKABLE_READ, p);
        return backend.readRange(p, offset, length);
    }

    // ---- writes ------------------------------------------------------------------------------------------

    /**
     * Stores {@code content} at {@code path}; missing parent folders are implicit.
     *
     * @throws AlreadyExistsException if the file exists and {@link WriteOption#OVERWRITE} was not given
     * @throws InvalidPathException if the path is invalid, a folder, or below a file
     */
    public void write(String path, byte[] content, WriteOption... options) {
        Objects.requireNonNull(content, "content");
        write(path, new ByteArrayInputStream(content), options);
    }

    /**
     * Stores everything {@code content} yields (read to its end, not closed). If reading {@code content} fails,
     * nothing is stored and an existing file keeps its content.
     *
     * @throws AlreadyExistsException if the file exists and {@link WriteOption#OVERWRITE} was not given
     */
    public void write(String path, InputStream content, WriteOption... options) {
        Objects.requireNonNull(content, "content");
        RemotePath p = file(path);
        WriteOptions o = WriteOptions.of(options);
        require(Capability.WRITE, p);
        backend.write(p, content, o);
    }

    /**
     * Like {@link #write(String, byte[], WriteOption...)}, and no reader ever sees a partial file
     * ({@link Capability#ATOMIC_WRITE}).
     */
    public void writeAtomic(String path, byte[] content, WriteOption... options) {
        Objects.requireNonNull(content, "content");
        writeAtomic(path, new ByteArrayInputStream(content), options);
    }

    /**
     * Like {@link #write(String, InputStream, WriteOption...)}, and no reader ever sees a partial file
     * ({@link Capability#ATOMIC_WRITE}).
     */
    public void writeAtomic(String path, InputStream content, WriteOption... options) {
        Objects.requireNonNull(content, "content");
        RemotePath p = file(path);
        WriteOptions o = WriteOptions.of(options);
        require(Capability.ATOMIC_WRITE, p);
        backend.writeAtomic(p, content, o);
    }

    /**
     * An output stream whose content appears at {@code path} all at once on {@link AtomicOutput#commit()};
     * closing it without commit leaves nothing behind ({@link Capability#ATOMIC_WRITE}).
     */
    public AtomicOutput openAtomic(String path, WriteOption... options) {
        RemotePath p = file(path);
        WriteOptions o = WriteOptions.of(options);
        require(Capability.ATOMIC_WRITE, p);
        return backend.openAtomic(p, o);
    }

    // ---- deletes -----------------------------------------------------------------------------------------

    /**
     * Deletes a file.
     *
     * @throws NotFoundException if there is no such file
     * @throws InvalidPathException if the path is a folder
     */
    public void delete(String path) {
        RemotePath p = file(path);
        require(Capability.DELETE, p);
        if (!backend.delete(p)) {
            throw new NotFoundException("no such file", p.toString(), backend.description());
        }
    }

    /**
     * Deletes a file if it exists.
     *
     * @return whether a file was deleted
     */
    public boolean deleteIfExists(String path) {
        RemotePath p = file(path);
        require(Capability.DELETE, p);
        return backend.delete(p);
    }

    /**
     * Deletes a file only while it still holds the content whose SHA-256 digest (lower-case hex, as
     * {@link FileInfo#digest()} reports it) is {@code digest}: a compare-and-delete. A write that lands between
     * the caller's check and this call is never deleted. Atomic on the memory, local and SQL blob backends; on
     * others it compares, then deletes ({@code docs/spec/store-contract.md}, DELETE-010).
     *
     * @return whether the file was deleted; {@code false} if it is missing or holds other content
     * @throws InvalidPathException if the path is a folder
     */
    public boolean deleteIfMatches(String path, String digest) {
        RemotePath p = file(path);
        Objects.requireNonNull(digest, "digest");
        require(Capability.DELETE, p);
        return backend.deleteIfMatches(p, digest);
    }

    /**
     * Deletes a folder; with {@link DeleteOption#RECURSIVE} everything below it too. The store root cannot be
     * deleted.
     *
     * @throws NotFoundException if there is no such folder
     * @throws FolderNotEmptyException if it holds files and {@code RECURSIVE} was not given
     * @throws InvalidPathException if the path is the store root
     */
    public void deleteFolder(String path, DeleteOption... options) {
        RemotePath p = folder(path);
        if (p.equals(root)) {
            throw new InvalidPathException(
                    "the store root cannot be deleted (DELETE-008)", path, backend.description());
        }
        require(Capability.DELETE, p);
        backend.deleteFolder(p, has(options, DeleteOption.RECURSIVE));
    }

    // ---- queries -----------------------------------------------------------------------------------------

    /** Whether {@code path} is a file or a folder; {@code ""} (the store root) always exists. */
    public boolean exists(String path) {
        return existsResolved(folder(path));
    }

    private boolean existsResolved(RemotePath p) {
        return p.equals(root) || backend.exists(p);
    }

    /** Whether {@code path} is a file. */
    public boolean isFile(String path) {
        return isFileResolved(folder(path));
    }

    private boolean isFileResolved(RemotePath p) {
        return !p.equals(root) && backend.isFile(p);
    }

    /** Whether {@code path} is a folder; {@code ""} (the store root) always is. */
    public boolean isFolder(String path) {
        return isFolderResolved(folder(path));
    }

    private boolean isFolderResolved(RemotePath p) {
        return p.equals(root) || backend.isFolder(p);
    }

    /**
     * The files in a folder ({@code ""}: the store root), in key order; with {@link ListOption#RECURSIVE} at
     * every depth. A missing folder yields nothing. Listing {@code a} never yields {@code ab/x}. The stream
     * may hold resources (a connection, a directory handle): close it.
     */
    public Stream<FileInfo> listFiles(String path, ListOption... options) {
        RemotePath p = folder(path);
        require(Capability.LIST, p);
        boolean recursive = has(options, ListOption.RECURSIVE);
        if (recursive) {
            require(Capability.RECURSIVE_LIST, p);
        }
        return backend.listFiles(p, recursive).map(this::rebase);
    }

    /** The names of the folders directly in a folder, in order. The stream may hold resources: close it. */
    public Stream<String> listFolders(String path) {
        RemotePath p = folder(path);
        require(Capability.LIST, p);
        return backend.listFolders(p);
    }

    /**
     * The files matching a glob pattern relative to the store root: {@code *} within a segment, {@code ?} one
     * character, {@code [ab]} / {@code [!ab]} a set, {@code **} any number of segments. Paths are
     * store-relative. The stream may hold resources: close it.
     *
     * @see Glob
     */
    public Stream<FileInfo> glob(String pattern) {
        Glob glob;
        try {
            glob = Glob.compile(root, pattern);
        } catch (InvalidPathException e) {
            throw naming(backend, e);
        }
        require(Capability.GLOB, glob.base());
        return backend.glob(glob).map(this::rebase);
    }

    /**
     * What is known about a file.
     *
     * @throws NotFoundException if there is no such file
     * @throws InvalidPathException if the path is a folder
     */
    public FileInfo getFileInfo(String path) {
        return fileInfoResolved(file(path));
    }

    private FileInfo fileInfoResolved(RemotePath p) {
        require(Capability.METADATA, p);
        return rebase(backend.getFileInfo(p));
    }

    /**
     * What is known about a folder and everything below it; {@code ""} is the store root.
     *
     * @throws NotFoundException if there is no such folder
     */
    public FolderInfo getFolderInfo(String path) {
        RemotePath p = folder(path);
        require(Capability.METADATA, p);
        return backend.getFolderInfo(p).withPath(p.relativeTo(root));
    }

    // ---- move / copy -------------------------------------------------------------------------------------

    /**
     * Moves a file; moving a file onto itself does nothing.
     *
     * @throws NotFoundException if {@code source} is not a file
     * @throws AlreadyExistsException if {@code target} exists and {@link WriteOption#OVERWRITE} was not given
     */
    public void move(String source, String target, WriteOption... options) {
        RemotePath src = file(source);
        RemotePath dst = file(target);
        WriteOptions o = WriteOptions.of(options);
        require(Capability.MOVE, src);
        if (!samePathNeedsNothing(src, dst)) {
            backend.move(src, dst, o);
        }
    }

    /**
     * Copies a file; copying a file onto itself does nothing.
     *
     * @throws NotFoundException if {@code source} is not a file
     * @throws AlreadyExistsException if {@code target} exists and {@link WriteOption#OVERWRITE} was not given
     */
    public void copy(String source, String target, WriteOption... options) {
        RemotePath src = file(source);
        RemotePath dst = file(target);
        WriteOptions o = WriteOptions.of(options);
        require(Capability.COPY, src);
        if (!samePathNeedsNothing(src, dst)) {
            backend.copy(src, dst, o);
        }
    }

    private boolean samePathNeedsNothing(RemotePath src, RemotePath dst) {
        if (!src.equals(dst)) {
            return false;
        }
        if (!backend.isFile(src)) {
            throw new NotFoundException("no such file", src.toString(), backend.description());
        }
        return true;
    }

    // ---- introspection and lifecycle ---------------------------------------------------------------------

    /**
     * How {@code path} would be resolved, and by what; never reads content and never fails for a missing key.
     *
     * @throws InvalidPathException if the path is invalid
     */
    public ResolutionPlan resolve(String path) {
        return backend.resolve(folder(path));
    }

    /** Whether the backend offers {@code capability}. */
    public boolean supports(Capability capability) {
        return backend.capabilities().contains(capability);
    }

    /** Everything the backend offers. */
    public CapabilitySet capabilities() {
        return backend.capabilities();
    }

    /**
     * The backend's native handle of {@code type}, e.g. a {@code javax.sql.DataSource} or the root
     * {@code java.nio.file.Path}.
     *
     * @throws CapabilityNotSupportedException if the backend has no handle of that type
     */
    public <T> T unwrap(Class<T> type) {
        return backend.unwrap(type)
                .orElseThrow(() -> new CapabilityNotSupportedException(
                        null, "no native handle of type " + type.getName(), null, backend.description()));
    }

    /**
     * The store-relative key of a native path of the backend (an absolute file path for the local backend).
     *
     * @throws InvalidPathException if the native path lies outside this store
     */
    public String toKey(String nativePath) {
        RemotePath key;
        try {
            key = backend.toKey(nativePath);
        } catch (InvalidPathException e) {
            throw naming(backend, e);
        }
        if (!key.startsWith(root)) {
            throw new InvalidPathException(
                    "lies outside the store root \"" + root + "\"", nativePath, backend.description());
        }
        return key.relativeTo(root).toString();
    }

    /** Closes the backend if this store owns it (a {@link #child(String)} does not). */
    @Override
    public void close() {
        if (ownsBackend) {
            backend.close();
        }
    }

    /** The backend behind this store, for subclasses. */
    protected final Backend backend() {
        return backend;
    }

    /** The root folder of this store within its backend. */
    protected final RemotePath root() {
        return root;
    }

    /** {@code path} below the root; the root itself is refused (PATH-007). */
    private RemotePath file(String path) {
        try {
            return root.resolve(RemotePath.of(path));
        } catch (InvalidPathException e) {
            throw naming(backend, e);
        }
    }

    /** {@code path} below the root; {@code ""} is the root. */
    private RemotePath folder(String path) {
        try {
            return root.resolve(RemotePath.parse(path));
        } catch (InvalidPathException e) {
            throw naming(backend, e);
        }
    }

    /**
     * {@code e} as thrown by {@code backend}: the path rules ({@link RemotePath}, {@link Glob}) know no backend, so
     * the store adds its own, once, here (ERR-002).
     */
    private static InvalidPathException naming(Backend backend, InvalidPathException e) {
        return e.backend() != null ? e : e.withBackend(backend.description());
    }

    private void require(Capability capability, RemotePath path) {
        backend.capabilities().require(capability, path.toString(), backend.description());
    }

    private FileInfo rebase(FileInfo info) {
        return root.isRoot() ? info : info.withPath(RemotePath.of(info.path()).relativeTo(root));
    }

    private static <T> boolean has(T[] options, T wanted) {
        for (T option : options) {
            if (Objects.requireNonNull(option, "option") == wanted) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link ParsedKeys}: the methods above with a key that is already parsed, relative to the store's root. A
     * file key that is the root, or a store whose class overrides the method, goes through the method itself,
     * which fails or answers as it would.
     */
    private static final class ParsedKeyCalls implements ParsedKeys.Access {
        private static final Set<String> CALLS =
                Set.of("read", "readRange", "getFileInfo", "exists", "isFile", "isFolder");

        /** Whether a subclass leaves every method of {@link #CALLS} as this class has it. */
        private static final ClassValue<Boolean> PLAIN = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                for (Class<?> c = type; c != Store.class; c = c.getSuperclass()) {
                    for (Method m : c.getDeclaredMethods()) {
                        Class<?>[] parameters = m.getParameterTypes();
                        if (CALLS.contains(m.getName()) && parameters.length > 0 && parameters[0] == String.class) {
                            return false;
                        }
                    }
                }
                return true;
            }
        };

        private static boolean plain(Store s) {
            return s.getClass() == Store.class || PLAIN.get(s.getClass());
        }

        @Override
        public InputStream read(Store s, RemotePath key) {
            return plain(s) && !key.isRoot() ? s.readResolved(s.root.resolve(key)) : s.read(key.toString());
        }

        @Override
        public InputStream readRange(Store s, RemotePath key, long offset, long length) {
            return plain(s) && !key.isRoot() && offset >= 0 && length >= 0
                    ? s.readRangeResolved(s.root.resolve(key), offset, length)
                    : s.readRange(key.toString(), offset, length);
        }

        @Override
        public FileInfo getFileInfo(Store s, RemotePath key) {
            return plain(s) && !key.isRoot() ? s.fileInfoResolved(s.root.resolve(key)) : s.getFileInfo(key.toString());
        }

        @Override
        public boolean exists(Store s, RemotePath key) {
            return plain(s) ? s.existsResolved(s.root.resolve(key)) : s.exists(key.toString());
        }

        @Override
        public boolean isFile(Store s, RemotePath key) {
            return plain(s) ? s.isFileResolved(s.root.resolve(key)) : s.isFile(key.toString());
        }

        @Override
        public boolean isFolder(Store s, RemotePath key) {
            return plain(s) ? s.isFolderResolved(s.root.resolve(key)) : s.isFolder(key.toString());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Store
                && ((Store) o).getClass() == getClass()
                && ((Store) o).backend == backend
                && ((Store) o).root.equals(root);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(backend) * 31 + root.hashCode();
    }

    @Override
    public String toString() {
        return "Store[" + backend.description() + (root.isRoot() ? "" : ", root=" + root) + "]";
    }
}

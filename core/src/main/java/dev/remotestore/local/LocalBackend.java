package dev.remotestore.local;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.AtomicOutput;
import dev.remotestore.Backend;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.CapabilitySet;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.InvalidPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.WriteOptions;
import dev.remotestore.internal.Digests;
import dev.remotestore.internal.Folders;
import dev.remotestore.internal.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Files under a root directory of the local file system, with every capability.
 *
 * <p>No operation leaves the root, not even while folders inside it are swapped for symbolic links
 * ({@code docs/spec/local-backend.md}, LOCAL-001, ADR 006): the backend keeps an open handle of the root and
 * reaches every file from it one name at a time, relative to open directory handles
 * ({@link SecureDirectoryStream}, i.e. {@code openat}, {@code renameat}, {@code unlinkat}), and never follows a
 * symbolic link. A symbolic link (or another special file) inside the root is neither a file nor a folder:
 * queries and listings do not see it, and every other operation on a key that names it or passes through it
 * fails with {@link InvalidPathException} (LOCAL-002). Where the JDK offers no {@code SecureDirectoryStream}
 * the constructor refuses the root (LOCAL-003).
 *
 * <p>Every write goes to a temporary file in the target's directory, is flushed to disk, and is then renamed
 * onto the target while the key's publish lock is held (a lock of this JVM and a record lock of the root's
 * {@code .~rs-lock} file, so other processes on the same root take part): of several concurrent creators
 * exactly one wins, readers never see a partial file, and a failed or discarded write deletes its temporary
 * file. Temporary files are named {@code .~rs-…}; such names are reserved, never listed, and rejected as keys.
 *
 * <p>Folders are directories, and they are implicit as in every other backend: writing creates the missing
 * parents (again, if a concurrent delete removes them), and deleting the last file of a directory removes the
 * directories it leaves empty (up to the root). Directory entries whose names are not keys (not valid in the
 * file system's encoding) are skipped by listings (LOCAL-004).
 *
 * <p>Keeps size and modification time; no content type and no digest. Thread-safe; several processes may
 * share a root.
 */
public final class LocalBackend implements Backend {
    private static final String NAME = "local";
    static final String TEMP_PREFIX = ".~rs-";
    /** How often an operation starts over when concurrent changes keep removing the folders it works in. */
    private static final int RACE_RETRIES = 64;

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, NOFOLLOW);
    private static final Set<OpenOption> CREATE_TEMP =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW);
    private static final Cleaner CLEANER = Cleaner.create();

    /** What a name in a directory is, looked at without following symbolic links. */
    private enum Kind {
        ABSENT,
        FILE,
        FOLDER,
        LINK,
        OTHER
    }

    private final Path root;
    private final FileSystem fs;
    private final Path dot;
    private final SecureDirectoryStream<Path> rootDir;
    private final Object rootKey;
    private final PublishLocks locks;
    private final String description;
    private volatile boolean closed;

    /** Test seam: runs inside {@link #deleteIfMatches} once the digest matched, before the file is deleted. */
    volatile Runnable afterDigestMatched = () -> {};

    /** Test seam: runs while a write is published, between the check of the target and the rename onto it. */
    volatile Runnable beforeRename = () -> {};

    /**
     * A backend over the directory {@code root}, created if missing.
     *
     * @throws BackendUnavailableException if the directory cannot be created or opened, is not a directory, or
     *     lies on a file system without {@link SecureDirectoryStream} (LOCAL-003)
     */
    public LocalBackend(Path root) {
        Path real;
        try {
            Files.createDirectories(root);
            real = root.toRealPath();
        } catch (IOException e) {
            throw new BackendUnavailableException(
                    "cannot use the directory as a store root: " + e, null, NAME + " on " + root, e);
        }
        this.root = real;
        this.fs = real.getFileSystem();
        this.dot = fs.getPath(".");
        this.description = NAME + " on " + real;
        DirectoryStream<Path> stream;
        try {
            stream = Files.newDirectoryStream(real);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot open the store root: " + e, null, description, e);
        }
        if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
            closeQuietly(stream);
            throw new BackendUnavailableException(
                    "this file system offers no java.nio.file.SecureDirectoryStream (openat-style access), which"
                            + " the local backend needs to stay inside its root while folders are swapped for"
                            + " symbolic links; it refuses the root rather than check paths and then use them"
                            + " (LOCAL-003)",
                    null,
                    description);
        }
        this.rootDir = secure;
        try {
            Object key = rootDir.getFileAttributeView(BasicFileAttributeView.class)
                    .readAttributes()
                    .fileKey();
            this.rootKey = key != null ? key : real;
            this.locks = PublishLocks.forRoot(rootKey, rootDir, dot);
        } catch (IOException e) {
            closeQuietly(rootDir);
            throw new BackendUnavailableException("cannot open the store root: " + e, null, description, e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public CapabilitySet capabilities() {
        return CapabilitySet.all();
    }

    // ---- resolution: one name at a time, from open directory handles ------------------------------------

    /** A walk from the root stopped at {@code at}, which is {@code kind} instead of a folder. */
    private static final class Blocked extends Exception {
        private static final long serialVersionUID = 1L;
        final transient RemotePath at;
        final Kind kind;

        Blocked(RemotePath at, Kind kind) {
            super(null, null, false, false);
            this.at = at;
            this.kind = kind;
        }
    }

    /** The folder handle that holds a key's last name, and that name. Closing closes the handle. */
    private record Target(SecureDirectoryStream<Path> dir, Path name) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(dir);
        }
    }

    /** The file name of one key segment; reserved and unrepresentable names are invalid keys (LOCAL-005). */
    private Path name(String segment, RemotePath key) {
        if (segment.startsWith(TEMP_PREFIX)) {
            throw new InvalidPathException(
                    "names starting with \"" + TEMP_PREFIX + "\" are reserved for temporary files",
                    key.toString(),
                    description);
        }
        Path name;
        try {
            name = fs.getPath(segment);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidPathException(
                    "\"" + segment + "\" cannot be a file name on this file system: " + e.getReason() + " (LOCAL-005)",
                    key.toString(),
                    description,
                    e);
        }
        if (!name.toString().equals(segment)) {
            throw new InvalidPathException(
                    "\"" + segment + "\" cannot be a file name on this file system (LOCAL-005)",
                    key.toString(),
                    description);
        }
        return name;
    }

    /** A new handle of the root directory itself; {@link BackendUnavailableException} once closed. */
    private SecureDirectoryStream<Path> openRoot(RemotePath key) throws IOException {
        ensureOpen(key);
        try {
            return rootDir.newDirectoryStream(dot, NOFOLLOW);
        } catch (ClosedDirectoryStreamException e) {
            throw closedFailure(key);
        }
    }

    /**
     * A new handle of {@code folder}, reached from the root handle one name at a time without following
     * symbolic links; with {@code create}, missing folders are made on the way. The caller closes it.
     *
     * @throws Blocked if a segment is not a folder (or is missing, without {@code create})
     * @throws NoSuchFileException if a folder on the way was removed meanwhile: start over
     */
    private SecureDirectoryStream<Path> openFolder(RemotePath folder, RemotePath key, boolean create)
            throws IOException, Blocked {
        SecureDirectoryStream<Path> dir = openRoot(key);
        List<String> segments = folder.segments();
        try {
            for (int i = 0; i < segments.size(); i++) {
                SecureDirectoryStream<Path> next =
                        openChild(dir, name(segments.get(i), key), create, prefix(folder, i + 1));
                dir.close();
                dir = next;
            }
            return dir;
        } catch (IOException | Blocked | RuntimeException e) {
            closeQuietly(dir);
            throw e;
        }
    }

    private SecureDirectoryStream<Path> openChild(
            SecureDirectoryStream<Path> dir, Path name, boolean create, RemotePath at) throws IOException, Blocked {
        for (int attempt = 0; ; attempt++) {
            // Looking before opening keeps a FIFO from blocking the open; the open itself never follows a link.
            Kind kind = kindOf(dir, name);
            if (kind == Kind.FOLDER) {
                try {
                    return dir.newDirectoryStream(name, NOFOLLOW);
                } catch (NoSuchFileException | NotDirectoryException e) {
                    // replaced meanwhile: look again
                } catch (FileSystemException e) {
                    if (kindOf(dir, name) == Kind.FOLDER) {
                        throw e; // e.g. access denied
                    }
                }
            } else if (kind == Kind.ABSENT && create) {
                createFolder(dir, name);
            } else {
                throw new Blocked(at, kind);
            }
            if (attempt >= RACE_RETRIES) {
                throw new FileSystemException(at.toString(), null, "kept changing while it was opened");
            }
        }
    }

    /**
     * Creates the folder {@code name} in {@code dir} unless something took the name meanwhile. The JDK has no
     * {@code mkdirat}: the folder is made under a reserved name directly in the root (whose own path is trusted,
     * and {@code mkdir} never follows its last name) and renamed into place relative to the handles, which
     * never replaces a file, a link or a non-empty folder.
     *
     * @throws NoSuchFileException if {@code dir} was removed meanwhile
     */
    private void createFolder(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        Path staging = fs.getPath(TEMP_PREFIX + UUID.randomUUID() + ".dir");
        Files.createDirectory(root.resolve(staging));
        try {
            rootDir.move(staging, dir, name);
        } catch (NoSuchFileException e) {
            deleteStaging(staging);
            throw e;
        } catch (IOException e) {
            deleteStaging(staging); // the name was taken meanwhile: the caller looks again
        } catch (ClosedDirectoryStreamException e) {
            deleteStaging(staging);
            throw new BackendUnavailableException("the backend is closed", null, description);
        }
    }

    private void deleteStaging(Path staging) {
        try {
            rootDir.deleteDirectory(staging);
        } catch (IOException | RuntimeException ignored) {
            // a reserved name in the root is never listed
        }
    }

    private static RemotePath prefix(RemotePath path, int segments) {
        return RemotePath.parse(String.join("/", path.segments().subList(0, segments)));
    }

    /** The folder of {@code key} and its last name; no folder is created. */
    private Target locate(RemotePath key) throws IOException, Blocked {
        RemotePath parent = key.parent().orElseThrow();
        Path name = name(key.name(), key);
        return new Target(openFolder(parent, key, false), name);
    }

    private static Kind kindOf(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        BasicFileAttributes attrs = attributes(dir, name);
        return attrs == null ? Kind.ABSENT : kind(attrs);
    }

    /** The attributes of {@code name} itself (a link is not followed), or {@code null} if it is absent. */
    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Kind kind(BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
            return Kind.FILE;
        }
        if (attrs.isDirectory()) {
            return Kind.FOLDER;
        }
        return attrs.isSymbolicLink() ? Kind.LINK : Kind.OTHER;
    }

    // ---- queries -----------------------------------------------------------------------------------------

    @Override
    public boolean exists(RemotePath path) {
        Kind kind = query(path);
        return kind == Kind.FILE || kind == Kind.FOLDER;
    }

    @Override
    public boolean isFile(RemotePath path) {
        return query(path) == Kind.FILE;
    }

    @Override
    public boolean isFolder(RemotePath path) {
        return query(path) == Kind.FOLDER;
    }

    /** What {@code path} is; {@link Kind#ABSENT} when it cannot name anything (LOCAL-002, LOCAL-005). */
    private Kind query(RemotePath path) {
        ensureOpen(path);
        if (path.isRoot()) {
            return Kind.FOLDER;
        }
        try (Target t = locate(path)) {
            return kindOf(t.dir(), t.name());
        } catch (Blocked | InvalidPathException | IOException e) {
            return Kind.ABSENT;
        }
    }

    // ---- reads -------------------------------------------------------------------------------------------

    @Override
    public InputStream read(RemotePath path) {
        return Channels.newInputStream(openFile(path));
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        SeekableByteChannel channel = openFile(path);
        try {
            long size = channel.size();
            long start = Math.min(offset, size);
            channel.position(start);
            return Streams.limit(Channels.newInputStream(channel), Math.min(length, size - start));
        } catch (IOException e) {
            closeQuietly(channel);
            throw map(e, path);
        }
    }

    /** The file at {@code path}, opened for reading without following a link. */
    private SeekableByteChannel openFile(RemotePath path) {
        try (Target t = locate(path)) {
            requireFile(kindOf(t.dir(), t.name()), path);
            try {
                return t.dir().newByteChannel(t.name(), READ);
            } catch (IOException e) {
                // changed between the look and the open (a link is refused by the open itself)
                requireFile(kindOf(t.dir(), t.name()), path);
                throw e;
            }
        } catch (Blocked b) {
            throw blockedRead(b, path);
        } catch (IOException e) {
            throw map(e, path);
        }
    }

    private void requireFile(Kind kind, RemotePath path) {
        switch (kind) {
            case FILE -> {}
            case ABSENT -> throw notFound(path);
            case FOLDER -> throw new InvalidPathException("is a folder, not a file", path.toString(), description);
            default -> throw notAFileOrFolder(kind, path, path);
        }
    }

    // ---- writes ------------------------------------------------------------------------------------------

    @Override
    public void write(RemotePath path, InputStream content, WriteOptions options) {
        store(path, content, options);
    }

    @Override
    public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
        // Every write here is atomic: content goes to a temporary file that is published in one step.
        store(path, content, options);
    }

    private void store(RemotePath path, InputStream content, WriteOptions options) {
        Pending pending = begin(path, options);
        try {
            try (OutputStream out = Channels.newOutputStream(pending.channel)) {
                content.transferTo(out);
                pending.channel.force(true);
            }
            publish(pending, options.overwrite());
        } catch (IOException e) {
            throw new RemoteStoreException("writing failed, nothing was stored: " + e, path.toString(), description, e);
        } finally {
            pending.run(); // after publishing: closes the handle; otherwise discards the temporary file
        }
    }

    @Override
    public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
        Pending pending = begin(path, options);
        OutputStream out = Channels.newOutputStream(pending.channel);
        AtomicOutput output = new AtomicOutput() {
            private Cleaner.Cleanable cleanable;

            private AtomicOutput register() {
                // The action holds the temporary file's location, never this output: it runs once the output
                // is unreachable, so an output dropped without close() leaves nothing behind (LOCAL-009).
                cleanable = CLEANER.register(this, pending);
                return this;
            }

            @Override
            protected void writeBytes(byte[] b, int off, int len) {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new RemoteStoreException("writing failed: " + e, path.toString(), description, e);
                }
            }

            @Override
            protected void publish() throws IOException {
                pending.channel.force(true);
                pending.channel.close();
                try {
                    LocalBackend.this.publish(pending, options.overwrite());
                } finally {
                    cleanable.clean();
                }
            }

            @Override
            protected void discard() {
                cleanable.clean();
            }

            @Override
            protected String describeTarget() {
                return path.toString();
            }
        }.register();
        return output;
    }

    /**
     * A temporary file beside a key's target, written and then published or discarded. As a {@link Runnable}
     * it releases what it holds, deleting the temporary file unless it was published; it runs once, from the
     * writer or from the {@link Cleaner} of an abandoned output, so it must never refer to that output.
     */
    private static final class Pending implements Runnable {
        final LocalBackend backend;
        final RemotePath key;
        final SecureDirectoryStream<Path> dir;
        final Path name;
        final Path temp;
        final FileChannel channel;
        volatile boolean published;
        private boolean done;

        Pending(LocalBackend backend, RemotePath key, Target target, Path temp, FileChannel channel) {
            this.backend = backend;
            this.key = key;
            this.dir = target.dir();
            this.name = target.name();
            this.temp = temp;
            this.channel = channel;
        }

        @Override
        public synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            closeQuietly(channel);
            if (!published) {
                try {
                    dir.deleteFile(temp);
                } catch (IOException | RuntimeException ignored) {
                    // A leftover temporary file is never listed and never read; nothing partial is visible.
                }
            }
            closeQuietly(dir);
            if (!published) {
                backend.prune(key.parent().orElseThrow());
            }
        }
    }

    /**
     * Checks what can be checked before the content is read (not a folder, not below a file, not existing
     * unless overwriting), making the missing folders, and creates the temporary file. Starts over when a
     * concurrent delete removes a folder on the way (CONC-006).
     */
    private Pending begin(RemotePath path, WriteOptions options) {
        RemotePath parent = path.parent().orElseThrow();
        Path name = name(path.name(), path);
        for (int attempt = 0; ; attempt++) {
            Target t = null;
            try {
                t = new Target(openFolder(parent, path, true), name);
                checkTarget(kindOf(t.dir(), name), path, options.overwrite());
                Path temp = fs.getPath(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
                FileChannel channel = fileChannel(t.dir().newByteChannel(temp, CREATE_TEMP));
                return new Pending(this, path, t, temp, channel);
            } catch (NoSuchFileException e) {
                closeQuietly(t);
                if (attempt >= RACE_RETRIES || !rootStillHere()) {
                    throw map(e, path);
                }
                // a folder on the way was removed by a concurrent delete: make it again
            } catch (Blocked b) {
                closeQuietly(t);
                throw blockedWrite(b, path);
            } catch (IOException e) {
                closeQuietly(t);
                throw map(e, path);
            } catch (RuntimeException e) {
                closeQuietly(t);
                throw e;
            }
        }
    }

    private void checkTarget(Kind kind, RemotePath path, boolean overwrite) {
        switch (kind) {
            case ABSENT -> {}
            case FILE -> {
                if (!overwrite) {
                    throw alreadyExists(path);
                }
            }
            case FOLDER -> throw new InvalidPathException(
                    "is a folder, not a file (WRITE-006)", path.toString(), description);
            default -> throw notAFileOrFolder(kind, path, path);
        }
    }

    /**
     * Renames the written temporary file onto its target while the key's publish lock is held, so that the
     * check of the target and the rename are one step for every writer on this root, in any process
     * (LOCAL-006, ADR 006).
     */
    private void publish(Pending p, boolean overwrite) throws IOException {
        try (PublishLocks.Held held = locks.hold(p.key)) {
            checkTarget(kindOf(p.dir, p.name), p.key, overwrite);
            beforeRename.run();
            try {
                p.dir.move(p.temp, p.dir, p.name);
            } catch (FileSystemException e) {
                // a folder took the name meanwhile (folders are made without the lock)
                checkTarget(kindOf(p.dir, p.name), p.key, true);
                throw e;
            }
            p.published = true;
        } catch (IllegalStateException e) {
            throw closedFailure(p.key);
        }
    }

    // ---- deletes -----------------------------------------------------------------------------------------

    @Override
    public boolean delete(RemotePath path) {
        try (Target t = locate(path)) {
            Kind kind = kindOf(t.dir(), t.name());
            if (kind == Kind.ABSENT) {
                return false;
            }
            requireDeletable(kind, path);
            try {
                t.dir().deleteFile(t.name());
            } catch (NoSuchFileException e) {
                return false;
            } catch (FileSystemException e) {
                requireDeletable(kindOf(t.dir(), t.name()), path);
                throw e;
            }
        } catch (Blocked b) {
            if (b.kind == Kind.ABSENT || b.kind == Kind.FILE) {
                return false;
            }
            throw notAFileOrFolder(b.kind, path, b.at);
        } catch (IOException e) {
            throw map(e, path);
        }
        prune(path.parent().orElseThrow());
        return true;
    }

    private void requireDeletable(Kind kind, RemotePath path) {
        if (kind == Kind.FOLDER) {
            throw new InvalidPathException("is a folder, not a file; use deleteFolder", path.toString(), description);
        }
        if (kind == Kind.LINK || kind == Kind.OTHER) {
            throw notAFileOrFolder(kind, path, path);
        }
    }

    /**
     * Deletes the file while it holds the content of {@code digest}, in one step with respect to every writer
     * on this root: the key's publish lock is held from reading the content until the delete (DELETE-010).
     */
    @Override
    public boolean deleteIfMatches(RemotePath path, String digest) {
        try (Target t = locate(path)) {
            try (PublishLocks.Held held = locks.hold(path)) {
                Kind kind = kindOf(t.dir(), t.name());
                if (kind == Kind.ABSENT) {
                    return false;
                }
                requireDeletable(kind, path);
                if (!digest.equals(digestOf(t.dir(), t.name()))) {
                    return false;
                }
                afterDigestMatched.run();
                t.dir().deleteFile(t.name());
            } catch (NoSuchFileException e) {
                return false;
            } catch (IllegalStateException e) {
                throw closedFailure(path);
            }
        } catch (Blocked b) {
            if (b.kind == Kind.ABSENT || b.kind == Kind.FILE) {
                return false;
            }
            throw notAFileOrFolder(b.kind, path, b.at);
        } catch (IOException e) {
            throw map(e, path);
        }
        prune(path.parent().orElseThrow());
        return true;
    }

    private static String digestOf(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        MessageDigest md = Digests.sha256();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (SeekableByteChannel in = dir.newByteChannel(name, READ)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                md.update(buffer);
                buffer.clear();
            }
        }
        return Digests.hex(md);
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        try (Target t = locate(path)) {
            Kind kind = kindOf(t.dir(), t.name());
            if (kind == Kind.LINK || kind == Kind.OTHER) {
                throw notAFileOrFolder(kind, path, path);
            }
            if (kind != Kind.FOLDER) {
                throw new NotFoundException("no such folder", path.toString(), description);
            }
            if (!recursive) {
                long files;
                try (Stream<FileInfo> s = listFiles(path, true)) {
                    files = s.count();
                }
                if (files > 0) {
                    throw new FolderNotEmptyException(
                            "the folder holds " + files + " file(s) and RECURSIVE was not given",
                            path.toString(),
                            description);
                }
            }
            try (SecureDirectoryStream<Path> folder = t.dir().newDirectoryStream(t.name(), NOFOLLOW)) {
                clear(folder, recursive);
            } catch (NoSuchFileException | NotDirectoryException e) {
                return; // removed, or replaced by a file, meanwhile
            } catch (FileSystemException e) {
                Kind now = kindOf(t.dir(), t.name());
                if (now == Kind.LINK || now == Kind.OTHER) {
                    throw notAFileOrFolder(now, path, path); // replaced by a link meanwhile
                }
                throw e;
            }
            try {
                t.dir().deleteDirectory(t.name());
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                // Written to meanwhile, or a writer's temporary file is still there: the later writes stay
                // (CONC-006); or removed by a concurrent delete already.
            }
        } catch (Blocked b) {
            if (b.kind == Kind.LINK || b.kind == Kind.OTHER) {
                throw notAFileOrFolder(b.kind, path, b.at);
            }
            throw new NotFoundException("no such folder", path.toString(), description);
        } catch (IOException e) {
            throw map(e, path);
        } catch (DirectoryIteratorException e) {
            throw map(e.getCause(), path);
        }
        prune(path.parent().orElseThrow());
    }

    /**
     * Empties a folder handle: sub-folders depth first, links and other entries that are not files of the store
     * (they are removed themselves, never what they point to), and, when {@code recursive}, the files. Temporary
     * files are left to their writers, which publish or remove them; files that appear meanwhile may stay.
     */
    private void clear(SecureDirectoryStream<Path> dir, boolean recursive) throws IOException {
        List<Path> names = new ArrayList<>();
        for (Path entry : dir) {
            names.add(entry.getFileName());
        }
        for (Path name : names) {
            if (name.toString().startsWith(TEMP_PREFIX)) {
                continue;
            }
            try {
                switch (kindOf(dir, name)) {
                    case FOLDER -> {
                        try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, NOFOLLOW)) {
                            clear(sub, recursive);
                        }
                        try {
                            dir.deleteDirectory(name);
                        } catch (DirectoryNotEmptyException ignored) {
                            // written to meanwhile
                        }
                    }
                    case FILE -> {
                        if (recursive || !isKeyName(name)) {
                            dir.deleteFile(name);
                        }
                    }
                    case LINK, OTHER -> dir.deleteFile(name);
                    case ABSENT -> {}
                }
            } catch (NoSuchFileException | NotDirectoryException e) {
                // removed or replaced meanwhile
            }
        }
    }

    /**
     * Removes {@code folder} and its ancestors below the root while they are empty: folders are implicit
     * (DELETE-009). Best effort: a folder that is not empty, or gone, ends it.
     */
    private void prune(RemotePath folder) {
        if (folder.isRoot() || closed) {
            return;
        }
        List<String> segments = folder.segments();
        List<SecureDirectoryStream<Path>> parents = new ArrayList<>(segments.size());
        try {
            SecureDirectoryStream<Path> dir = openRoot(folder);
            parents.add(dir);
            for (int i = 0; i < segments.size() - 1; i++) {
                dir = openChild(dir, fs.getPath(segments.get(i)), false, folder);
                parents.add(dir);
            }
        } catch (IOException | Blocked | RuntimeException e) {
            // the deeper folders are gone already; remove what is left above them
        }
        try {
            for (int i = parents.size() - 1; i >= 0; i--) {
                try {
                    parents.get(i).deleteDirectory(fs.getPath(segments.get(i)));
                } catch (NoSuchFileException e) {
                    // removed by a concurrent delete already: its parent may be empty now
                }
            }
        } catch (IOException | RuntimeException e) {
            // not empty (or not ours to delete): stop climbing
        } finally {
            parents.forEach(LocalBackend::closeQuietly);
        }
    }

    // ---- listing -----------------------------------------------------------------------------------------

    /** A directory entry that listing shows. */
    private record Node(RemotePath key, String sortKey, BasicFileAttributes attributes) {}

    /**
     * The files and folders directly in {@code folder}, in key order (a folder sorts as its name followed by
     * {@code /}, so a depth-first walk yields full keys in order). Each call walks from the root again, so an
     * abandoned listing holds no handle; a folder that is missing, or is not one, has no children.
     */
    private List<Node> children(RemotePath folder) {
        List<Node> nodes = new ArrayList<>();
        try (SecureDirectoryStream<Path> dir = openFolder(folder, folder, false)) {
            for (Path entry : dir) {
                Path name = entry.getFileName();
                if (!isKeyName(name)) {
                    continue; // temporary files, and names that are no key (LOCAL-004)
                }
                BasicFileAttributes attrs = attributes(dir, name);
                if (attrs == null) {
                    continue; // vanished meanwhile
                }
                Kind kind = kind(attrs);
                String text = name.toString();
                if (kind == Kind.FOLDER) {
                    nodes.add(new Node(folder.resolve(text), text + "/", attrs));
                } else if (kind == Kind.FILE) {
                    nodes.add(new Node(folder.resolve(text), text, attrs));
                }
            }
        } catch (Blocked | NoSuchFileException | InvalidPathException e) {
            return List.of();
        } catch (IOException e) {
            throw new RemoteStoreException("listing failed: " + e, folder.toString(), description, e);
        } catch (DirectoryIteratorException e) {
            throw new RemoteStoreException(
                    "listing failed: " + e.getCause(), folder.toString(), description, e.getCause());
        }
        nodes.sort(Comparator.comparing(Node::sortKey, RemotePath::compareKeys));
        return nodes;
    }

    /**
     * Whether a directory entry's name is a key segment: not reserved, and a name that survives the round
     * trip through a {@code String} (a name that is not valid in the file system's encoding, such as non-UTF-8
     * bytes, comes back as other bytes) and through key normalization (a backslash would split it).
     */
    private boolean isKeyName(Path name) {
        String text = name.toString();
        if (text.startsWith(TEMP_PREFIX)) {
            return false;
        }
        try {
            if (!fs.getPath(text).equals(name)) {
                return false;
            }
            RemotePath key = RemotePath.parse(text);
            return key.segments().size() == 1 && key.name().equals(text);
        } catch (java.nio.file.InvalidPathException | InvalidPathException e) {
            return false;
        }
    }

    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        ensureOpen(folder);
        Deque<Iterator<Node>> stack = new ArrayDeque<>(List.of(children(folder).iterator()));
        return Streams.untilNull(() -> {
            while (!stack.isEmpty()) {
                Iterator<Node> level = stack.peek();
                if (!level.hasNext()) {
                    stack.pop();
                    continue;
                }
                Node node = level.next();
                if (!node.attributes().isDirectory()) {
                    return info(node.key(), node.attributes());
                }
                if (recursive) {
                    stack.push(children(node.key()).iterator());
                }
            }
            return null;
        });
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        ensureOpen(folder);
        return children(folder).stream()
                .filter(n -> n.attributes().isDirectory())
                .map(n -> n.key().name());
    }

    // ---- metadata ----------------------------------------------------------------------------------------

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        try (Target t = locate(path)) {
            BasicFileAttributes attrs = attributes(t.dir(), t.name());
            requireFile(attrs == null ? Kind.ABSENT : kind(attrs), path);
            return info(path, attrs);
        } catch (Blocked b) {
            throw blockedRead(b, path);
        } catch (IOException e) {
            throw map(e, path);
        }
    }

    private static FileInfo info(RemotePath key, BasicFileAttributes attrs) {
        return FileInfo.builder(key)
                .size(attrs.size())
                .modifiedAt(attrs.lastModifiedTime().toInstant())
                .build();
    }

    @Override
    public FolderInfo getFolderInfo(RemotePath path) {
        if (!isFolder(path)) {
            throw new NotFoundException("no such folder", path.toString(), description);
        }
        return Folders.summarize(path, listFiles(path, true));
    }

    // ---- move / copy -------------------------------------------------------------------------------------

    @Override
    public void move(RemotePath source, RemotePath target, WriteOptions options) {
        RemotePath targetFolder = target.parent().orElseThrow();
        Path targetName = name(target.name(), target);
        try (Target src = locate(source)) {
            requireFile(kindOf(src.dir(), src.name()), source);
            for (int attempt = 0; ; attempt++) {
                try (Target dst = new Target(openFolder(targetFolder, target, true), targetName)) {
                    checkTarget(kindOf(dst.dir(), dst.name()), target, options.overwrite());
                    try (PublishLocks.Held held = locks.hold(source, target)) {
                        requireFile(kindOf(src.dir(), src.name()), source);
                        checkTarget(kindOf(dst.dir(), dst.name()), target, options.overwrite());
                        try {
                            src.dir().move(src.name(), dst.dir(), dst.name());
                        } catch (AtomicMoveNotSupportedException e) {
                            throw e;
                        } catch (FileSystemException e) {
                            requireFile(kindOf(src.dir(), src.name()), source);
                            checkTarget(kindOf(dst.dir(), dst.name()), target, true);
                            throw e;
                        }
                    } catch (IllegalStateException e) {
                        throw closedFailure(target);
                    }
                    break;
                } catch (NoSuchFileException e) {
                    if (attempt >= RACE_RETRIES || !rootStillHere()) {
                        throw map(e, target);
                    }
                    // the target's folder was removed by a concurrent delete: make it again
                } catch (AtomicMoveNotSupportedException e) {
                    // another file system is mounted below the root: copy, then delete
                    copy(source, target, options);
                    delete(source);
                    return;
                } catch (Blocked b) {
                    throw blockedWrite(b, target);
                }
            }
        } catch (Blocked b) {
            throw blockedRead(b, source);
        } catch (IOException e) {
            throw map(e, source);
        }
        prune(source.parent().orElseThrow());
    }

    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        try (InputStream in = read(source)) {
            store(target, in, options);
        } catch (IOException e) {
            throw map(e, source);
        }
    }

    // ---- introspection and lifecycle ---------------------------------------------------------------------

    @Override
    public ResolutionPlan resolve(RemotePath path) {
        ensureOpen(path);
        Path p = root;
        for (String segment : path.segments()) {
            p = p.resolve(name(segment, path));
        }
        return new ResolutionPlan("blob", description, path.toString(), Map.of("nativePath", p.toString()));
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(root) ? Optional.of(type.cast(root)) : Optional.empty();
    }

    /** The key of an absolute file path below the root (or a path relative to the root). */
    @Override
    public RemotePath toKey(String nativePath) {
        Path p;
        try {
            p = root.resolve(nativePath).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidPathException(
                    "is not a path on this file system: " + e.getReason() + " (LOCAL-005)", nativePath, description, e);
        }
        if (!p.startsWith(root)) {
            throw new InvalidPathException("lies outside the store root " + root, nativePath, description);
        }
        StringBuilder sb = new StringBuilder();
        for (Path segment : root.relativize(p)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(segment);
        }
        return RemotePath.parse(sb.toString());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeQuietly(rootDir);
        locks.release();
    }

    private void ensureOpen(RemotePath path) {
        if (closed) {
            throw closedFailure(path);
        }
    }

    private BackendUnavailableException closedFailure(RemotePath path) {
        return new BackendUnavailableException("the backend is closed", path.toString(), description);
    }

    /** Whether the root's path still names the directory this backend holds open. */
    private boolean rootStillHere() {
        try {
            BasicFileAttributes attrs = Files.readAttributes(root, BasicFileAttributes.class);
            return attrs.isDirectory() && (attrs.fileKey() == null || Objects.equals(attrs.fileKey(), rootKey));
        } catch (IOException e) {
            return false;
        }
    }

    static FileChannel fileChannel(SeekableByteChannel channel) throws IOException {
        if (channel instanceof FileChannel fc) {
            return fc;
        }
        closeQuietly(channel);
        throw new IOException("the file system gave no FileChannel, which flushing to disk needs");
    }

    // ---- errors ------------------------------------------------------------------------------------------

    private NotFoundException notFound(RemotePath path) {
        return new NotFoundException("no such file", path.toString(), description);
    }

    private AlreadyExistsException alreadyExists(RemotePath path) {
        return new AlreadyExistsException("the file exists and OVERWRITE was not given", path.toString(), description);
    }

    /** A link or special file at {@code at} (the key itself or a folder on its way) refuses {@code path}. */
    private InvalidPathException notAFileOrFolder(Kind kind, RemotePath path, RemotePath at) {
        String what = kind == Kind.LINK
                ? "a symbolic link, which the local backend never follows"
                : "a special file, neither file nor folder";
        String where = at.equals(path) ? "is " : "passes through \"" + at + "\", which is ";
        return new InvalidPathException(where + what + " (LOCAL-002)", path.toString(), description);
    }

    /** A walk to read {@code path} stopped: a missing folder or a file on the way means no such file. */
    private RemoteStoreException blockedRead(Blocked b, RemotePath path) {
        if (b.kind == Kind.ABSENT || b.kind == Kind.FILE) {
            return notFound(path);
        }
        return notAFileOrFolder(b.kind, path, b.at);
    }

    /** A walk to write {@code path} stopped: a file on the way is WRITE-007. */
    private RemoteStoreException blockedWrite(Blocked b, RemotePath path) {
        if (b.kind == Kind.FILE) {
            return new InvalidPathException(
                    "cannot be written below \"" + b.at + "\", which is a file (WRITE-007)",
                    path.toString(),
                    description);
        }
        if (b.kind == Kind.ABSENT) {
            return notFound(path);
        }
        return notAFileOrFolder(b.kind, path, b.at);
    }

    private RemoteStoreException map(IOException e, RemotePath path) {
        String key = path.toString();
        if (!rootStillHere()) {
            return new BackendUnavailableException("the root directory is gone", key, description, e);
        }
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return new NotFoundException("no such file", key, description, e);
        }
        if (e instanceof AccessDeniedException) {
            return new PermissionDeniedException("access denied: " + e.getMessage(), key, description, e);
        }
        if (e instanceof FileAlreadyExistsException) {
            return new AlreadyExistsException("the target exists", key, description, e);
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            String reason = ((FileSystemException) e).getReason();
            if (reason.contains("name too long")) {
                return new InvalidPathException("a name is longer than the file system allows", key, description, e);
            }
        }
        return new RemoteStoreException("I/O failed: " + e, key, description, e);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing after a failure: the original failure is what the caller needs
            }
        }
    }

    @Override
    public String toString() {
        return "LocalBackend[" + root + "]";
    }
}

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
import dev.remotestore.internal.Folders;
import dev.remotestore.internal.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Files under a root directory of the local file system, with every capability.
 *
 * <p>Every write goes to a temporary file in the target's directory, is flushed to disk, and is then published
 * in one step: an atomic rename when overwriting, a hard link when the target must not exist yet (the link
 * fails if the target appeared meanwhile, so of several concurrent creators exactly one wins). A failed or
 * discarded write deletes its temporary file. Temporary files are named {@code .~rs-…}; such names are
 * reserved, never listed, and rejected as keys.
 *
 * <p>Folders are directories, and they are implicit as in every other backend: writing creates the missing
 * parents, and deleting the last file of a directory removes the directories it leaves empty (up to the
 * root). No path escapes the root, not even through a symbolic link: a link whose target lies outside the
 * root is treated as absent by queries and listings and rejected with {@link InvalidPathException} by every
 * other operation. Symbolic links to directories inside the root are not descended by recursive listings, so
 * link cycles cannot loop them.
 *
 * <p>Keeps size and modification time; no content type and no digest. Thread-safe; several processes may
 * share a root.
 */
public final class LocalBackend implements Backend {
    private static final String NAME = "local";
    static final String TEMP_PREFIX = ".~rs-";
    private static final int DIRECTORY_RACE_RETRIES = 8;

    private final Path root;
    private final String description;
    private volatile boolean closed;

    /**
     * A backend over the directory {@code root}, created if missing.
     *
     * @throws BackendUnavailableException if the directory cannot be created or is not a directory
     */
    public LocalBackend(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new BackendUnavailableException(
                    "cannot use the directory as a store root: " + e, null, NAME + " on " + root, e);
        }
        this.description = NAME + " on " + this.root;
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

    // ---- path resolution ---------------------------------------------------------------------------------

    /** The file system path of a key; rejects reserved names. Does not check symbolic links. */
    private Path resolvePath(RemotePath key) {
        ensureOpen(key);
        Path p = root;
        for (String segment : key.segments()) {
            if (segment.startsWith(TEMP_PREFIX)) {
                throw new InvalidPathException(
                        "names starting with \"" + TEMP_PREFIX + "\" are reserved for temporary files",
                        key.toString(),
                        description);
            }
            p = p.resolve(segment);
        }
        return p;
    }

    /** The file system path of a key that is proven not to leave the root through a symbolic link. */
    private Path resolveContained(RemotePath key) {
        Path p = resolvePath(key);
        if (!contained(p)) {
            throw new InvalidPathException(
                    "resolves outside the store root through a symbolic link", key.toString(), description);
        }
        return p;
    }

    /**
     * Whether {@code p} stays below the root once symbolic links are followed: the deepest part of it that
     * exists must have a real path below the root. A broken link counts as leaving it.
     */
    private boolean contained(Path p) {
        Path existing = p;
        while (!existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing.equals(root)) {
            return true;
        }
        try {
            return existing.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    private RemotePath keyOf(Path p) {
        Path rel = root.relativize(p);
        StringBuilder sb = new StringBuilder();
        for (Path segment : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(segment);
        }
        return RemotePath.parse(sb.toString());
    }

    // ---- queries -----------------------------------------------------------------------------------------

    @Override
    public boolean exists(RemotePath path) {
        if (path.isRoot()) {
            ensureOpen(path);
            return true;
        }
        Path p = queryPath(path); // one resolution and symbolic-link check for both answers
        return p != null && (Files.isRegularFile(p) || Files.isDirectory(p));
    }

    @Override
    public boolean isFile(RemotePath path) {
        Path p = queryPath(path);
        return p != null && Files.isRegularFile(p);
    }

    @Override
    public boolean isFolder(RemotePath path) {
        if (path.isRoot()) {
            ensureOpen(path);
            return true;
        }
        Path p = queryPath(path);
        return p != null && Files.isDirectory(p);
    }

    /** The path of a key for a query, or {@code null} when it cannot name anything (reserved or escaping). */
    private Path queryPath(RemotePath key) {
        Path p;
        try {
            p = resolvePath(key);
        } catch (InvalidPathException e) {
            return null;
        }
        return contained(p) ? p : null;
    }

    // ---- reads -------------------------------------------------------------------------------------------

    @Override
    public InputStream read(RemotePath path) {
        Path p = requireFile(path);
        try {
            return Files.newInputStream(p);
        } catch (IOException e) {
            throw map(e, path);
        }
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        Path p = requireFile(path);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(p, StandardOpenOption.READ);
            long size = channel.size();
            long start = Math.min(offset, size);
            channel.position(start);
            return Streams.limit(Channels.newInputStream(channel), Math.min(length, size - start));
        } catch (IOException e) {
            closeQuietly(channel);
            throw map(e, path);
        }
    }

    private Path requireFile(RemotePath path) {
        Path p = resolveContained(path);
        if (Files.isDirectory(p)) {
            throw new InvalidPathException("is a folder, not a file", path.toString(), description);
        }
        if (!Files.isRegularFile(p)) {
            throw notFound(path);
        }
        return p;
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
        Path target = checkWriteTarget(path, options);
        Path temp = createTemp(path, target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                content.transferTo(out);
                channel.force(true);
            }
            publish(temp, target, path, options.overwrite());
        } catch (IOException | RuntimeException e) {
            discardTemp(temp);
            if (e instanceof RemoteStoreException) {
                throw (RemoteStoreException) e;
            }
            if (e instanceof IOException) {
                throw new RemoteStoreException(
                        "writing failed, nothing was stored: " + e, path.toString(), description, e);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
        Path target = checkWriteTarget(path, options);
        Path temp = createTemp(path, target);
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        } catch (IOException e) {
            discardTemp(temp);
            throw map(e, path);
        }
        return new AtomicOutput() {
            private final OutputStream out = Channels.newOutputStream(channel);

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
                channel.force(true);
                channel.close();
                LocalBackend.this.publish(temp, target, path, options.overwrite());
            }

            @Override
            protected void discard() {
                closeQuietly(channel);
                discardTemp(temp);
            }

            @Override
            protected String describeTarget() {
                return path.toString();
            }
        };
    }

    /**
     * Checks the write rules that can be checked before the content is read: not a folder, not below a file,
     * not existing unless overwriting. Publishing checks existence again, atomically.
     */
    private Path checkWriteTarget(RemotePath path, WriteOptions options) {
        Path target = resolveContained(path);
        for (Path dir = target.getParent(); !dir.equals(root); dir = dir.getParent()) {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new InvalidPathException(
                        "cannot be written below \"" + keyOf(dir) + "\", which is a file (WRITE-007)",
                        path.toString(),
                        description);
            }
        }
        if (Files.isDirectory(target)) {
            throw new InvalidPathException("is a folder, not a file (WRITE-006)", path.toString(), description);
        }
        if (!options.overwrite() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw alreadyExists(path);
        }
        return target;
    }

    /**
     * Creates the parent directories and an empty temporary file beside {@code target}. Retries when a
     * concurrent delete prunes a freshly created (still empty) parent in between.
     */
    private Path createTemp(RemotePath path, Path target) {
        Path dir = target.getParent();
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createDirectories(dir);
                return Files.createFile(dir.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp"));
            } catch (NoSuchFileException e) {
                if (attempt >= DIRECTORY_RACE_RETRIES) {
                    throw map(e, path);
                }
            } catch (FileAlreadyExistsException | NotDirectoryException e) {
                if (!Files.isDirectory(root)) {
                    throw map(e, path);
                }
                throw new InvalidPathException(
                        "cannot be written below a file (WRITE-007)", path.toString(), description, e);
            } catch (IOException e) {
                throw map(e, path);
            }
        }
    }

    /**
     * Makes {@code temp} visible as {@code target} in one step. Overwriting renames over the target; creating
     * links the target name to the temporary file, which fails atomically if the name exists.
     */
    private void publish(Path temp, Path target, RemotePath key, boolean overwrite) {
        try {
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                createExclusive(target, temp, key);
                // Published: from here on the write succeeded, whatever happens to the extra name.
                deleteQuietly(temp);
            }
        } catch (DirectoryNotEmptyException e) {
            throw new InvalidPathException("is a folder, not a file (WRITE-006)", key.toString(), description, e);
        } catch (IOException e) {
            if (Files.isDirectory(target)) {
                throw new InvalidPathException("is a folder, not a file (WRITE-006)", key.toString(), description, e);
            }
            throw map(e, key);
        }
    }

    /** Gives {@code existing}'s file the new name {@code link}, failing if {@code link} exists. */
    private void createExclusive(Path link, Path existing, RemotePath key) throws IOException {
        try {
            Files.createLink(link, existing);
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(key);
        } catch (UnsupportedOperationException e) {
            throw new RemoteStoreException(
                    "the file system does not support hard links, which exclusive creation needs",
                    key.toString(),
                    description,
                    e);
        }
    }

    private void discardTemp(Path temp) {
        deleteQuietly(temp);
        pruneEmptyDirectories(temp.getParent());
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A leftover temporary file is never listed and never read; nothing partial is visible.
        }
    }

    /** Removes {@code dir} and its ancestors below the root while they are empty: folders are implicit. */
    private void pruneEmptyDirectories(Path dir) {
        for (Path d = dir; d != null && !d.equals(root) && d.startsWith(root); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (IOException e) {
                return; // not empty (or already gone, or not ours to delete): stop climbing
            }
        }
    }

    // ---- deletes -----------------------------------------------------------------------------------------

    @Override
    public boolean delete(RemotePath path) {
        Path p = resolveContained(path);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidPathException("is a folder, not a file; use deleteFolder", path.toString(), description);
        }
        try {
            Files.delete(p);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false;
        } catch (FileSystemException e) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw map(e, path);
        } catch (IOException e) {
            throw map(e, path);
        }
        pruneEmptyDirectories(p.getParent());
        return true;
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        Path dir = resolveContained(path);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
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
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file); // a symbolic link is deleted itself, never its target
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw map(e, path);
        }
        pruneEmptyDirectories(dir.getParent());
    }

    // ---- listing -----------------------------------------------------------------------------------------

    /** A directory entry that listing may show, with the attributes of what it names. */
    private record Node(Path path, String sortKey, BasicFileAttributes attributes, boolean descend) {}

    /**
     * The entries of {@code dir} that are regular files or directories inside the root, in key order: a
     * directory sorts as its name followed by {@code /}, so a depth-first walk yields full keys in order.
     */
    private List<Node> children(Path dir) {
        List<Node> nodes = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Iterator<Path> it = entries.iterator(); it.hasNext(); ) {
                Path entry = it.next();
                String name = entry.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) || name.indexOf('\\') >= 0) {
                    continue; // temporary files are never listed; a backslash name has no key (PATH-001)
                }
                BasicFileAttributes attrs;
                boolean link;
                try {
                    attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    link = attrs.isSymbolicLink();
                    if (link) {
                        if (!contained(entry)) {
                            continue;
                        }
                        attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                    }
                } catch (IOException e) {
                    continue; // vanished meanwhile, or unreadable: not part of this listing
                }
                if (attrs.isDirectory()) {
                    nodes.add(new Node(entry, name + "/", attrs, !link));
                } else if (attrs.isRegularFile()) {
                    nodes.add(new Node(entry, name, attrs, false));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw new RemoteStoreException("listing failed: " + e, keyOf(dir).toString(), description, e);
        } catch (UncheckedIOException e) {
            throw new RemoteStoreException(
                    "listing failed: " + e.getCause(), keyOf(dir).toString(), description, e.getCause());
        }
        nodes.sort(Comparator.comparing(Node::sortKey, RemotePath::compareKeys));
        return nodes;
    }

    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        Path dir = listingDirectory(folder);
        if (dir == null) {
            return Stream.empty();
        }
        Iterator<FileInfo> files = new Iterator<>() {
            private final Deque<Iterator<Node>> stack =
                    new ArrayDeque<>(List.of(children(dir).iterator()));
            private FileInfo next;

            @Override
            public boolean hasNext() {
                while (next == null && !stack.isEmpty()) {
                    Iterator<Node> top = stack.peek();
                    if (!top.hasNext()) {
                        stack.pop();
                        continue;
                    }
                    Node node = top.next();
                    if (node.attributes().isDirectory()) {
                        if (recursive && node.descend()) {
                            stack.push(children(node.path()).iterator());
                        }
                    } else {
                        next = info(keyOf(node.path()), node.attributes());
                    }
                }
                return next != null;
            }

            @Override
            public FileInfo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                FileInfo result = next;
                next = null;
                return result;
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(files, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        Path dir = listingDirectory(folder);
        if (dir == null) {
            return Stream.empty();
        }
        return children(dir).stream()
                .filter(n -> n.attributes().isDirectory())
                .map(n -> n.path().getFileName().toString());
    }

    /** The directory to list for {@code folder}, or {@code null} when there is none to list. */
    private Path listingDirectory(RemotePath folder) {
        if (folder.isRoot()) {
            ensureOpen(folder);
            return root;
        }
        Path dir = queryPath(folder);
        return dir != null && Files.isDirectory(dir) ? dir : null;
    }

    // ---- metadata ----------------------------------------------------------------------------------------

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        Path p = resolveContained(path);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            throw map(e, path);
        }
        if (attrs.isDirectory()) {
            throw new InvalidPathException("is a folder, not a file", path.toString(), description);
        }
        if (!attrs.isRegularFile()) {
            throw notFound(path);
        }
        return info(path, attrs);
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
        Path src = requireFile(source);
        Path dst = checkWriteTarget(target, options);
        Path dstDir = dst.getParent();
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createDirectories(dstDir);
                if (options.overwrite()) {
                    Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    createExclusive(dst, src, target);
                    Files.delete(src);
                }
                break;
            } catch (NoSuchFileException e) {
                if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
                    throw notFound(source);
                }
                if (attempt >= DIRECTORY_RACE_RETRIES) {
                    throw map(e, target);
                }
            } catch (FileAlreadyExistsException | NotDirectoryException e) {
                throw new InvalidPathException(
                        "cannot be written below a file (WRITE-007)", target.toString(), description, e);
            } catch (DirectoryNotEmptyException e) {
                throw new InvalidPathException(
                        "is a folder, not a file (WRITE-006)", target.toString(), description, e);
            } catch (IOException e) {
                throw map(e, target);
            }
        }
        pruneEmptyDirectories(src.getParent());
    }

    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        Path src = requireFile(source);
        try (InputStream in = Files.newInputStream(src)) {
            store(target, in, options);
        } catch (IOException e) {
            throw map(e, source);
        }
    }

    // ---- introspection and lifecycle ---------------------------------------------------------------------

    @Override
    public ResolutionPlan resolve(RemotePath path) {
        return new ResolutionPlan(
                "blob",
                description,
                path.toString(),
                Map.of("nativePath", resolvePath(path).toString()));
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(root) ? Optional.of(type.cast(root)) : Optional.empty();
    }

    /** The key of an absolute file path below the root (or a path relative to the root). */
    @Override
    public RemotePath toKey(String nativePath) {
        Path p = root.resolve(nativePath).normalize();
        if (!p.startsWith(root)) {
            throw new InvalidPathException("lies outside the store root " + root, nativePath, description);
        }
        return keyOf(p);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen(RemotePath path) {
        if (closed) {
            throw new BackendUnavailableException("the backend is closed", path.toString(), description);
        }
    }

    // ---- errors ------------------------------------------------------------------------------------------

    private NotFoundException notFound(RemotePath path) {
        return new NotFoundException("no such file", path.toString(), description);
    }

    private AlreadyExistsException alreadyExists(RemotePath path) {
        return new AlreadyExistsException("the file exists and OVERWRITE was not given", path.toString(), description);
    }

    private RemoteStoreException map(IOException e, RemotePath path) {
        String key = path.toString();
        if (!Files.isDirectory(root)) {
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
            if (reason.contains("Not a directory")) {
                return new NotFoundException("no such file (a parent is a file)", key, description, e);
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

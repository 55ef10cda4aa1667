package dev.remotestore.memory;

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
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import dev.remotestore.internal.Digests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Files held in memory: the reference implementation of the contract, with every capability, and the fastest
 * way to test code that uses a {@link dev.remotestore.Store}. Keeps content type, SHA-256 digest and
 * modification time.
 *
 * <p>Folders are implicit: a folder exists while a file lies below it. Content is copied on write and read
 * from an immutable array, so a reader never sees a change it did not ask for.
 *
 * <p>Thread-safe: reads run without locking over a concurrent sorted map; mutations are serialized by one
 * lock, which makes the checks and the change of every write, move, copy and delete atomic.
 */
public final class MemoryBackend implements Backend {
    private static final String NAME = "memory";

    private record Entry(
            byte[] data, Instant modifiedAt, String contentType, String digest, Map<String, String> extra) {}

    private final ConcurrentSkipListMap<String, Entry> files = new ConcurrentSkipListMap<>(RemotePath::compareKeys);
    private final ReentrantLock mutation = new ReentrantLock();
    private final Clock clock;
    private volatile boolean closed;

    /** An empty memory backend. */
    public MemoryBackend() {
        this(Clock.systemUTC());
    }

    /** An empty memory backend whose modification times come from {@code clock} (for tests of time rules). */
    public MemoryBackend(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CapabilitySet capabilities() {
        return CapabilitySet.all();
    }

    // ---- queries -----------------------------------------------------------------------------------------

    @Override
    public boolean exists(RemotePath path) {
        return isFile(path) || isFolder(path);
    }

    @Override
    public boolean isFile(RemotePath path) {
        ensureOpen(path);
        return !path.isRoot() && files.containsKey(path.toString());
    }

    @Override
    public boolean isFolder(RemotePath path) {
        ensureOpen(path);
        return path.isRoot() || !below(path).isEmpty();
    }

    /** Every entry strictly below {@code folder}: keys in {@code [folder + "/", folder + "0")}. */
    private ConcurrentNavigableMap<String, Entry> below(RemotePath folder) {
        if (folder.isRoot()) {
            return files;
        }
        String p = folder.toString();
        // '0' is the code point after '/', so this range holds exactly the keys that start with p + "/".
        return files.subMap(p + "/", true, p + "0", false);
    }

    // ---- reads -------------------------------------------------------------------------------------------

    @Override
    public InputStream read(RemotePath path) {
        byte[] data = entry(path).data();
        return new ByteArrayInputStream(data);
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        byte[] data = entry(path).data();
        int from = (int) Math.min(offset, data.length);
        int len = (int) Math.min(length, data.length - from);
        return new ByteArrayInputStream(data, from, len);
    }

    private Entry entry(RemotePath path) {
        ensureOpen(path);
        Entry e = files.get(path.toString());
        if (e == null) {
            if (isFolder(path)) {
                throw new InvalidPathException("is a folder, not a file", path.toString(), NAME);
            }
            throw new NotFoundException("no such file", path.toString(), NAME);
        }
        return e;
    }

    // ---- writes ------------------------------------------------------------------------------------------

    @Override
    public void write(RemotePath path, InputStream content, WriteOptions options) {
        ensureOpen(path);
        checkTarget(path, options); // fail fast, before reading the content; checked again on publish
        MessageDigest md = Digests.sha256();
        byte[] data;
        try {
            data = new DigestInputStream(content, md).readAllBytes();
        } catch (IOException e) {
            throw new RemoteStoreException(
                    "reading the content failed, nothing was stored: " + e.getMessage(), path.toString(), NAME, e);
        }
        publish(path, data, Digests.hex(md), options);
    }

    @Override
    public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
        // Every write here is atomic: the entry is replaced in one step after the content is complete.
        write(path, content, options);
    }

    @Override
    public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
        ensureOpen(path);
        checkTarget(path, options);
        return new AtomicOutput() {
            private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

            @Override
            protected void writeBytes(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }

            @Override
            protected void publish() {
                byte[] data = buffer.toByteArray();
                MemoryBackend.this.publish(path, data, Digests.sha256Hex(data), options);
                buffer = null;
            }

            @Override
            protected void discard() {
                buffer = null;
            }

            @Override
            protected String describeTarget() {
                return path.toString();
            }
        };
    }

    private void publish(RemotePath path, byte[] data, String digest, WriteOptions options) {
        Entry entry = new Entry(data, clock.instant(), options.contentType().orElse(null), digest, options.extra());
        mutation.lock();
        try {
            ensureOpen(path);
            checkTarget(path, options);
            files.put(path.toString(), entry);
        } finally {
            mutation.unlock();
        }
    }

    /** The write rules that depend on state: not a folder, not below a file, not existing unless overwriting. */
    private void checkTarget(RemotePath path, WriteOptions options) {
        String key = path.toString();
        for (RemotePath p = path.parent().orElseThrow();
                !p.isRoot();
                p = p.parent().orElseThrow()) {
            if (files.containsKey(p.toString())) {
                throw new InvalidPathException(
                        "cannot be written below \"" + p + "\", which is a file (WRITE-007)", key, NAME);
            }
        }
        if (!below(path).isEmpty()) {
            throw new InvalidPathException("is a folder, not a file (WRITE-006)", key, NAME);
        }
        if (!options.overwrite() && files.containsKey(key)) {
            throw new AlreadyExistsException("the file exists and OVERWRITE was not given", key, NAME);
        }
    }

    // ---- deletes -----------------------------------------------------------------------------------------

    @Override
    public boolean delete(RemotePath path) {
        mutation.lock();
        try {
            ensureOpen(path);
            if (files.remove(path.toString()) != null) {
                return true;
            }
            if (isFolder(path)) {
                throw new InvalidPathException("is a folder, not a file; use deleteFolder", path.toString(), NAME);
            }
            return false;
        } finally {
            mutation.unlock();
        }
    }

    @Override
    public boolean deleteIfMatches(RemotePath path, String digest) {
        mutation.lock();
        try {
            ensureOpen(path);
            Entry e = files.get(path.toString());
            if (e == null) {
                if (isFolder(path)) {
                    throw new InvalidPathException("is a folder, not a file; use deleteFolder", path.toString(), NAME);
                }
                return false;
            }
            return e.digest().equals(digest) && files.remove(path.toString(), e);
        } finally {
            mutation.unlock();
        }
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        mutation.lock();
        try {
            ensureOpen(path);
            ConcurrentNavigableMap<String, Entry> content = below(path);
            if (content.isEmpty()) {
                throw new NotFoundException("no such folder", path.toString(), NAME);
            }
            if (!recursive) {
                throw new FolderNotEmptyException(
                        "the folder holds " + content.size() + " file(s) and RECURSIVE was not given",
                        path.toString(),
                        NAME);
            }
            content.clear();
        } finally {
            mutation.unlock();
        }
    }

    // ---- listing -----------------------------------------------------------------------------------------

    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        ensureOpen(folder);
        Stream<Map.Entry<String, Entry>> entries = below(folder).entrySet().stream();
        if (!recursive) {
            int depth = folder.segments().size() + 1;
            entries = entries.filter(e -> segmentCount(e.getKey()) == depth);
        }
        return entries.map(e -> info(RemotePath.of(e.getKey()), e.getValue()));
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        ensureOpen(folder);
        // Walk from one sub-folder to the next by jumping past its whole key range: O(folders), not O(files).
        List<String> names = new ArrayList<>();
        NavigableMap<String, Entry> range = below(folder);
        int prefixLength = folder.isRoot() ? 0 : folder.toString().length() + 1;
        String key = range.isEmpty() ? null : range.firstKey();
        while (key != null) {
            int slash = key.indexOf('/', prefixLength);
            if (slash < 0) {
                key = range.higherKey(key);
                continue;
            }
            String name = key.substring(prefixLength, slash);
            names.add(name);
            key = range.ceilingKey(key.substring(0, slash) + "0");
        }
        return names.stream();
    }

    private static int segmentCount(String key) {
        int n = 1;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    // ---- metadata ----------------------------------------------------------------------------------------

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        return info(path, entry(path));
    }

    private static FileInfo info(RemotePath path, Entry e) {
        FileInfo.Builder info = FileInfo.builder(path)
                .size(e.data().length)
                .modifiedAt(e.modifiedAt())
                .contentType(e.contentType())
                .digest(e.digest());
        e.extra().forEach(info::extra);
        return info.build();
    }

    @Override
    public FolderInfo getFolderInfo(RemotePath path) {
        ensureOpen(path);
        Map<String, Entry> content = below(path);
        if (content.isEmpty() && !path.isRoot()) {
            throw new NotFoundException("no such folder", path.toString(), NAME);
        }
        long count = 0;
        long size = 0;
        Instant latest = null;
        for (Entry e : content.values()) {
            count++;
            size += e.data().length;
            if (latest == null || e.modifiedAt().isAfter(latest)) {
                latest = e.modifiedAt();
            }
        }
        return new FolderInfo(path.toString(), count, size, Optional.ofNullable(latest));
    }

    // ---- move / copy -------------------------------------------------------------------------------------

    @Override
    public void move(RemotePath source, RemotePath target, WriteOptions options) {
        transfer(source, target, options, true);
    }

    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        transfer(source, target, options, false);
    }

    private void transfer(RemotePath source, RemotePath target, WriteOptions options, boolean removeSource) {
        mutation.lock();
        try {
            Entry e = entry(source);
            checkTarget(target, options);
            Entry copy = new Entry(
                    e.data(), removeSource ? e.modifiedAt() : clock.instant(), e.contentType(), e.digest(), e.extra());
            files.put(target.toString(), copy);
            if (removeSource) {
                files.remove(source.toString());
            }
        } finally {
            mutation.unlock();
        }
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------

    @Override
    public void close() {
        closed = true;
        files.clear();
    }

    private void ensureOpen(RemotePath path) {
        if (closed) {
            throw new BackendUnavailableException("the backend is closed", path.toString(), NAME);
        }
    }

    @Override
    public String toString() {
        return "MemoryBackend[" + files.size() + " files]";
    }
}

package dev.remotestore.composite;

import dev.remotestore.AtomicOutput;
import dev.remotestore.Backend;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Capability;
import dev.remotestore.CapabilitySet;
import dev.remotestore.DeleteOption;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.InvalidPathException;
import dev.remotestore.ListOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.internal.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The multiplexing backend behind {@link CompositeStore}: resolves each key through its tiers' stores. Reads
 * fall through the candidate tiers in order (a tier that is unavailable is passed over and remembered); writes
 * go to one target tier. {@code glob} is the default of {@link Backend}: the union listing from the pattern's base,
 * matched against the pattern (whose base carries the store root of a child). Thread-safe when the tiers'
 * stores are.
 */
final class CompositeBackend implements Backend {
    private static final Set<Capability> FALLTHROUGH = EnumSet.of(
            Capability.READ,
            Capability.SEEKABLE_READ,
            Capability.METADATA,
            Capability.LIST,
            Capability.RECURSIVE_LIST,
            Capability.GLOB);

    private final List<Tier> tiers;
    private final Tier primary;
    private final boolean writeThrough;
    private final CapabilitySet capabilities;
    private final String description;
    private volatile boolean closed;

    CompositeBackend(List<Tier> tiers, Tier primary, boolean writeThrough) {
        this.tiers = List.copyOf(tiers);
        this.primary = primary;
        this.writeThrough = writeThrough;
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        for (Tier t : tiers) {
            for (Capability c : t.store().capabilities()) {
                if (FALLTHROUGH.contains(c)) {
                    caps.add(c);
                }
            }
        }
        for (Capability c : primary.store().capabilities()) {
            if (!FALLTHROUGH.contains(c)) {
                caps.add(c);
            }
        }
        this.capabilities = CapabilitySet.of(caps);
        this.description = "composite[" + tiers.stream().map(Tier::name).collect(Collectors.joining(", ")) + "]";
    }

    List<Tier> tiers() {
        return tiers;
    }

    @Override
    public String name() {
        return "composite";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public CapabilitySet capabilities() {
        return capabilities;
    }

    // ---- resolution --------------------------------------------------------------------------------------

    /** The tiers a key may resolve through, in order: the tier whose pattern it matches, else the open tiers. */
    List<Tier> candidates(RemotePath key) {
        if (!key.isRoot()) {
            for (Tier t : tiers) {
                if (t.matches(key)) {
                    return List.of(t);
                }
            }
        }
        List<Tier> open = new ArrayList<>();
        for (Tier t : tiers) {
            if (!t.hasPattern()) {
                open.add(t);
            }
        }
        return open;
    }

    /** The tier a write of {@code key} goes to: the tier whose pattern it matches, else the primary tier. */
    Tier target(RemotePath key) {
        for (Tier t : tiers) {
            if (t.matches(key)) {
                return t;
            }
        }
        return primary;
    }

    /**
     * The first answer of the candidate tiers that have the key. A tier that does not have it (or is
     * unavailable) is passed over; if none answers, the failure says which tiers were tried and which were
     * unavailable.
     */
    private <T> T fallthrough(RemotePath path, Capability capability, Function<Store, T> op) {
        ensureOpen(path);
        RemoteStoreException wrongKind = null;
        BackendUnavailableException unavailable = null;
        List<String> tried = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (Tier t : candidates(path)) {
            if (!t.store().supports(capability)) {
                continue;
            }
            tried.add(t.name());
            try {
                return op.apply(t.store());
            } catch (NotFoundException e) {
                // not in this tier: the next one may have it
            } catch (InvalidPathException e) {
                if (wrongKind == null) {
                    wrongKind = e; // a folder here; a later tier may still hold a file
                }
            } catch (BackendUnavailableException e) {
                down.add(t.name());
                if (unavailable == null) {
                    unavailable = e;
                }
            }
        }
        if (unavailable != null) {
            throw new BackendUnavailableException(
                    "not found in the reachable tiers " + tried + "; unavailable: " + down,
                    path.toString(),
                    description,
                    unavailable);
        }
        if (wrongKind != null) {
            throw wrongKind;
        }
        throw new NotFoundException("no tier has it (tried " + tried + ")", path.toString(), description);
    }

    /** Whether any candidate tier answers true; unavailable tiers are passed over unless all are. */
    private boolean anyTier(RemotePath path, List<Tier> among, Function<Store, Boolean> query) {
        ensureOpen(path);
        BackendUnavailableException unavailable = null;
        boolean reached = false;
        for (Tier t : among) {
            try {
                if (query.apply(t.store())) {
                    return true;
                }
                reached = true;
            } catch (BackendUnavailableException e) {
                unavailable = e;
            }
        }
        if (!reached && unavailable != null) {
            throw unavailable;
        }
        return false;
    }

    // ---- queries and reads -------------------------------------------------------------------------------

    @Override
    public boolean exists(RemotePath path) {
        return anyTier(path, tiers, s -> s.exists(path.toString()));
    }

    @Override
    public boolean isFile(RemotePath path) {
        return anyTier(path, candidates(path), s -> s.isFile(path.toString()));
    }

    @Override
    public boolean isFolder(RemotePath path) {
        return anyTier(path, tiers, s -> s.isFolder(path.toString()));
    }

    @Override
    public InputStream read(RemotePath path) {
        return fallthrough(path, Capability.READ, s -> s.read(path.toString()));
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        return fallthrough(path, Capability.SEEKABLE_READ, s -> s.readRange(path.toString(), offset, length));
    }

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        return fallthrough(path, Capability.METADATA, s -> s.getFileInfo(path.toString()));
    }

    // ---- listing: the union of the tiers, de-duplicated by key, the first tier winning ------------------

    private Stream<Tier> listing(Capability... needed) {
        return tiers.stream().filter(t -> {
            for (Capability c : needed) {
                if (!t.store().supports(c)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        ensureOpen(folder);
        Set<String> seen = new HashSet<>();
        Stream<Tier> sources =
                recursive ? listing(Capability.LIST, Capability.RECURSIVE_LIST) : listing(Capability.LIST);
        return sources.flatMap(t -> recursive
                        ? t.store().listFiles(folder.toString(), ListOption.RECURSIVE)
                        : t.store().listFiles(folder.toString()))
                .filter(info -> seen.add(info.path()));
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        ensureOpen(folder);
        Set<String> names = new LinkedHashSet<>();
        listing(Capability.LIST).forEach(t -> {
            try (Stream<String> s = t.store().listFolders(folder.toString())) {
                s.forEach(names::add);
            }
        });
        return names.stream();
    }

    @Override
    public FolderInfo getFolderInfo(RemotePath path) {
        FolderInfo info = Folders.summarize(path, listFiles(path, true));
        if (info.fileCount() == 0 && !path.isRoot()) {
            throw new NotFoundException("no such folder in any tier", path.toString(), description);
        }
        return info;
    }

    // ---- writes: to the target tier ----------------------------------------------------------------------

    private Store writable(RemotePath path, Capability capability) {
        ensureOpen(path);
        Tier t = target(path);
        t.store().capabilities().require(capability, path.toString(), description + " tier " + t.name());
        return t.store();
    }

    @Override
    public void write(RemotePath path, InputStream content, WriteOptions options) {
        Store target = writable(path, Capability.WRITE);
        if (!writesThrough(path)) {
            target.write(path.toString(), content, options.toWriteOptions());
            return;
        }
        writeThrough(
                path, content, (s, in) -> s.write(path.toString(), in, options.toWriteOptions()), Capability.WRITE);
    }

    @Override
    public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
        Store target = writable(path, Capability.ATOMIC_WRITE);
        if (!writesThrough(path)) {
            target.writeAtomic(path.toString(), content, options.toWriteOptions());
            return;
        }
        writeThrough(
                path,
                content,
                (s, in) -> {
                    if (s.supports(Capability.ATOMIC_WRITE)) {
                        s.writeAtomic(path.toString(), in, options.toWriteOptions());
                    } else {
                        s.write(path.toString(), in, options.toWriteOptions());
                    }
                },
                Capability.WRITE);
    }

    /** Write-through applies to keys of the open tiers; a key of a patterned tier is written there only. */
    private boolean writesThrough(RemotePath path) {
        return writeThrough && !target(path).hasPattern();
    }

    /** One write of one tier's store. */
    private interface TierWrite {
        void apply(Store store, InputStream content);
    }

    /**
     * Writes the target tier first (if it fails, nothing else is written), then every other open tier that
     * can write. The content is spooled to a temporary file once, so each tier streams it again.
     */
    private void writeThrough(RemotePath path, InputStream content, TierWrite write, Capability capability) {
        Path spool;
        try {
            spool = Files.createTempFile("remote-store-composite-", ".spool");
        } catch (IOException e) {
            throw new RemoteStoreException("cannot spool the content: " + e, path.toString(), description, e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(spool)) {
                content.transferTo(out);
            } catch (IOException e) {
                throw new RemoteStoreException(
                        "reading the content failed, nothing was stored: " + e, path.toString(), description, e);
            }
            Tier first = target(path);
            List<String> written = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            RuntimeException failure = null;
            List<Tier> order = new ArrayList<>();
            order.add(first);
            for (Tier t : tiers) {
                if (t != first && !t.hasPattern() && t.store().supports(capability)) {
                    order.add(t);
                }
            }
            for (Tier t : order) {
                try (InputStream in = Files.newInputStream(spool)) {
                    write.apply(t.store(), in);
                    written.add(t.name());
                } catch (IOException | RuntimeException e) {
                    RuntimeException r = e instanceof RuntimeException
                            ? (RuntimeException) e
                            : new RemoteStoreException("write failed: " + e, path.toString(), description, e);
                    if (t == first) {
                        throw r; // the primary failed: nothing is written anywhere
                    }
                    failed.add(t.name());
                    if (failure == null) {
                        failure = r;
                    } else {
                        failure.addSuppressed(r);
                    }
                }
            }
            if (failure != null) {
                throw new PartialWriteException(path.toString(), description, written, failed, failure);
            }
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException ignored) {
                // a temporary file; nothing of the store depends on it
            }
        }
    }

    @Override
    public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
        return writable(path, Capability.ATOMIC_WRITE).openAtomic(path.toString(), options.toWriteOptions());
    }

    @Override
    public boolean delete(RemotePath path) {
        return writable(path, Capability.DELETE).deleteIfExists(path.toString());
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        Store s = writable(path, Capability.DELETE);
        if (recursive) {
            s.deleteFolder(path.toString(), DeleteOption.RECURSIVE);
        } else {
            s.deleteFolder(path.toString());
        }
    }

    @Override
    public void move(RemotePath source, RemotePath target, WriteOptions options) {
        Store from = writable(source, Capability.MOVE);
        if (target(target) != target(source)) {
            throw new InvalidPathException(
                    "moves between tiers go through migrate(); \"" + target + "\" belongs to tier "
                            + target(target).name(),
                    source.toString(),
                    description);
        }
        from.move(source.toString(), target.toString(), options.toWriteOptions());
    }

    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        Store into = writable(target, Capability.COPY);
        if (target(target) == target(source)) {
            into.copy(source.toString(), target.toString(), options.toWriteOptions());
            return;
        }
        try (InputStream in = read(source)) {
            into.write(target.toString(), in, options.toWriteOptions());
        } catch (IOException e) {
            throw new RemoteStoreException("copy failed: " + e, source.toString(), description, e);
        }
    }

    // ---- introspection -----------------------------------------------------------------------------------

    @Override
    public ResolutionPlan resolve(RemotePath path) {
        List<String> tried = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Tier resolved = null;
        if (!path.isRoot()) {
            for (Tier t : candidates(path)) {
                tried.add(t.name());
                try {
                    if (t.store().isFile(path.toString())) {
                        resolved = t;
                        break;
                    }
                } catch (BackendUnavailableException e) {
                    unavailable.add(t.name());
                }
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(
                "resolvedTier",
                resolved != null ? resolved.name() : target(path).name());
        details.put("found", resolved != null);
        details.put("tried", List.copyOf(tried));
        details.put("unavailable", List.copyOf(unavailable));
        Tier planner = resolved != null ? resolved : target(path);
        details.put("plan", planner.store().resolve(path.toString()));
        return new ResolutionPlan("composite", description, path.toString(), details);
    }

    /** Closes every tier's store. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (Tier t : tiers) {
                t.store().close();
            }
        }
    }

    private void ensureOpen(RemotePath path) {
        if (closed) {
            throw new BackendUnavailableException("the composite store is closed", path.toString(), description);
        }
    }
}

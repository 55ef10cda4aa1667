package dev.remotestore.composite;

import dev.remotestore.AtomicOutput;
import dev.remotestore.Backend;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Capability;
import dev.remotestore.CapabilityNotSupportedException;
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
import dev.remotestore.internal.ParsedKeys;
import dev.remotestore.internal.Probe;
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
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

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

    /** The tiers' stores are asked with the key the composite has parsed, not its text parsed again. */
    private static final ParsedKeys.Access KEYS = ParsedKeys.access();

    private final List<Tier> tiers;
    /** The tiers without a pattern, in order: where a key that matches no pattern resolves. */
    private final List<Tier> open;

    private final Tier primary;
    private final boolean writeThrough;
    private final CapabilitySet capabilities;
    private final String description;
    private volatile boolean closed;

    CompositeBackend(List<Tier> tiers, Tier primary, boolean writeThrough) {
        this.tiers = List.copyOf(tiers);
        this.open = this.tiers.stream().filter(t -> !t.hasPattern()).toList();
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
     * Refuses a migration of {@code key} into tier {@code to} if reads of the key would never reach that tier
     * (COMP-013): {@code to} has a pattern the key does not match, or the key matches the pattern of another
     * tier, which then is the only one it resolves through.
     *
     * @throws InvalidPathException naming the key, the tiers and the pattern
     */
    void requireResolvesThrough(RemotePath key, Tier to) {
        List<Tier> candidates = candidates(key);
        if (candidates.contains(to)) {
            return;
        }
        String reason;
        if (to.hasPattern() && !to.matches(key)) {
            reason = "tier " + to.name() + " takes only keys that match its pattern \""
                    + to.matchPattern().orElseThrow() + "\": there the key would exist but never be read (COMP-013)";
        } else {
            Tier owner = candidates.get(0);
            reason = "the key matches the pattern \"" + owner.matchPattern().orElseThrow() + "\" of tier "
                    + owner.name() + " and resolves through that tier only: in tier " + to.name()
                    + " it would never be read (COMP-013)";
        }
        throw new InvalidPathException(reason, key.toString(), description);
    }

    // ---- asking a tier: its failures become the composite's (COMP-015) -----------------------------------

    /** One call of one tier's store. */
    interface TierCall<T> {
        T apply(Store store);
    }

    /** {@code call} on tier {@code t}, for {@code key}; a failure is relabelled as the composite's. */
    <T> T ask(Tier t, RemotePath key, TierCall<T> call) {
        return ask(t, call, null, key);
    }

    /**
     * {@code call} on tier {@code t}, about one of {@code keys} (move and copy have two): a failure is
     * relabelled with the key it is about, and {@code context} (or null) says what it means for the operation.
     */
    <T> T ask(Tier t, TierCall<T> call, String context, RemotePath... keys) {
        try {
            return call.apply(t.store());
        } catch (RemoteStoreException e) {
            throw relabel(e, t, TierFailures.keyOf(e, keys), context);
        }
    }

    RemoteStoreException relabel(RemoteStoreException e, Tier t, String key, String context) {
        return TierFailures.relabel(e, t, key, description, context);
    }

    /**
     * A stream of tier {@code t}, opened by {@code open}: a failure at opening or while it is consumed is
     * relabelled, and closing the result closes the tier's stream.
     */
    private <T> Stream<T> stream(Tier t, RemotePath folder, TierCall<Stream<T>> open) {
        Stream<T> source = ask(t, folder, open);
        Spliterator<T> it = source.spliterator();
        Spliterator<T> relabelling = new Spliterators.AbstractSpliterator<T>(it.estimateSize(), it.characteristics()) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                RuntimeException[] downstream = new RuntimeException[1];
                try {
                    return it.tryAdvance(x -> {
                        try {
                            action.accept(x);
                        } catch (RuntimeException e) {
                            downstream[0] = e; // the consumer's own failure is not the tier's
                            throw e;
                        }
                    });
                } catch (RemoteStoreException e) {
                    if (e == downstream[0]) {
                        throw e;
                    }
                    throw relabel(e, t, folder.toString(), null);
                }
            }
        };
        return StreamSupport.stream(relabelling, false).onClose(source::close);
    }

    /**
     * A {@link BackendUnavailableException} of the composite: the key was not found, or not answered, in the
     * reachable tiers, and the tiers in {@code down} could not be asked. The message names each of them.
     */
    private BackendUnavailableException unreachable(
            RemotePath path, Map<Tier, BackendUnavailableException> down, List<String> reachable, String what) {
        StringBuilder reason = new StringBuilder();
        for (Map.Entry<Tier, BackendUnavailableException> d : down.entrySet()) {
            reason.append(TierFailures.describe(d.getKey(), d.getValue())).append("; ");
        }
        reason.append(what).append(" in the reachable tiers ").append(reachable);
        BackendUnavailableException e = null;
        for (BackendUnavailableException cause : down.values()) {
            if (e == null) {
                e = new BackendUnavailableException(reason.toString(), path.toString(), description, cause);
            } else {
                e.addSuppressed(cause);
            }
        }
        return e;
    }

    // ---- reads: the first candidate tier that has the key ------------------------------------------------

    /**
     * The first answer of the candidate tiers that have the key. A tier that does not have it (or is
     * unavailable) is passed over; if none answers, the failure says which tiers were tried and which were
     * unavailable (COMP-007).
     */
    private <T> T fallthrough(RemotePath path, Capability capability, TierCall<T> op) {
        ensureOpen(path);
        // Allocated on the first miss only: a read that the first tier answers costs the call and nothing more.
        RemoteStoreException wrongKind = null;
        Map<Tier, BackendUnavailableException> down = null;
        List<String> reachable = null;
        for (Tier t : candidates(path)) {
            if (!t.store().supports(capability)) {
                continue;
            }
            try {
                // Probing: a tier's NotFoundException is dropped here, so it is made without a stack trace.
                int[] probing = Probe.enter();
                try {
                    return op.apply(t.store());
                } finally {
                    Probe.exit(probing);
                }
            } catch (NotFoundException e) {
                reachable = added(reachable, t.name()); // not in this tier: the next one may have it
            } catch (InvalidPathException e) {
                reachable = added(reachable, t.name());
                if (wrongKind == null) {
                    wrongKind = relabel(e, t, path.toString(), null); // a folder here; a later tier may hold a file
                }
            } catch (BackendUnavailableException e) {
                if (down == null) {
                    down = new LinkedHashMap<>();
                }
                down.put(t, e);
            } catch (RemoteStoreException e) {
                throw relabel(e, t, path.toString(), null);
            }
        }
        List<String> tried = reachable == null ? List.of() : reachable;
        if (down != null) {
            throw unreachable(path, down, tried, "not found");
        }
        if (wrongKind != null) {
            throw wrongKind;
        }
        throw new NotFoundException("no tier has it (tried " + tried + ")", path.toString(), description);
    }

    private static List<String> added(List<String> names, String name) {
        List<String> list = names == null ? new ArrayList<>(2) : names;
        list.add(name);
        return list;
    }

    /**
     * Whether any of the tiers answers true (COMP-014): a reachable tier's true is the answer; false needs every
     * tier, so a tier that could not be asked makes it a {@link BackendUnavailableException}.
     */
    private boolean anyTier(RemotePath path, List<Tier> among, TierCall<Boolean> query) {
        ensureOpen(path);
        Map<Tier, BackendUnavailableException> down = new LinkedHashMap<>();
        List<String> reachable = new ArrayList<>();
        for (Tier t : among) {
            try {
                if (query.apply(t.store())) {
                    return true;
                }
                reachable.add(t.name());
            } catch (BackendUnavailableException e) {
                down.put(t, e);
            } catch (RemoteStoreException e) {
                throw relabel(e, t, path.toString(), null);
            }
        }
        if (!down.isEmpty()) {
            throw unreachable(path, down, reachable, "not found");
        }
        return false;
    }

    // ---- queries and reads -------------------------------------------------------------------------------

    @Override
    public boolean exists(RemotePath path) {
        return anyTier(path, tiers, s -> KEYS.exists(s, path));
    }

    @Override
    public boolean isFile(RemotePath path) {
        return anyTier(path, candidates(path), s -> KEYS.isFile(s, path));
    }

    @Override
    public boolean isFolder(RemotePath path) {
        return anyTier(path, tiers, s -> KEYS.isFolder(s, path));
    }

    @Override
    public InputStream read(RemotePath path) {
        return fallthrough(path, Capability.READ, s -> KEYS.read(s, path));
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        return fallthrough(path, Capability.SEEKABLE_READ, s -> KEYS.readRange(s, path, offset, length));
    }

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        return fallthrough(path, Capability.METADATA, s -> KEYS.getFileInfo(s, path));
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

    /**
     * The union of the tiers' listings. A tier that cannot be listed fails the listing (COMP-014): leaving its
     * files out would claim they are absent.
     */
    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        ensureOpen(folder);
        Set<String> seen = new HashSet<>();
        Stream<Tier> sources =
                recursive ? listing(Capability.LIST, Capability.RECURSIVE_LIST) : listing(Capability.LIST);
        return sources.flatMap(t -> stream(
                        t,
                        folder,
                        s -> recursive
                                ? s.listFiles(folder.toString(), ListOption.RECURSIVE)
                                : s.listFiles(folder.toString())))
                .filter(info -> seen.add(info.path()));
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        ensureOpen(folder);
        Set<String> names = new LinkedHashSet<>();
        listing(Capability.LIST).forEach(t -> {
            try (Stream<String> s = stream(t, folder, store -> store.listFolders(folder.toString()))) {
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

    /** The tier a change of {@code path} goes to, if it offers {@code capability}. */
    private Tier writable(RemotePath path, Capability capability) {
        ensureOpen(path);
        Tier t = target(path);
        if (!t.store().supports(capability)) {
            throw new CapabilityNotSupportedException(
                    capability,
                    "tier " + t.name() + ": capability " + capability + " is not supported",
                    path.toString(),
                    description);
        }
        return t;
    }

    @Override
    public void write(RemotePath path, InputStream content, WriteOptions options) {
        Tier target = writable(path, Capability.WRITE);
        if (!writesThrough(path)) {
            ask(target, path, s -> {
                s.write(path.toString(), content, options.toWriteOptions());
                return null;
            });
            return;
        }
        writeThrough(
                path, content, (s, in) -> s.write(path.toString(), in, options.toWriteOptions()), Capability.WRITE);
    }

    @Override
    public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
        Tier target = writable(path, Capability.ATOMIC_WRITE);
        if (!writesThrough(path)) {
            ask(target, path, s -> {
                s.writeAtomic(path.toString(), content, options.toWriteOptions());
                return null;
            });
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
                    RuntimeException r = e instanceof RuntimeException re
                            ? re
                            : new RemoteStoreException(
                                    "tier " + t.name() + ": write failed: " + e, path.toString(), description, e);
                    if (t == first) {
                        // the primary failed: nothing is written anywhere
                        throw r instanceof RemoteStoreException rse ? relabel(rse, t, path.toString(), null) : r;
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
        Tier t = writable(path, Capability.ATOMIC_WRITE);
        AtomicOutput out = ask(t, path, s -> s.openAtomic(path.toString(), options.toWriteOptions()));
        // The tier's output, whose refusal at commit (a key created meanwhile) is the composite's too.
        return new AtomicOutput() {
            @Override
            protected void writeBytes(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (RemoteStoreException e) {
                    throw relabel(e, t, path.toString(), null);
                }
            }

            @Override
            protected void publish() {
                ask(t, path, s -> {
                    out.commit();
                    return null;
                });
            }

            @Override
            protected void discard() {
                out.close();
            }

            @Override
            protected String describeTarget() {
                return path.toString();
            }
        };
    }

    @Override
    public boolean delete(RemotePath path) {
        return ask(writable(path, Capability.DELETE), path, s -> s.deleteIfExists(path.toString()));
    }

    /** On the target tier, as {@link #delete}: atomic where that tier's conditional delete is. */
    @Override
    public boolean deleteIfMatches(RemotePath path, String digest) {
        return ask(writable(path, Capability.DELETE), path, s -> s.deleteIfMatches(path.toString(), digest));
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        ask(writable(path, Capability.DELETE), path, s -> {
            if (recursive) {
                s.deleteFolder(path.toString(), DeleteOption.RECURSIVE);
            } else {
                s.deleteFolder(path.toString());
            }
            return null;
        });
    }

    @Override
    public void move(RemotePath source, RemotePath target, WriteOptions options) {
        Tier from = writable(source, Capability.MOVE);
        if (target(target) != from) {
            throw new InvalidPathException(
                    "moves between tiers go through migrate(); \"" + target + "\" belongs to tier "
                            + target(target).name() + ", \"" + source + "\" to tier " + from.name(),
                    source.toString(),
                    description);
        }
        ask(
                from,
                s -> {
                    s.move(source.toString(), target.toString(), options.toWriteOptions());
                    return null;
                },
                null,
                source,
                target);
    }

    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        Tier into = writable(target, Capability.COPY);
        if (target(source) == into) {
            ask(
                    into,
                    s -> {
                        s.copy(source.toString(), target.toString(), options.toWriteOptions());
                        return null;
                    },
                    null,
                    source,
                    target);
            return;
        }
        try (InputStream in = read(source)) {
            ask(into, target, s -> {
                s.write(target.toString(), in, options.toWriteOptions());
                return null;
            });
        } catch (IOException e) {
            throw new RemoteStoreException("copy failed: " + e, source.toString(), description, e);
        }
    }

    // ---- introspection -----------------------------------------------------------------------------------

    @Override
    public ResolutionPlan resolve(RemotePath path) {
        ensureOpen(path);
        List<String> tried = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Tier resolved = null;
        if (!path.isRoot()) {
            for (Tier t : candidates(path)) {
                tried.add(t.name());
                try {
                    if (KEYS.isFile(t.store(), path)) {
                        resolved = t;
                        break;
                    }
                } catch (BackendUnavailableException e) {
                    unavailable.add(t.name());
                } catch (RemoteStoreException e) {
                    throw relabel(e, t, path.toString(), null);
                }
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        Tier planner = resolved != null ? resolved : target(path);
        details.put("resolvedTier", planner.name());
        details.put("found", resolved != null);
        details.put("tried", List.copyOf(tried));
        details.put("unavailable", List.copyOf(unavailable));
        details.put("plan", ask(planner, path, s -> s.resolve(path.toString())));
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

    void ensureOpen(RemotePath path) {
        if (closed) {
            throw new BackendUnavailableException("the composite store is closed", path.toString(), description);
        }
    }
}

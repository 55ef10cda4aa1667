package dev.remotestore.composite;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.FileInfo;
import dev.remotestore.InvalidPathException;
import dev.remotestore.ListOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A store that resolves each key through tiers (hot, warm, cold…), each a {@link Store} of its own. Callers see
 * one {@link Store}: {@code child()}, wrappers and everything else that takes a store take a composite.
 *
 * <ul>
 *   <li><b>Reads</b> ({@code read}, {@code readRange}, {@code getFileInfo}, {@code isFile}) try the tiers in
 *       order and the first that has the key answers. A key that matches a tier's pattern ({@link
 *       Tier#of(String, Store, String)}) resolves through that tier only. A tier that is unavailable is passed
 *       over; if no reachable tier has the key and one was unavailable, the read fails with {@link
 *       dev.remotestore.BackendUnavailableException} rather than claim the key is missing. Likewise
 *       {@code exists}, {@code isFile} and {@code isFolder} answer true when a reachable tier does, and false only
 *       when every tier that might hold the key answered.
 *   <li><b>Writes</b> (and deletes, moves, copies) go to one tier: the tier whose pattern the key matches, else
 *       the primary tier (the first, or {@link Builder#writeTier(String)}). Writing never touches another tier
 *       (unless {@link Builder#writeThrough(boolean)}),
 *       so a read sees the new content whenever the written tier is tried first — true for the primary tier;
 *       a key also present in an earlier tier keeps resolving there. Deleting removes the key from the written
 *       tier only; copies in other tiers stay until migrated or deleted through {@link #tier(String)}.
 *   <li><b>Listing</b> is the union of the tiers that can list, de-duplicated by key (the first tier wins),
 *       ordered by tier, then key. A tier that cannot be listed fails the listing.
 *   <li><b>Failures</b> of a tier keep their type and name the composite ({@code backend()}), the tier (the
 *       message starts with {@code tier <name>:}) and the key the composite was asked for ({@code path()}).
 *   <li><b>Migration</b> ({@link #migrate(String, String, String, WriteOption...)}) moves keys between tiers
 *       without losing a version that any caller wrote.
 *   <li><b>Capabilities</b>: READ, SEEKABLE_READ, METADATA, LIST, RECURSIVE_LIST and GLOB if any tier has them;
 *       WRITE, ATOMIC_WRITE, DELETE, MOVE and COPY those of the primary tier.
 *   <li>{@link #resolve(String)} gives kind {@code composite} with {@code resolvedTier}, {@code tried},
 *       {@code unavailable} and the resolving tier's own {@code plan}.
 * </ul>
 *
 * <p>The composite owns its tiers' stores: closing it closes them. Thread-safe when the tiers' stores are.
 */
public final class CompositeStore extends Store {
    private final CompositeBackend composite;

    private CompositeStore(CompositeBackend composite) {
        super(composite, RemotePath.ROOT, true);
        this.composite = composite;
    }

    /** A builder; add at least one tier. */
    public static Builder builder() {
        return new Builder();
    }

    /** The tiers, in resolution order. */
    public List<Tier> tiers() {
        return composite.tiers();
    }

    /**
     * The store of one tier, for work scoped to it.
     *
     * @throws IllegalArgumentException naming the known tiers if there is no tier {@code name}
     */
    public Store tier(String name) {
        return find(name).store();
    }

    private Tier find(String name) {
        for (Tier t : composite.tiers()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no tier \"" + name + "\"; the tiers are "
                + composite.tiers().stream().map(Tier::name).collect(Collectors.toList()));
    }

    /**
     * Moves one key from tier {@code fromTier} to tier {@code toTier}: copies it (create-only, so that a writer
     * who creates the key in {@code toTier} meanwhile wins), verifies that {@code toTier} holds the digest of
     * the bytes copied, and then deletes it from {@code fromTier} only if that tier still holds the version
     * copied ({@link Store#deleteIfMatches}). A failure at any point leaves the object readable in at least one
     * tier, and a write to either tier during the migration is never lost (COMP-009, COMP-011, COMP-012).
     *
     * <p>If {@code toTier} already holds the key, the migration is refused unless {@code options} holds
     * {@link WriteOption#OVERWRITE} (which replaces that version) or the content is the same (then only the
     * source is deleted). The content type is the source's; no other option is accepted.
     *
     * @throws NotFoundException if {@code fromTier} does not have the key
     * @throws AlreadyExistsException if {@code toTier} holds another version and OVERWRITE was not given, or a
     *     writer created the key in {@code toTier} during the migration; nothing is deleted
     * @throws InvalidPathException if reads of the key would never reach {@code toTier}: it has a pattern the key
     *     does not match, or the key matches another tier's pattern (COMP-013); nothing is copied
     * @throws RemoteStoreException if the copy does not verify, or the source changed during the migration; the
     *     source is then kept
     * @throws IllegalArgumentException for an unknown tier, the same tier twice, or an option other than OVERWRITE
     */
    public void migrate(String key, String fromTier, String toTier, WriteOption... options) {
        Tier from = find(fromTier);
        Tier to = find(toTier);
        boolean overwrite = overwrite(from, to, options);
        new Migration(composite, validKey(key), from, to, overwrite).run();
    }

    /**
     * Migrates every file of {@code fromTier} that {@code filter} accepts (e.g. older than 30 days) to
     * {@code toTier}, one by one with {@link #migrate(String, String, String, WriteOption...)}'s guarantees and
     * {@code options}. Every key is checked against the tiers' patterns before the first is copied (COMP-013). The
     * first key that fails stops the migration: the keys before it are migrated, the rest untouched, so running
     * it again continues where it stopped.
     *
     * @return the keys migrated, in order
     */
    public List<String> migrate(String fromTier, String toTier, Predicate<FileInfo> filter, WriteOption... options) {
        Tier from = find(fromTier);
        Tier to = find(toTier);
        boolean overwrite = overwrite(from, to, options);
        composite.ensureOpen(RemotePath.ROOT);
        List<RemotePath> keys = composite.ask(from, RemotePath.ROOT, s -> {
            try (Stream<FileInfo> files = s.listFiles("", ListOption.RECURSIVE)) {
                return files.filter(filter).map(f -> RemotePath.of(f.path())).collect(Collectors.toList());
            }
        });
        for (RemotePath k : keys) {
            composite.requireResolvesThrough(k, to);
        }
        for (RemotePath k : keys) {
            new Migration(composite, k, from, to, overwrite).run();
        }
        return keys.stream().map(RemotePath::toString).collect(Collectors.toList());
    }

    /**
     * Migrates every file below the folder {@code prefix} of {@code fromTier} to {@code toTier}, as
     * {@link #migrate(String, String, Predicate, WriteOption...)} does.
     */
    public List<String> migrateFolder(String prefix, String fromTier, String toTier, WriteOption... options) {
        RemotePath folder = RemotePath.parse(prefix);
        return migrate(fromTier, toTier, info -> RemotePath.of(info.path()).startsWith(folder), options);
    }

    /** Checks the tiers and options of a migration; whether it may replace the target's version. */
    private static boolean overwrite(Tier from, Tier to, WriteOption... options) {
        if (from == to) {
            throw new IllegalArgumentException("migrate needs two different tiers, got \"" + from.name() + "\" twice");
        }
        WriteOptions o = WriteOptions.of(options);
        if (o.contentType().isPresent()) {
            throw new IllegalArgumentException(
                    "migrate takes WriteOption.OVERWRITE only; the content type is the source's");
        }
        return o.overwrite();
    }

    private RemotePath validKey(String key) {
        try {
            return RemotePath.of(key);
        } catch (InvalidPathException e) {
            throw new InvalidPathException(e.reason(), key, describe(), e);
        }
    }

    private String describe() {
        return composite.description();
    }

    /** Configures a {@link CompositeStore}. Not thread-safe; the store it builds is immutable. */
    public static final class Builder {
        private final List<Tier> tiers = new ArrayList<>();
        private String writeTier;
        private boolean writeThrough;

        private Builder() {}

        /** Adds a tier; tiers resolve in the order they are added. */
        public Builder tier(Tier tier) {
            tiers.add(Objects.requireNonNull(tier, "tier"));
            return this;
        }

        /** The primary tier, which takes writes; default the first tier. */
        public Builder writeTier(String name) {
            this.writeTier = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Whether {@code write} and {@code writeAtomic} also write every other tier that can write (default
         * false): the primary first — if it fails nothing else is written — then the others, in order; a failure
         * on one of them is a {@link PartialWriteException} naming which tiers have the new content. Keys of a
         * patterned tier are written there only; deletes, moves and copies stay on the target tier.
         */
        public Builder writeThrough(boolean writeThrough) {
            this.writeThrough = writeThrough;
            return this;
        }

        /**
         * The composite.
         *
         * @throws IllegalStateException without tiers, with two tiers of one name, or with an unknown writeTier
         */
        public CompositeStore build() {
            if (tiers.isEmpty()) {
                throw new IllegalStateException("a composite store needs at least one tier");
            }
            List<String> names = tiers.stream().map(Tier::name).collect(Collectors.toList());
            if (names.stream().distinct().count() != names.size()) {
                throw new IllegalStateException("tier names must be unique, got " + names);
            }
            Tier primary = tiers.get(0);
            if (writeTier != null) {
                primary = tiers.stream()
                        .filter(t -> t.name().equals(writeTier))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(
                                "writeTier \"" + writeTier + "\" is not one of the tiers " + names));
            }
            return new CompositeStore(new CompositeBackend(tiers, primary, writeThrough));
        }
    }
}

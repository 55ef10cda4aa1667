package dev.remotestore.composite;

import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.ListOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 *       dev.remotestore.BackendUnavailableException} rather than claim the key is missing.
 *   <li><b>Writes</b> (and deletes, moves, copies) go to one tier: the tier whose pattern the key matches, else
 *       the primary tier (the first, or {@link Builder#writeTier(String)}). Writing never touches another tier
 *       (unless {@link Builder#writeThrough(boolean)}),
 *       so a read sees the new content whenever the written tier is tried first — true for the primary tier;
 *       a key also present in an earlier tier keeps resolving there. Deleting removes the key from the written
 *       tier only; copies in other tiers stay until migrated or deleted through {@link #tier(String)}.
 *   <li><b>Listing</b> is the union of the tiers that can list, de-duplicated by key (the first tier wins),
 *       ordered by tier, then key.
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
     * Moves one key from tier {@code fromTier} to tier {@code toTier}: copies it, verifies the copy (by digest
     * where both tiers report one, else byte by byte), and only then deletes it from {@code fromTier}. A failure
     * or crash at any point leaves the object readable in at least one tier.
     *
     * @throws NotFoundException if {@code fromTier} does not have the key
     * @throws RemoteStoreException if the copy does not verify; the source is then left in place
     */
    public void migrate(String key, String fromTier, String toTier) {
        Store from = find(fromTier).store();
        Store to = find(toTier).store();
        if (fromTier.equals(toTier)) {
            throw new IllegalArgumentException("migrate needs two different tiers, got \"" + fromTier + "\" twice");
        }
        String k = RemotePath.of(key).toString();
        Optional<String> contentType =
                from.supports(Capability.METADATA) ? from.getFileInfo(k).contentType() : Optional.empty();
        List<WriteOption> options = new ArrayList<>(List.of(WriteOption.OVERWRITE));
        contentType.ifPresent(ct -> options.add(WriteOption.contentType(ct)));
        WriteOption[] opts = options.toArray(new WriteOption[0]);
        try (InputStream in = from.read(k)) {
            if (to.supports(Capability.ATOMIC_WRITE)) {
                to.writeAtomic(k, in, opts);
            } else {
                to.write(k, in, opts);
            }
        } catch (IOException e) {
            throw new RemoteStoreException("migration copy failed; the source is kept: " + e, k, describe(), e);
        }
        if (!sameContent(from, to, k)) {
            throw new RemoteStoreException(
                    "the copy in tier " + toTier + " does not match the source in tier " + fromTier
                            + "; the source is kept",
                    k,
                    describe());
        }
        from.delete(k);
    }

    /**
     * Migrates every file of {@code fromTier} that {@code filter} accepts (e.g. older than 30 days) to
     * {@code toTier}, one by one with {@link #migrate(String, String, String)}'s guarantees.
     *
     * @return the keys migrated, in order
     */
    public List<String> migrate(String fromTier, String toTier, Predicate<FileInfo> filter) {
        Store from = find(fromTier).store();
        List<String> keys;
        try (Stream<FileInfo> files = from.listFiles("", ListOption.RECURSIVE)) {
            keys = files.filter(filter).map(FileInfo::path).collect(Collectors.toList());
        }
        for (String k : keys) {
            migrate(k, fromTier, toTier);
        }
        return keys;
    }

    /** Migrates every file below the folder {@code prefix} of {@code fromTier} to {@code toTier}. */
    public List<String> migrateFolder(String prefix, String fromTier, String toTier) {
        RemotePath folder = RemotePath.parse(prefix);
        return migrate(fromTier, toTier, info -> RemotePath.of(info.path()).startsWith(folder));
    }

    private static boolean sameContent(Store a, Store b, String key) {
        if (a.supports(Capability.METADATA) && b.supports(Capability.METADATA)) {
            Optional<String> da = a.getFileInfo(key).digest();
            Optional<String> db = b.getFileInfo(key).digest();
            if (da.isPresent() && db.isPresent()) {
                return da.get().equals(db.get());
            }
        }
        try (InputStream x = a.read(key);
                InputStream y = b.read(key)) {
            byte[] bx = new byte[64 * 1024];
            byte[] by = new byte[64 * 1024];
            while (true) {
                int nx = x.readNBytes(bx, 0, bx.length);
                int ny = y.readNBytes(by, 0, by.length);
                if (nx != ny || !Arrays.equals(bx, 0, nx, by, 0, ny)) {
                    return false;
                }
                if (nx == 0) {
                    return true;
                }
            }
        } catch (IOException e) {
            throw new RemoteStoreException("verifying the migrated copy failed: " + e, key, null, e);
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

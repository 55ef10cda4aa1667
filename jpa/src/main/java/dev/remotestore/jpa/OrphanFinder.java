package dev.remotestore.jpa;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOption;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the objects of a store (or of one folder of it) that no entity references, and deletes them: the content
 * a crashed upload, a bulk JPQL delete or a failed after-commit delete left behind.
 *
 * <pre>{@code
 * OrphanFinder finder = OrphanFinder.builder(emf, store)
 *         .folder("documents")
 *         .gracePeriod(Duration.ofHours(1))
 *         .build();
 * List<FileInfo> orphans = finder.find();    // a dry run: nothing is deleted
 * List<String> deleted = finder.delete();
 * }</pre>
 *
 * <p><b>References</b> are the values of entity attributes: by default every single-valued attribute of type
 * {@link StoreKey} of every entity of the persistence unit, or those named with
 * {@link Builder#references(Class, String)} (also {@code String} attributes). They are looked up with JPQL,
 * {@code SELECT e.attr FROM Entity e WHERE e.attr IN :keys}, a page of listed keys at a time: memory holds one page
 * and the orphans found.
 *
 * <p><b>Grace period.</b> A key is an orphan only if it is unreferenced and was last written more than the grace
 * period ago (default one hour), by the store's {@link FileInfo#modifiedAt()}. That spares the window in which
 * content is uploaded but the entity that will hold it is not committed yet. Choose it longer than your longest
 * such window plus the clock difference between the machines that write; keys whose store reports no
 * modification time are orphans only with a grace period of zero. Content written with {@link EntityContent} on a
 * shared transaction has no such window: blob row and entity commit together.
 *
 * <p><b>Deleting</b> looks the references of each page up again right before deleting, and deletes with
 * {@link Store#deleteIfMatches} against the digest that was listed (where the store reports one), so content
 * rewritten in the meantime stays. What remains possible: a transaction that, between that second look-up and the
 * delete, commits a new reference to a key older than the grace period (re-attaching old content). Run the
 * finder when that does not happen, or with a grace period longer than such re-attachments can be.
 *
 * <p>Immutable and thread-safe; each {@link #find()} and {@link #delete()} uses an EntityManager of its own.
 */
public final class OrphanFinder {
    /** Keys looked up per JPQL query. */
    static final int PAGE = 500;

    private final EntityManagerFactory emf;
    private final Store store;
    private final String folder;
    private final Duration gracePeriod;
    private final List<Reference> references;
    private final Clock clock;

    /** An entity attribute that holds keys. */
    private record Reference(String entity, String attribute, boolean storeKey) {
        String jpql() {
            return "SELECT e." + attribute + " FROM " + entity + " e WHERE e." + attribute + " IN :keys";
        }

        @Override
        public String toString() {
            return entity + "." + attribute;
        }
    }

    private OrphanFinder(Builder b, List<Reference> references) {
        this.emf = b.emf;
        this.store = b.store;
        this.folder = b.folder;
        this.gracePeriod = b.gracePeriod;
        this.references = List.copyOf(references);
        this.clock = b.clock;
    }

    /** A builder for the orphans of {@code store} with respect to the entities of {@code emf}. */
    public static Builder builder(EntityManagerFactory emf, Store store) {
        return new Builder(Objects.requireNonNull(emf, "emf"), Objects.requireNonNull(store, "store"));
    }

    /** The attributes that count as references, as {@code Entity.attribute}. */
    public List<String> references() {
        return references.stream().map(Reference::toString).toList();
    }

    /**
     * The orphans, in key order; deletes nothing (a dry run).
     *
     * @throws RemoteStoreException if the store or a query of the references fails (the provider's exception is
     *     the cause)
     */
    public List<FileInfo> find() {
        Instant cutoff = clock.instant().minus(gracePeriod);
        List<FileInfo> orphans = new ArrayList<>();
        try (EntityManager em = emf.createEntityManager();
                Stream<FileInfo> files = store.listFiles(folder, ListOption.RECURSIVE)) {
            List<FileInfo> page = new ArrayList<>(PAGE);
            Iterator<FileInfo> it = files.iterator();
            while (it.hasNext()) {
                FileInfo f = it.next();
                if (oldEnough(f, cutoff)) {
                    page.add(f);
                }
                if (page.size() == PAGE || (!it.hasNext() && !page.isEmpty())) {
                    orphans.addAll(unreferenced(em, page));
                    page.clear();
                }
            }
        }
        return orphans;
    }

    /**
     * Deletes the orphans {@link #find()} finds, each page after looking its references up once more, and returns
     * the keys deleted, in key order.
     *
     * @throws RemoteStoreException if the store or a query of the references fails (what was deleted before stays
     *     deleted)
     */
    public List<String> delete() {
        List<FileInfo> orphans = find();
        List<String> deleted = new ArrayList<>();
        for (int from = 0; from < orphans.size(); from += PAGE) {
            List<FileInfo> page = orphans.subList(from, Math.min(orphans.size(), from + PAGE));
            List<FileInfo> still;
            try (EntityManager em = emf.createEntityManager()) {
                still = unreferenced(em, page);
            }
            for (FileInfo f : still) {
                boolean gone = f.digest().isPresent()
                        ? store.deleteIfMatches(f.path(), f.digest().get())
                        : store.deleteIfExists(f.path());
                if (gone) {
                    deleted.add(f.path());
                }
            }
        }
        return deleted;
    }

    private boolean oldEnough(FileInfo f, Instant cutoff) {
        if (gracePeriod.isZero()) {
            return true;
        }
        return f.modifiedAt().map(t -> t.isBefore(cutoff)).orElse(false);
    }

    /** The files of {@code page} that no reference holds. */
    private List<FileInfo> unreferenced(EntityManager em, List<FileInfo> page) {
        List<String> keys = page.stream().map(FileInfo::path).toList();
        List<StoreKey> storeKeys = keys.stream().map(StoreKey::of).toList();
        Set<String> referenced = new HashSet<>();
        for (Reference r : references) {
            List<?> held;
            try {
                held = em.createQuery(r.jpql(), Object.class)
                        .setParameter("keys", r.storeKey() ? storeKeys : keys)
                        .getResultList();
            } catch (PersistenceException e) {
                throw new RemoteStoreException(
                        "looking up the keys that " + r + " holds failed: " + e.getMessage(), null, toString(), e);
            }
            for (Object value : held) {
                referenced.add(value.toString());
            }
        }
        return page.stream().filter(f -> !referenced.contains(f.path())).toList();
    }

    @Override
    public String toString() {
        return "OrphanFinder(" + store + ", folder \"" + folder + "\", grace " + gracePeriod + ", references "
                + references + ")";
    }

    /** Configures an {@link OrphanFinder}; not thread-safe. */
    public static final class Builder {
        private final EntityManagerFactory emf;
        private final Store store;
        private String folder = "";
        private Duration gracePeriod = Duration.ofHours(1);
        private final List<String[]> references = new ArrayList<>();
        private final List<Class<?>> referenceTypes = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder(EntityManagerFactory emf, Store store) {
            this.emf = emf;
            this.store = store;
        }

        /** Looks only at keys below {@code folder} (store-relative); default the whole store. */
        public Builder folder(String folder) {
            this.folder = RemotePath.parse(folder).toString();
            return this;
        }

        /** How old an unreferenced key must be to count as an orphan; default one hour; zero for all. */
        public Builder gracePeriod(Duration gracePeriod) {
            Objects.requireNonNull(gracePeriod, "gracePeriod");
            if (gracePeriod.isNegative()) {
                throw new IllegalArgumentException("gracePeriod must not be negative, got " + gracePeriod);
            }
            this.gracePeriod = gracePeriod;
            return this;
        }

        /**
         * Counts the values of {@code entity}'s single-valued attribute {@code attribute} ({@link StoreKey} or
         * {@code String}) as references; once any is named, only the named ones count.
         */
        public Builder references(Class<?> entity, String attribute) {
            referenceTypes.add(Objects.requireNonNull(entity, "entity"));
            references.add(new String[] {entity.getName(), Objects.requireNonNull(attribute, "attribute")});
            return this;
        }

        /** The clock the grace period is measured with; default UTC system time. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Checks the references against the metamodel.
         *
         * @throws IllegalArgumentException naming an entity or attribute that does not exist or holds no keys
         * @throws IllegalStateException if no entity has a {@code StoreKey} attribute and none was named
         */
        public OrphanFinder build() {
            List<Reference> found = new ArrayList<>();
            if (references.isEmpty()) {
                for (EntityType<?> e : emf.getMetamodel().getEntities()) {
                    for (SingularAttribute<?, ?> a : e.getSingularAttributes()) {
                        if (a.getJavaType() == StoreKey.class) {
                            found.add(new Reference(e.getName(), a.getName(), true));
                        }
                    }
                }
                if (found.isEmpty()) {
                    throw new IllegalStateException("no entity of the persistence unit has a StoreKey attribute;"
                            + " name the attributes that hold keys with references(entity, attribute)");
                }
            }
            for (int i = 0; i < references.size(); i++) {
                found.add(reference(referenceTypes.get(i), references.get(i)[1]));
            }
            found.sort(java.util.Comparator.comparing(Reference::toString));
            return new OrphanFinder(this, found);
        }

        private Reference reference(Class<?> type, String attribute) {
            EntityType<?> entity;
            try {
                entity = emf.getMetamodel().entity(type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type.getName() + " is no entity of this persistence unit", e);
            }
            Attribute<?, ?> a;
            try {
                a = entity.getAttribute(attribute);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the entity " + entity.getName() + " has no attribute \"" + attribute + "\"", e);
            }
            if (a.isCollection() || (a.getJavaType() != StoreKey.class && a.getJavaType() != String.class)) {
                throw new IllegalArgumentException("the attribute " + entity.getName() + "." + attribute
                        + " is no single StoreKey or String, so it holds no keys");
            }
            return new Reference(entity.getName(), a.getName(), a.getJavaType() == StoreKey.class);
        }
    }
}

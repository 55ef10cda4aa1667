package dev.remotestore.jpa;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.CapabilityNotSupportedException;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Content of entities that hold {@link StoreKey}s, kept in step with their transactions: what is written for an
 * entity is gone if its transaction rolls back, and what an entity no longer holds is deleted once its
 * transaction commits — never before.
 *
 * <pre>{@code
 * EntityContent content = EntityContent.of(store);
 * em.getTransaction().begin();
 * Document doc = new Document("Q3 report");
 * doc.setContent(content.write(em, "documents/" + UUID.randomUUID() + ".pdf", pdf));
 * em.persist(doc);
 * em.getTransaction().commit();          // rolled back instead: the content is gone too
 * }</pre>
 *
 * <p><b>Shared transactions.</b> When the store's blob table lives in the EntityManager's database and its
 * backend is built over a {@link BoundDataSource}, {@link #write} runs on the EntityManager's own connection: the
 * blob row and the entity rows commit or roll back as one transaction, and nobody ever sees one without the
 * other. {@link #of(Store)} finds the {@code BoundDataSource} through {@link Store#unwrap}; give it with
 * {@link #of(Store, BoundDataSource)} when the store does not expose it (a composite).
 *
 * <p><b>Other stores</b> (local files, a blob table elsewhere, a composite) cannot join the transaction: the
 * content is written at once, and deleted again after a rollback (a compensating delete). Those writes refuse
 * {@link WriteOption#OVERWRITE}, which a rollback could not undo: write a new key and let the old one go with
 * {@link #replace} or {@link #deleteWithEntities}.
 *
 * <p><b>After commit.</b> {@link #deleteAfterCommit}, {@link #replace} and the compensating deletes run once the
 * transaction completed, on the thread that completed it, through the store's own connections; they need Hibernate
 * ORM as the provider (its transaction synchronizations; resource-local and JTA). A delete that fails then is
 * logged ({@code System.Logger} {@code dev.remotestore.jpa}) and never undoes the commit: the object is left for
 * the {@link OrphanFinder}.
 *
 * <p>Thread-safe: one instance serves every thread and EntityManager.
 */
public final class EntityContent {
    private static final System.Logger LOG = System.getLogger("dev.remotestore.jpa");

    private final Store store;
    private final BoundDataSource shared;

    private EntityContent(Store store, BoundDataSource shared) {
        this.store = store;
        this.shared = shared;
    }

    /**
     * Content kept in {@code store}. If the store's backend hands out a {@link BoundDataSource}
     * ({@code store.unwrap(BoundDataSource.class)}), writes share the EntityManager's transaction.
     */
    public static EntityContent of(Store store) {
        Objects.requireNonNull(store, "store");
        BoundDataSource shared;
        try {
            shared = store.unwrap(BoundDataSource.class);
        } catch (CapabilityNotSupportedException notSql) {
            shared = null;
        }
        return new EntityContent(store, shared);
    }

    /**
     * Content kept in {@code store}, whose writes all go to a blob table in the EntityManager's database through
     * {@code shared} (for instance a composite whose write tier is such a table).
     */
    public static EntityContent of(Store store, BoundDataSource shared) {
        return new EntityContent(Objects.requireNonNull(store, "store"), Objects.requireNonNull(shared, "shared"));
    }

    /** The store content is kept in. */
    public Store store() {
        return store;
    }

    /** Whether writes share the EntityManager's transaction (a {@link BoundDataSource} is in use). */
    public boolean sharesTransactions() {
        return shared != null;
    }

    /** {@link #write(EntityManager, String, InputStream, WriteOption...)} of {@code content}. */
    public StoreKey write(EntityManager em, String key, byte[] content, WriteOption... options) {
        Objects.requireNonNull(content, "content");
        return write(em, key, new ByteArrayInputStream(content), options);
    }

    /**
     * Writes {@code content} under {@code key} as part of {@code em}'s current transaction and returns the key for
     * the entity to hold. If the transaction rolls back, the content is gone too: rolled back with it (shared
     * transactions) or deleted after the rollback.
     *
     * @throws IllegalStateException if {@code em} has no active transaction, or (not shared) the provider offers no
     *     transaction callbacks
     * @throws IllegalArgumentException for {@link WriteOption#OVERWRITE} on a store that does not share the
     *     transaction
     * @throws AlreadyExistsException if the key exists and {@code OVERWRITE} was not given
     * @throws dev.remotestore.InvalidPathException if {@code key} is no valid key
     */
    public StoreKey write(EntityManager em, String key, InputStream content, WriteOption... options) {
        StoreKey storeKey = StoreKey.of(key);
        requireTransaction(em);
        if (shared != null) {
            shared.callWith(em, () -> {
                store.write(storeKey.value(), content, options);
                return null;
            });
            return storeKey;
        }
        if (Arrays.asList(options).contains(WriteOption.OVERWRITE)) {
            throw new IllegalArgumentException("\"" + storeKey + "\": OVERWRITE cannot be undone if the transaction"
                    + " rolls back, because the store does not share it (no BoundDataSource); write a new key and"
                    + " delete the old one after commit (replace, deleteWithEntities)");
        }
        // set by this thread, read by the one that completes the transaction (another one under JTA)
        AtomicBoolean written = new AtomicBoolean();
        afterCompletion(
                em,
                "a write to a store that does not share the transaction (undone by a delete after a rollback)",
                committed -> {
                    if (!committed && written.get()) {
                        deleteQuietly(storeKey, "the transaction that wrote it rolled back");
                    }
                });
        store.write(storeKey.value(), content, options);
        written.set(true);
        return storeKey;
    }

    /** {@link #replace(EntityManager, StoreKey, String, InputStream, WriteOption...)} of {@code content}. */
    public StoreKey replace(EntityManager em, StoreKey old, String key, byte[] content, WriteOption... options) {
        Objects.requireNonNull(content, "content");
        return replace(em, old, key, new ByteArrayInputStream(content), options);
    }

    /**
     * Writes new content under a new {@code key} ({@link #write}) for an entity that held {@code old}, and deletes
     * {@code old} once the transaction commits; if it rolls back, {@code old} stays and the new content is gone.
     *
     * @param old the key the entity held, or {@code null} for none
     * @throws IllegalArgumentException if {@code key} is {@code old} (overwrite in place: {@code write} with
     *     {@code OVERWRITE}, on a shared transaction)
     */
    public StoreKey replace(EntityManager em, StoreKey old, String key, InputStream content, WriteOption... options) {
        StoreKey next = StoreKey.of(key);
        if (next.equals(old)) {
            throw new IllegalArgumentException("\"" + key + "\": replace writes a new key and deletes the old one;"
                    + " to overwrite in place, write with OVERWRITE on a store that shares the transaction");
        }
        requireTransaction(em);
        if (old != null) {
            requireCallbacks(em, "replace (deletes the old key after commit)"); // before anything is written
        }
        StoreKey written = write(em, next.value(), content, options);
        if (old != null) {
            deleteAfterCommit(em, old); // only once the new content is in: a failed write keeps the old
        }
        return written;
    }

    /**
     * Deletes {@code key} from the store once {@code em}'s current transaction commits (nothing if it rolls back).
     * A key that is already gone is fine.
     *
     * @throws IllegalStateException if {@code em} has no active transaction or the provider offers no transaction
     *     callbacks
     */
    public void deleteAfterCommit(EntityManager em, StoreKey key) {
        Objects.requireNonNull(key, "key");
        requireTransaction(em);
        afterCompletion(em, "deleteAfterCommit", committed -> {
            if (committed) {
                deleteQuietly(key, "its entity let go of it");
            }
        });
    }

    /**
     * Opts entities of {@code types} (and their subclasses) of {@code emf} in to automatic deletion, for the life
     * of {@code emf}: after a commit that deleted such an entity, the content of each of its {@link StoreKey}
     * attributes is deleted; after a commit that changed such an attribute, the content of the key it held before.
     * Nothing happens on a rollback. Needs Hibernate ORM. Not covered: bulk JPQL {@code DELETE}/{@code UPDATE}
     * (no entity events), attributes inside embeddables or collections, updates of detached entities without
     * their loaded state — the {@link OrphanFinder} collects those. A key must belong to one entity: content that
     * two entities share is deleted when either lets go of it.
     *
     * @return this
     * @throws IllegalStateException if {@code emf} is not Hibernate ORM's
     * @throws IllegalArgumentException if a type is no entity of {@code emf}
     */
    public EntityContent deleteWithEntities(EntityManagerFactory emf, Class<?>... types) {
        Set<Class<?>> entities = new LinkedHashSet<>();
        for (Class<?> type : types) {
            try {
                emf.getMetamodel().entity(type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type.getName() + " is no entity of this persistence unit", e);
            }
            entities.add(type);
        }
        if (entities.isEmpty()) {
            throw new IllegalArgumentException("deleteWithEntities needs at least one entity type");
        }
        if (!HibernateSupport.PRESENT || !HibernateSupport.isHibernate(emf)) {
            throw new IllegalStateException(
                    "deleting content with its entity needs Hibernate ORM (org.hibernate.orm:hibernate-core) as the"
                            + " persistence provider; call deleteAfterCommit yourself, or let the OrphanFinder clean"
                            + " up");
        }
        HibernateSupport.onCommittedChanges(emf, entities, key -> deleteQuietly(key, "its entity let go of it"));
        return this;
    }

    private static void requireTransaction(EntityManager em) {
        Objects.requireNonNull(em, "em");
        if (!em.isJoinedToTransaction()) {
            throw new IllegalStateException("the EntityManager has no active transaction; content follows the"
                    + " transaction of its entity, so begin one first");
        }
    }

    private static void afterCompletion(EntityManager em, String what, Consumer<Boolean> completed) {
        requireCallbacks(em, what);
        HibernateSupport.afterCompletion(em, completed);
    }

    /** Transaction callbacks come from Hibernate's session; without it, say what needs them. */
    private static void requireCallbacks(EntityManager em, String what) {
        if (!HibernateSupport.PRESENT || !HibernateSupport.isHibernate(em)) {
            throw new IllegalStateException(what + " runs after the transaction completes, which needs Hibernate ORM"
                    + " (org.hibernate.orm:hibernate-core) as the persistence provider; "
                    + em.getClass().getName()
                    + " is another");
        }
    }

    private void deleteQuietly(StoreKey key, String why) {
        try {
            store.deleteIfExists(key.value());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "deleting \"" + key + "\" (" + why + ") failed; the OrphanFinder will find it: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String toString() {
        return "EntityContent(" + store + (shared != null ? ", shared transactions" : "") + ")";
    }
}

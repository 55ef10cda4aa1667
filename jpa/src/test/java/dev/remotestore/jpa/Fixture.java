package dev.remotestore.jpa;

import dev.remotestore.Store;
import dev.remotestore.sql.SqlBlobBackend;
import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One database set up as an application would: a blob table and a documents table made by its migrations, a
 * resource-local persistence unit on the pool, and a store of the blob table on a {@link BoundDataSource} over the
 * same pool.
 */
final class Fixture implements AutoCloseable {
    final TestDatabase db;
    final DataSource ds;
    final BoundDataSource shared;
    final Store store;
    final EntityManagerFactory emf;
    /** The documents table. */
    final String documents;

    private final List<EntityManager> open = new ArrayList<>();

    private Fixture(
            TestDatabase db,
            DataSource ds,
            BoundDataSource shared,
            Store store,
            EntityManagerFactory emf,
            String documents) {
        this.db = db;
        this.documents = documents;
        this.ds = ds;
        this.shared = shared;
        this.store = store;
        this.emf = emf;
    }

    static Fixture open(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String blobs = TestDatabase.newTableName();
        String documents = TestDatabase.newTableName();
        Jpa.createBlobTable(ds, blobs);
        Jpa.execute(ds, Document.ddl(db, documents));
        BoundDataSource shared = BoundDataSource.of(ds);
        Store store = Store.of(SqlBlobBackend.builder()
                .dataSource(shared)
                .table(blobs)
                .createTable(false)
                .build());
        EntityManagerFactory emf = Jpa.unit(db, ds)
                .table("remote_store_objects", blobs)
                .table("documents", documents)
                .classes(Document.class)
                .build();
        return new Fixture(db, ds, shared, store, emf, documents);
    }

    /**
     * A new EntityManager that {@link #close()} closes, rolling its transaction back if a failed test left one open
     * (an open transaction would hold locks that the tables' drop waits for).
     */
    EntityManager em() {
        EntityManager em = emf.createEntityManager();
        open.add(em);
        return em;
    }

    /** The document {@code id} as committed, or null. */
    Document document(long id) {
        try (EntityManager em = emf.createEntityManager()) {
            return em.find(Document.class, id);
        }
    }

    @Override
    public void close() {
        for (EntityManager em : open) {
            if (em.isOpen()) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
        }
        emf.close();
        store.close();
    }
}

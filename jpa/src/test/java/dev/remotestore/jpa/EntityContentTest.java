package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.InvalidPathException;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.memory.MemoryBackend;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Content that follows the transactions of the entities holding its keys. */
@DatabaseTest
class EntityContentTest {
    private static final byte[] PDF = "%PDF-1.7 quarterly report".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PDF2 = "%PDF-1.7 quarterly report, revised".getBytes(StandardCharsets.UTF_8);

    // ---- shared transactions ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("content and entity written in one transaction commit together; the store sees the transaction")
    void contentCommitsWithItsEntity(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(f.store);
            assertThat(content.sharesTransactions()).isTrue();

            em.getTransaction().begin();
            StoreKey key = content.write(em, "documents/1.pdf", PDF, WriteOption.contentType("application/pdf"));
            em.persist(new Document(1, "Q3", key));
            em.flush();
            // on the transaction's connection the row is there; on any other connection it is not yet
            assertThat(f.shared.callWith(em, () -> f.store.exists(key.value()))).isTrue();
            assertThat(f.store.exists(key.value())).isFalse();
            assertThat(f.document(1)).isNull();
            em.getTransaction().commit();

            assertThat(f.store.readBytes(key.value())).isEqualTo(PDF);
            assertThat(f.document(1).content()).isEqualTo(key);
            try (EntityManager other = f.emf.createEntityManager()) {
                StoredObject stored = other.find(StoredObject.class, "documents/1.pdf");
                assertThat(stored.size()).isEqualTo(PDF.length);
                assertThat(stored.contentType()).contains("application/pdf");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("content and entity written in one transaction roll back together")
    void contentRollsBackWithItsEntity(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(f.store);
            em.getTransaction().begin();
            StoreKey key = content.write(em, "documents/2.pdf", PDF);
            em.persist(new Document(2, "draft", key));
            em.flush();
            em.getTransaction().rollback();

            assertThat(f.store.exists(key.value())).isFalse();
            assertThat(f.document(2)).isNull();
            // and the key is free again: nothing half-written stands in the way
            em.getTransaction().begin();
            content.write(em, "documents/2.pdf", PDF2);
            em.getTransaction().commit();
            assertThat(f.store.readBytes("documents/2.pdf")).isEqualTo(PDF2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("overwriting in place on a shared transaction is undone by a rollback")
    void sharedOverwriteRollsBack(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(f.store);
            f.store.write("documents/3.pdf", PDF);
            em.getTransaction().begin();
            content.write(em, "documents/3.pdf", PDF2, WriteOption.OVERWRITE);
            em.getTransaction().rollback();
            assertThat(f.store.readBytes("documents/3.pdf")).isEqualTo(PDF);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a refused write (the key exists) leaves the shared transaction usable: it still commits")
    void refusedWriteKeepsTheTransaction(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(f.store);
            f.store.write("documents/12.pdf", PDF);
            em.getTransaction().begin();
            assertThatThrownBy(() -> content.write(em, "documents/12.pdf", PDF2))
                    .isInstanceOf(AlreadyExistsException.class)
                    .hasMessageContaining("documents/12.pdf");
            em.persist(new Document(12, "kept", content.write(em, "documents/12-b.pdf", PDF2)));
            em.getTransaction().commit(); // PostgreSQL: the backend's savepoint kept the transaction alive
            assertThat(f.document(12).content()).isEqualTo(StoreKey.of("documents/12-b.pdf"));
            assertThat(f.store.readBytes("documents/12.pdf")).isEqualTo(PDF);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("deleteAfterCommit deletes only once the transaction committed, and never on a rollback")
    void deleteAfterCommit(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(f.store);
            Jpa.inTransaction(
                    f.emf, tx -> tx.persist(new Document(4, "old", content.write(tx, "documents/4.pdf", PDF))));

            em.getTransaction().begin();
            Document doc = em.find(Document.class, 4L);
            em.remove(doc);
            content.deleteAfterCommit(em, doc.content());
            em.flush();
            assertThat(f.store.exists("documents/4.pdf")).isTrue();
            em.getTransaction().rollback();
            assertThat(f.store.exists("documents/4.pdf")).isTrue();
            assertThat(f.document(4)).isNotNull();

            em.clear();
            em.getTransaction().begin();
            doc = em.find(Document.class, 4L);
            em.remove(doc);
            content.deleteAfterCommit(em, doc.content());
            em.flush();
            assertThat(f.store.exists("documents/4.pdf")).isTrue();
            em.getTransaction().commit();
            assertThat(f.store.exists("documents/4.pdf")).isFalse();
            assertThat(f.document(4)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("replace writes a new key and deletes the old one after commit; a rollback keeps the old one")
    void replaceLeavesNoOldObjectBehind(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(f.store);
            Jpa.inTransaction(
                    f.emf, tx -> tx.persist(new Document(5, "v1", content.write(tx, "documents/5-v1.pdf", PDF))));

            em.getTransaction().begin();
            Document doc = em.find(Document.class, 5L);
            doc.content(content.replace(em, doc.content(), "documents/5-v2.pdf", PDF2));
            em.getTransaction().rollback();
            assertThat(f.store.exists("documents/5-v1.pdf")).isTrue();
            assertThat(f.store.exists("documents/5-v2.pdf")).isFalse();

            em.clear();
            em.getTransaction().begin();
            doc = em.find(Document.class, 5L);
            doc.content(content.replace(em, doc.content(), "documents/5-v2.pdf", PDF2));
            em.getTransaction().commit();
            assertThat(f.store.exists("documents/5-v1.pdf")).isFalse();
            assertThat(f.store.readBytes("documents/5-v2.pdf")).isEqualTo(PDF2);
            assertThat(f.document(5).content()).isEqualTo(StoreKey.of("documents/5-v2.pdf"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("deleteWithEntities: a deleted entity's content goes after commit, stays on rollback")
    void deleteWithEntities(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(f.store).deleteWithEntities(f.emf, Document.class);
            Jpa.inTransaction(f.emf, tx -> {
                Document doc = new Document(6, "with preview", content.write(tx, "documents/6.pdf", PDF));
                doc.preview(content.write(tx, "previews/6.png", PDF2));
                tx.persist(doc);
            });

            em.getTransaction().begin();
            em.remove(em.find(Document.class, 6L));
            em.flush();
            assertThat(f.store.exists("documents/6.pdf")).isTrue();
            em.getTransaction().rollback();
            assertThat(f.store.exists("documents/6.pdf")).isTrue();
            assertThat(f.store.exists("previews/6.png")).isTrue();

            em.clear();
            em.getTransaction().begin();
            em.remove(em.find(Document.class, 6L));
            em.flush();
            assertThat(f.store.exists("documents/6.pdf")).isTrue();
            em.getTransaction().commit();
            assertThat(f.store.exists("documents/6.pdf")).isFalse();
            assertThat(f.store.exists("previews/6.png")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("deleteWithEntities: a replaced key's old content goes after commit; a rollback keeps it")
    void deleteWithEntitiesOnReplace(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(f.store).deleteWithEntities(f.emf, Document.class);
            Jpa.inTransaction(
                    f.emf, tx -> tx.persist(new Document(7, "v1", content.write(tx, "documents/7-v1.pdf", PDF))));

            em.getTransaction().begin();
            em.find(Document.class, 7L).content(content.write(em, "documents/7-v2.pdf", PDF2));
            em.flush();
            em.getTransaction().rollback();
            assertThat(f.store.exists("documents/7-v1.pdf")).isTrue();
            assertThat(f.store.exists("documents/7-v2.pdf")).isFalse();

            em.clear();
            em.getTransaction().begin();
            em.find(Document.class, 7L).content(content.write(em, "documents/7-v2.pdf", PDF2));
            em.flush();
            assertThat(f.store.exists("documents/7-v1.pdf")).isTrue();
            em.getTransaction().commit();
            assertThat(f.store.exists("documents/7-v1.pdf")).isFalse();
            assertThat(f.store.readBytes("documents/7-v2.pdf")).isEqualTo(PDF2);

            em.clear();
            em.getTransaction().begin();
            em.find(Document.class, 7L).title("renamed"); // no key changed: nothing is deleted
            em.getTransaction().commit();
            assertThat(f.store.exists("documents/7-v2.pdf")).isTrue();
        }
    }

    // ---- stores that cannot share the transaction ------------------------------------------------------------

    @Test
    @DisplayName("on a store outside the transaction, a rollback deletes what was written; a commit keeps it")
    void compensatingDeleteOnAnotherStore() throws Exception {
        try (Fixture f = Fixture.open(TestDatabase.H2);
                Store memory = Store.of(new MemoryBackend())) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(memory);
            assertThat(content.sharesTransactions()).isFalse();

            em.getTransaction().begin();
            StoreKey key = content.write(em, "documents/8.pdf", PDF);
            em.persist(new Document(8, "lost", key));
            assertThat(memory.exists("documents/8.pdf")).isTrue(); // written at once: no transaction to join
            em.getTransaction().rollback();
            assertThat(memory.exists("documents/8.pdf")).isFalse();

            em.getTransaction().begin();
            em.persist(new Document(8, "kept", content.write(em, "documents/8.pdf", PDF)));
            em.getTransaction().commit();
            assertThat(memory.readBytes("documents/8.pdf")).isEqualTo(PDF);
        }
    }

    @Test
    @DisplayName("on a store outside the transaction, OVERWRITE is refused: a rollback could not undo it")
    void overwriteRefusedOutsideTheTransaction() throws Exception {
        try (Fixture f = Fixture.open(TestDatabase.H2);
                Store memory = Store.of(new MemoryBackend())) {
            EntityManager em = f.em();
            memory.write("documents/9.pdf", PDF);
            em.getTransaction().begin();
            assertThatThrownBy(() -> EntityContent.of(memory).write(em, "documents/9.pdf", PDF2, WriteOption.OVERWRITE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("documents/9.pdf")
                    .hasMessageContaining("OVERWRITE");
            em.getTransaction().rollback();
            assertThat(memory.readBytes("documents/9.pdf")).isEqualTo(PDF);
        }
    }

    @Test
    @DisplayName("after-commit actions with another provider than Hibernate fail before anything is written")
    void otherProvidersNeedHibernateForCallbacks() throws Exception {
        try (Fixture f = Fixture.open(TestDatabase.H2);
                Store memory = Store.of(new MemoryBackend())) {
            EntityManager other = notHibernate(EntityManager.class, f.em());
            EntityContent content = EntityContent.of(memory);
            assertThatThrownBy(() -> content.write(other, "documents/11.pdf", PDF))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("org.hibernate.orm:hibernate-core");
            assertThat(memory.exists("documents/11.pdf")).isFalse();
            assertThatThrownBy(() -> content.deleteAfterCommit(other, StoreKey.of("documents/11.pdf")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("deleteAfterCommit");
            EntityManagerFactory otherFactory = notHibernate(EntityManagerFactory.class, f.emf);
            assertThatThrownBy(() -> content.deleteWithEntities(otherFactory, Document.class))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("org.hibernate.orm:hibernate-core");
            assertThatThrownBy(() -> content.deleteWithEntities(f.emf, String.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.String is no entity");
        }
    }

    /** {@code target} as another provider would show it: in a transaction, but unwrapping to nothing of Hibernate's. */
    private static <T> T notHibernate(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(
                EntityContentTest.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isJoinedToTransaction":
                            return true;
                        case "unwrap":
                            throw new PersistenceException("not a " + args[0]);
                        default:
                            try {
                                return method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                }));
    }

    @Test
    @DisplayName("content is written only inside a transaction, under a valid key")
    void needsATransactionAndAValidKey() throws Exception {
        try (Fixture f = Fixture.open(TestDatabase.H2)) {
            EntityManager em = f.em();
            EntityContent content = EntityContent.of(f.store);
            assertThatThrownBy(() -> content.write(em, "documents/10.pdf", PDF))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no active transaction");
            assertThatThrownBy(() -> content.deleteAfterCommit(em, StoreKey.of("documents/10.pdf")))
                    .isInstanceOf(IllegalStateException.class);
            em.getTransaction().begin();
            assertThatThrownBy(() -> content.write(em, "../10.pdf", PDF))
                    .isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining("../10.pdf");
            em.getTransaction().rollback();
            assertThat(f.store.exists("documents/10.pdf")).isFalse();
        }
    }

    @Test
    @DisplayName("the connection handed out inside callWith cannot end the EntityManager's transaction")
    void boundConnectionRefusesToEndTheTransaction() throws Exception {
        try (Fixture f = Fixture.open(TestDatabase.H2)) {
            EntityManager em = f.em();
            em.getTransaction().begin();
            f.shared.callWith(em, () -> {
                try {
                    Connection c = f.shared.getConnection();
                    assertThatThrownBy(c::commit)
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("commit");
                    assertThatThrownBy(c::rollback).isInstanceOf(SQLException.class);
                    assertThatThrownBy(() -> c.setAutoCommit(true)).isInstanceOf(SQLException.class);
                    c.close();
                    assertThat(c.isClosed()).isFalse();
                    assertThat(f.shared.isBound()).isTrue();
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            assertThat(f.shared.isBound()).isFalse();
            assertThat(em.getTransaction().isActive()).isTrue();
            em.getTransaction().rollback();
        }
    }
}

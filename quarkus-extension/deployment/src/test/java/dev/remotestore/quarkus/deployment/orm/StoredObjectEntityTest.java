package dev.remotestore.quarkus.deployment.orm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.jpa.StoreKey;
import dev.remotestore.jpa.StoredObject;
import dev.remotestore.testkit.BlobTableRules;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus.remote-store.entity.enabled=true}, {@code StoredObject} is an entity of the default persistence
 * unit: JPQL lists what the store wrote and joins it to the application's entities. Hibernate's
 * {@code drop-and-create} (Quarkus' dev-mode default without migrations) creates the application's tables but leaves
 * the blob table alone, so the {@code sql-blob} store creates it, with its {@code data} column.
 */
class StoredObjectEntityTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Invoice.class, Invoices.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:stored-object;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create")
            .overrideConfigKey("quarkus.remote-store.entity.enabled", "true")
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob")
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("dev.remotestore"))
            .assertLogRecords(records -> assertThat(records)
                    .extracting(r -> String.format(r.getMessage(), r.getParameters()))
                    .anyMatch(m -> m.startsWith("remote-store: Hibernate ORM's schema management (drop-and-create) of"
                            + " the persistence unit leaves the blob table \"remote_store_objects\" of the entity"
                            + " StoredObject alone")));

    @Inject
    Store store;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Invoices invoices;

    @Test
    @Transactional
    void jpqlListsTheStoredObjectsBelowAFolder() {
        store.write("reports/a.csv", "a,b\n".getBytes(StandardCharsets.UTF_8), WriteOption.contentType("text/csv"));
        store.write("reports/b.csv", "c\n".getBytes(StandardCharsets.UTF_8), WriteOption.OVERWRITE);
        store.write("reportsX", new byte[] {1}, WriteOption.OVERWRITE);
        List<StoredObject> below = em.createQuery(
                        "SELECT o FROM StoredObject o WHERE o.key >= :from AND o.key < :to ORDER BY o.key",
                        StoredObject.class)
                .setParameter("from", "reports/")
                .setParameter("to", "reports0")
                .getResultList();
        assertThat(below).extracting(StoredObject::key).containsExactly("reports/a.csv", "reports/b.csv");
        assertThat(below.get(0).size()).isEqualTo(4);
        assertThat(below.get(0).contentType()).contains("text/csv");
        assertThat(below.get(0).digest()).hasValueSatisfying(d -> assertThat(d).hasSize(64));
    }

    @Test
    void theBlobTableIsTheStoresNotOneHibernateGenerated() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(BlobTableRules.violations(c, "remote_store_objects")).isEmpty();
        }
    }

    @Test
    void storeKeysOfEntitiesJoinTheStoredObjects() {
        store.write("invoices/1.pdf", new byte[] {1}, WriteOption.OVERWRITE);
        invoices.save(1, "invoices/1.pdf");
        invoices.save(2, "invoices/2.pdf");
        assertThat(invoices.withoutContent()).containsExactly(2L);
    }

    /** The application's service over its entity. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class Invoices {
        @Inject
        EntityManager em;

        @Transactional
        public void save(long id, String pdf) {
            em.merge(new Invoice(id, StoreKey.of(pdf)));
        }

        @Transactional
        public List<Long> withoutContent() {
            return em.createQuery(
                            "SELECT i.id FROM Invoice i WHERE NOT EXISTS"
                                    + " (SELECT o FROM StoredObject o WHERE o.key = i.pdf) ORDER BY i.id",
                            Long.class)
                    .getResultList();
        }
    }
}

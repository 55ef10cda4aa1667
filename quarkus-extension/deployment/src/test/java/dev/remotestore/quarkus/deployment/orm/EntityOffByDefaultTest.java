package dev.remotestore.quarkus.deployment.orm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.jpa.StoreKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without {@code quarkus.remote-store.entity.enabled}, the application's persistence unit has its own entities only:
 * no {@code StoredObject}, and its schema generation makes no blob table. The {@code StoreKey} converter applies.
 */
class EntityOffByDefaultTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Invoice.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:entity-off;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create")
            .overrideConfigKey("quarkus.remote-store.type", "memory");

    @Inject
    EntityManager em;

    @Inject
    EntityManagerFactory emf;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void thePersistenceUnitHasOnlyTheApplicationsEntities() throws SQLException {
        assertThat(emf.getMetamodel().getEntities())
                .extracting(EntityType::getName)
                .containsExactly("Invoice");
        try (Connection c = dataSource.getConnection();
                ResultSet tables = c.getMetaData().getTables(null, null, "remote_store_objects", null)) {
            assertThat(tables.next()).as("a blob table").isFalse();
        }
    }

    @Test
    @Transactional
    void storeKeyAttributesAreConverted() {
        em.persist(new Invoice(1, StoreKey.of("/invoices//1.pdf")));
        em.flush();
        em.clear();
        assertThat(em.find(Invoice.class, 1L).pdf).isEqualTo(StoreKey.of("invoices/1.pdf"));
        assertThat(em.createNativeQuery("SELECT pdf FROM Invoice").getSingleResult())
                .isEqualTo("invoices/1.pdf");
    }
}

package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V1__blob_table;
import dev.remotestore.Store;
import dev.remotestore.jpa.StoredObject;
import dev.remotestore.quarkus.deployment.orm.Sale;
import dev.remotestore.quarkus.deployment.orm.Sales;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code application.properties} block of docs/quarkus.md's "Hibernate ORM and Flyway", as pasted, on an H2
 * datasource, with the documented migration and entity and a migration of the application's own table: it starts
 * (Flyway, then Hibernate's validation, then the stores), and every documented store works.
 */
class DocumentedHibernateFlywayConfigurationTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(V1__blob_table.class, Sale.class, Sales.class)
                    .addAsResource(
                            new StringAsset("CREATE TABLE sale (id BIGINT PRIMARY KEY, sold_on DATE,"
                                    + " amount NUMERIC(10, 2));\n"),
                            "db/migration/V2__sale.sql")
                    .addAsResource(
                            new StringAsset(documented()
                                    + "\nquarkus.datasource.db-kind=h2"
                                    + "\nquarkus.datasource.jdbc.url=jdbc:h2:mem:documented-orm;DB_CLOSE_DELAY=-1\n"),
                            "application.properties"));

    /** The first {@code properties} block of docs/quarkus.md after its heading "Hibernate ORM and Flyway". */
    static String documented() {
        try {
            String doc = Files.readString(Path.of("../../docs/quarkus.md"));
            int section = doc.indexOf("\n## Hibernate ORM and Flyway\n");
            int start = doc.indexOf("```properties\n", section) + "```properties\n".length();
            return doc.substring(start, doc.indexOf("```", start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    Store store;

    @Inject
    @Identifier("reports")
    Store reports;

    @Inject
    Sales sales;

    @Inject
    EntityManager em;

    @Test
    @Transactional
    void theBlobTableOfTheMigrationIsTheStoresAndAnEntity() {
        store.write("invoices/1.pdf", new byte[] {1, 2});
        assertThat(em.find(StoredObject.class, "invoices/1.pdf").size()).isEqualTo(2);
    }

    @Test
    void theNamedNativeQueryIsAFile() {
        sales.reset();
        assertThat(new String(reports.readBytes("reports/by_year/2024.csv"), StandardCharsets.UTF_8))
                .contains("2024-01-02")
                .doesNotContain("2023-12-31");
    }
}

package dev.remotestore.quarkus.deployment.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flyway migrates the datasource, but no migration creates the blob table: the {@code sql-blob} store does not
 * create it behind the migrations' back ({@code create-table} defaults to {@code false}), and the start fails naming
 * the setting and the migration to add.
 */
class FlywayWithoutBlobTableTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(
                    new StringAsset("CREATE TABLE invoice (id INT PRIMARY KEY, pdf_key VARCHAR(768));\n"),
                    "db/migration/V1__app_tables.sql"))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:flyway-no-blob-table;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.flyway.migrate-at-start", "true")
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob")
            .assertException(t -> {
                Throwable cause = t;
                while (!(cause instanceof IllegalStateException) && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                assertThat(cause)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("table \"remote_store_objects\" does not exist")
                        .hasMessageContaining(
                                "\n  quarkus.remote-store.create-table defaults to false because Flyway on"
                                        + " the datasource <default>: let a migration create the table (one that extends"
                                        + " dev.remotestore.flyway.CreateBlobTable), or set"
                                        + " quarkus.remote-store.create-table=true");
            });

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

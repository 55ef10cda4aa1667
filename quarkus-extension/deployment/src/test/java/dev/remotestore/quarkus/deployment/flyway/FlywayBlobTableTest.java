package dev.remotestore.quarkus.deployment.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V1__blob_table;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.jpa.StoredObject;
import dev.remotestore.testkit.BlobTableRules;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With Flyway, the application's migration ({@code V1__blob_table extends CreateBlobTable}) creates the blob table at
 * start; the {@code sql-blob} store on that datasource does not create it (it is created after the migrations, and
 * would fail if they had not run); Hibernate ORM validates the table against {@code StoredObject}.
 */
class FlywayBlobTableTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(V1__blob_table.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:flyway-blob-table;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.flyway.migrate-at-start", "true")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "validate")
            .overrideConfigKey("quarkus.remote-store.entity.enabled", "true")
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob")
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("dev.remotestore"))
            .assertLogRecords(
                    records -> assertThat(records)
                            .extracting(r -> String.format(r.getMessage(), r.getParameters()))
                            .contains(
                                    "remote-store: the store <default> leaves its table to the migrations of Flyway on the"
                                            + " datasource <default> (set quarkus.remote-store.create-table=true to create it anyway)"));

    @Inject
    Store store;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    @Test
    void theMigrationCreatedTheTableInTheApplicationsHistory() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT \"version\", \"description\", \"type\", \"success\""
                                + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            assertThat(rs.getString(2)).isEqualTo("blob table");
            assertThat(rs.getString(3)).isEqualTo("JDBC");
            assertThat(rs.getBoolean(4)).isTrue();
            assertThat(rs.next()).isFalse();
        }
        try (Connection c = dataSource.getConnection()) {
            assertThat(BlobTableRules.violations(c, "remote_store_objects")).isEmpty();
        }
    }

    @Test
    @Transactional
    void theStoreWritesToItAndTheEntityReadsIt() {
        store.write("a/b.txt", new byte[] {1, 2, 3}, WriteOption.contentType("text/plain"));
        StoredObject o = em.find(StoredObject.class, "a/b.txt");
        assertThat(o.size()).isEqualTo(3);
        assertThat(o.contentType()).contains("text/plain");
        assertThat(store.readBytes("a/b.txt")).containsExactly(1, 2, 3);
    }
}

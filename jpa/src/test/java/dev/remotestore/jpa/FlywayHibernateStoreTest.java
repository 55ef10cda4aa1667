package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.flyway.CreateBlobTable;
import dev.remotestore.sql.SqlBlobBackend;
import dev.remotestore.testkit.BlobTableRules;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The path of issue 12 end to end, on one table: an application's own Flyway history creates its tables and, at a
 * version of its own, the blob table; Hibernate validates {@link StoredObject} against it; {@link SqlBlobBackend}
 * with {@code createTable(false)} stores into it; JPQL sees what the store wrote.
 */
@DatabaseTest
class FlywayHibernateStoreTest {
    /** The application's first migration: a table of its own. */
    static final class V1__app_tables extends BaseJavaMigration {
        private final String table;

        V1__app_tables(String table) {
            this.table = table;
        }

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement st = context.getConnection().createStatement()) {
                st.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, title VARCHAR(100))");
            }
        }
    }

    /** The application's second migration: the library's blob table, under a name of the test's. */
    static final class V2__blob_table extends CreateBlobTable {
        V2__blob_table(String table) {
            super(table);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("Flyway (the application's history + CreateBlobTable), then Hibernate validate, then the store on"
            + " the same table")
    void flywayThenHibernateThenStore(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String appTable = TestDatabase.newTableName();
        String blobTable = TestDatabase.newTableName();
        String history = TestDatabase.newTableName();
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .table(history)
                // the shared test schema holds other tests' tables: adopt it at version 0, as an application does
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations(new String[0]) // no scanning: exactly the two migrations given
                .javaMigrations(new V1__app_tables(appTable), new V2__blob_table(blobTable))
                .load();
        flyway.migrate();
        assertThat(java.util.Arrays.stream(flyway.info().applied())
                        .filter(m -> m.getVersion() != null
                                && !m.getVersion().getVersion().equals("0"))
                        .map(m -> m.getVersion().getVersion() + " " + m.getDescription()))
                .containsExactly("1 app tables", "2 blob table");
        try (Connection c = ds.getConnection()) {
            assertThat(BlobTableRules.violations(c, blobTable)).isEmpty();
        }

        try (EntityManagerFactory emf = Jpa.unit(db, ds)
                        .table("remote_store_objects", blobTable)
                        .build(); // hbm2ddl validate
                Store store = Store.of(SqlBlobBackend.builder()
                        .dataSource(ds)
                        .table(blobTable)
                        .createTable(false)
                        .build())) {
            store.write("docs/a.txt", "alpha".getBytes(StandardCharsets.UTF_8), WriteOption.contentType("text/plain"));
            assertThat(store.readBytes("docs/a.txt")).isEqualTo("alpha".getBytes(StandardCharsets.UTF_8));
            try (var em = emf.createEntityManager()) {
                List<StoredObject> found = em.createQuery(
                                "SELECT o FROM StoredObject o WHERE o.key = 'docs/a.txt'", StoredObject.class)
                        .getResultList();
                assertThat(found).hasSize(1);
                assertThat(found.get(0).size()).isEqualTo(5L);
                assertThat(found.get(0).contentType()).contains("text/plain");
            }
        }
    }
}

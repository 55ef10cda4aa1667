package dev.remotestore.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import dev.remotestore.sql.SqlBlobBackend;
import dev.remotestore.testkit.BlobTableRules;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The recipe of docs/flyway.md for SQL-only histories: copy core's script for the database, unchanged, into a
 * migration location under a V name of the application's choosing, and give Flyway the placeholder {@code table}.
 */
@DatabaseTest
class SqlScriptRecipeTest {
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("core's script, copied as V5__blob_table.sql with Flyway's placeholder table, creates a conforming"
            + " table that SqlBlobBackend uses with createTable(false)")
    void copiedScriptCreatesTheTable(TestDatabase db, @TempDir Path dir) throws Exception {
        String database = db.name().toLowerCase(Locale.ROOT);
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("dev/remotestore/sql/schema/" + database + ".sql")) {
            assertThat(in).as("core's script for %s", database).isNotNull();
            Files.write(dir.resolve("V5__blob_table.sql"), in.readAllBytes());
        }
        try (FreshSchema schema = FreshSchema.create(db)) {
            Flyway flyway = Flyway.configure()
                    .dataSource(schema.dataSource())
                    .locations("filesystem:" + dir)
                    .placeholders(Map.of("table", "remote_store_objects"))
                    .load();

            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);

            MigrationInfo applied = flyway.info().applied()[0];
            assertThat(applied.getVersion().getVersion()).isEqualTo("5");
            assertThat(applied.getDescription()).isEqualTo("blob table");
            try (Connection c = schema.dataSource().getConnection()) {
                assertThat(BlobTableRules.violations(c, "remote_store_objects")).isEmpty();
            }
            try (Store store = Store.of(SqlBlobBackend.builder()
                    .dataSource(schema.dataSource())
                    .createTable(false)
                    .build())) {
                store.write("from/sql.txt", new byte[] {5});
                assertThat(store.readBytes("from/sql.txt")).containsExactly(5);
            }
        }
    }
}

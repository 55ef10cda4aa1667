package dev.remotestore.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.Store;
import dev.remotestore.sql.SqlBlobBackend;
import dev.remotestore.testkit.BlobTableRules;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import example.app.custom.V1__files_table;
import example.app.db.V2__blob_table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The blob table inside an application's own Flyway history, at the application's version (CreateBlobTable). */
@DatabaseTest
class ApplicationHistoryTest {
    /**
     * The checksum of {@code remote_store_objects}' CreateBlobTable, the CRC-32 of {@code "remote-store blob table 1
     * remote_store_objects"} (computed independently): pinned, as applied histories hold it.
     */
    static final int DEFAULT_TABLE_CHECKSUM = 208_196_581;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("an application's V1 (SQL) and V2__blob_table (extends CreateBlobTable) create a conforming table"
            + " that SqlBlobBackend uses with createTable(false); its history lists both")
    void applicationHistoryCreatesTheBlobTable(TestDatabase db) throws Exception {
        try (FreshSchema schema = FreshSchema.create(db)) {
            Flyway flyway = Flyway.configure()
                    .dataSource(schema.dataSource())
                    .locations("classpath:example/app/db")
                    .load();

            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);

            assertThat(schema.tables())
                    .containsExactlyInAnyOrder("app_documents", "remote_store_objects", "flyway_schema_history");
            try (Connection c = schema.dataSource().getConnection()) {
                assertThat(BlobTableRules.violations(c, "remote_store_objects")).isEmpty();
            }
            List<String> history = new ArrayList<>();
            for (MigrationInfo m : flyway.info().applied()) {
                history.add(m.getVersion() + " " + m.getDescription() + " " + m.getType() + " " + m.getState());
            }
            assertThat(history).containsExactly("1 app tables SQL SUCCESS", "2 blob table JDBC SUCCESS");
            assertThat(historyRow(schema, "flyway_schema_history", "2"))
                    .containsExactly(
                            "blob table", "example.app.db.V2__blob_table", String.valueOf(DEFAULT_TABLE_CHECKSUM));

            try (Store store = Store.of(SqlBlobBackend.builder()
                    .dataSource(schema.dataSource())
                    .table("remote_store_objects")
                    .createTable(false)
                    .build())) {
                store.write("documents/1/report.pdf", new byte[] {1, 2, 3});
                assertThat(store.readBytes("documents/1/report.pdf")).containsExactly(1, 2, 3);
                assertThat(store.getFileInfo("documents/1/report.pdf").size()).hasValue(3);
            }
            assertThat(schema.count("remote_store_objects")).isEqualTo(1);

            // validate and migrate again: the checksum is the one recorded, nothing is left to run
            flyway.validate();
            assertThat(flyway.migrate().migrationsExecuted).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("the subclass names the table: V1__files_table creates app_files, and no remote_store_objects")
    void subclassChoosesTheTableName(TestDatabase db) throws Exception {
        try (FreshSchema schema = FreshSchema.create(db)) {
            Flyway.configure()
                    .dataSource(schema.dataSource())
                    .locations("classpath:example/app/custom")
                    .load()
                    .migrate();

            assertThat(schema.tables()).containsExactlyInAnyOrder("app_files", "flyway_schema_history");
            try (Connection c = schema.dataSource().getConnection()) {
                assertThat(BlobTableRules.violations(c, "app_files")).isEmpty();
            }
            try (Store store = Store.of(SqlBlobBackend.builder()
                    .dataSource(schema.dataSource())
                    .table("app_files")
                    .createTable(false)
                    .build())) {
                store.write("a.txt", new byte[] {7});
                assertThat(store.readBytes("a.txt")).containsExactly(7);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a table the backend created before the migration ran is kept with its content (IF NOT EXISTS)")
    void existingTableIsKept(TestDatabase db) throws Exception {
        try (FreshSchema schema = FreshSchema.create(db)) {
            Flyway flyway = Flyway.configure()
                    .dataSource(schema.dataSource())
                    .locations("classpath:example/app/db")
                    .load();
            Flyway upToV1 = Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .target("1")
                    .load();
            upToV1.migrate();
            try (Store store = Store.of(
                    SqlBlobBackend.builder().dataSource(schema.dataSource()).build())) { // createTable(true)
                store.write("kept.txt", new byte[] {9});
            }

            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);

            assertThat(schema.count("remote_store_objects")).isEqualTo(1);
            try (Connection c = schema.dataSource().getConnection()) {
                assertThat(BlobTableRules.violations(c, "remote_store_objects")).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("an invalid table name fails the migration, naming the class, the name and the rule; nothing is"
            + " recorded as applied")
    void invalidTableNameFailsTheMigration(TestDatabase db) throws Exception {
        try (FreshSchema schema = FreshSchema.create(db)) {
            Flyway flyway = Flyway.configure()
                    .dataSource(schema.dataSource())
                    .locations("classpath:example/app/invalid")
                    .load();

            assertThatThrownBy(flyway::migrate)
                    .isInstanceOf(FlywayException.class)
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll(
                            "example.app.invalid.V1__bad_blob_table", "\"bad-name\"", "letters, digits and '_'");

            assertThat(Arrays.stream(flyway.info().applied())
                            .filter(m ->
                                    m.getState().isApplied() && !m.getState().isFailed()))
                    .isEmpty();
            assertThat(schema.tables()).doesNotContain("bad-name", "bad");
        }
    }

    @Test
    @DisplayName("version and description come from the subclass's name; the checksum depends on the table name"
            + " alone and is pinned")
    void versionDescriptionAndChecksum() {
        V2__blob_table v2 = new V2__blob_table();
        assertThat(v2.getVersion().getVersion()).isEqualTo("2");
        assertThat(v2.getDescription()).isEqualTo("blob table");
        assertThat(v2.table()).isEqualTo("remote_store_objects");
        // CRC-32 of "remote-store blob table 1 remote_store_objects": histories that applied it hold this value
        assertThat(v2.getChecksum()).isEqualTo(DEFAULT_TABLE_CHECKSUM);

        V1__files_table files = new V1__files_table();
        assertThat(files.table()).isEqualTo("app_files");
        assertThat(files.getChecksum()).isNotEqualTo(DEFAULT_TABLE_CHECKSUM);
        assertThat(files.getChecksum()).isEqualTo(new V1__files_table().getChecksum());
    }

    /** description, script and checksum of the history row of {@code version}. */
    private static List<String> historyRow(FreshSchema schema, String historyTable, String version)
            throws SQLException {
        try (Connection c = schema.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + schema.quote("description") + ", "
                        + schema.quote("script") + ", " + schema.quote("checksum") + " FROM "
                        + schema.quote(historyTable) + " WHERE " + schema.quote("version") + " = ?")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("history row of version %s", version).isTrue();
                return List.of(rs.getString(1), rs.getString(2), String.valueOf(rs.getInt(3)));
            }
        }
    }
}

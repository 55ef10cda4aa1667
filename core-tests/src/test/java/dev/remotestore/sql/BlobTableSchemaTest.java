package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import dev.remotestore.testkit.BlobTableRules;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The table the backend creates is the table of docs/spec/blob-table.md, on every database. */
@DatabaseTest
class BlobTableSchemaTest {
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("TABLE-001..007: the table the backend creates breaks no rule, as the database's metadata reports it")
    void createdTableFollowsTheRules(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        try (Store store =
                Store.of(SqlBlobBackend.builder().dataSource(ds).table(table).build())) {
            store.write("first.txt", new byte[] {1});
        }
        try (Connection c = ds.getConnection()) {
            assertThat(BlobTableRules.violations(c, table)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("TABLE-009: BlobTableSchema's statements create the same table, once per database script")
    void schemaStatementsCreateTheTable(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            List<String> statements = BlobTableSchema.createStatements(c, table);
            assertThat(statements).allSatisfy(s -> assertThat(s).doesNotContain("${"));
            for (String sql : statements) {
                st.execute(sql);
            }
            for (String sql : statements) {
                st.execute(sql); // IF NOT EXISTS: running the script again changes nothing
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            assertThat(BlobTableRules.violations(c, table)).isEmpty();
        }
        try (Store store = Store.of(SqlBlobBackend.builder()
                .dataSource(ds)
                .table(table)
                .createTable(false)
                .build())) {
            store.write("a/b.txt", new byte[] {2});
            assertThat(store.readBytes("a/b.txt")).containsExactly(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("the rules catch a table that breaks them: nullable data, no digest, a 32-character key")
    void rulesCatchABrokenTable(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        String binary =
                switch (db) {
                    case POSTGRESQL -> "BYTEA";
                    case MARIADB -> "LONGBLOB";
                    default -> "BLOB";
                };
        String key = db == TestDatabase.MARIADB ? "`key`" : "\"key\"";
        String data = db == TestDatabase.MARIADB ? "`data`" : "\"data\"";
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (" + key + " VARCHAR(32) PRIMARY KEY, " + data + " " + binary
                    + ")");
            List<String> violations = BlobTableRules.violations(c, table);
            assertThat(violations)
                    .anyMatch(v -> v.startsWith("TABLE-001") && v.contains("digest"))
                    .anyMatch(v -> v.startsWith("TABLE-004") && v.contains("nullable"))
                    .anyMatch(v -> v.startsWith("TABLE-003") && v.contains("32"));
        }
    }

    @Test
    @DisplayName("TABLE-009: each database's script is a resource with the table placeholder, and no other")
    void scriptsHaveOnePlaceholder() {
        for (String database : List.of("sqlite", "h2", "postgresql", "mariadb")) {
            String script = BlobTableSchema.script(database);
            assertThat(script).contains(BlobTableSchema.TABLE_PLACEHOLDER);
            assertThat(script.replace(BlobTableSchema.TABLE_PLACEHOLDER, "")).doesNotContain("${");
        }
    }
}

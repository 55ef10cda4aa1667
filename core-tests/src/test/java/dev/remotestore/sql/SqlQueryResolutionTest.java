package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.InvalidPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Resolution beyond explicit mappings on every database: views, then tables (the convention), found through
 * metadata; keys that try SQL injection find nothing and change nothing.
 */
@DatabaseTest
class SqlQueryResolutionTest {

    /** A table with two rows and a view over it; returns {table, view}. */
    private static String[] createTableAndView(DataSource ds) throws SQLException {
        String table = TestDatabase.newTableName();
        String view = table + "_v";
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id INT, name VARCHAR(20))");
            st.execute("INSERT INTO " + table + " VALUES (1, 'ada'), (2, 'bob')");
            st.execute("CREATE VIEW " + view + " AS SELECT name FROM " + table + " WHERE id = 2");
        }
        return new String[] {table, view};
    }

    private static void dropView(DataSource ds, String view) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP VIEW " + view);
        }
    }

    private static long rows(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String csv(Store store, String key) {
        return new String(store.readBytes(key), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    /** The schema (or MariaDB database) the test tables live in, as a key segment. */
    private static String schema(TestDatabase db) {
        return switch (db) {
            case POSTGRESQL -> "public";
            case MARIADB -> db.database();
            case H2 -> "public";
            case SQLITE -> "main";
        };
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("non-strict: a view named by the key, then a table by convention, bare or schema-qualified")
    void viewsThenTables(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String[] names = createTableAndView(ds);
        try (Store store =
                Store.of(SqlQueryBackend.builder().dataSource(ds).strict(false).build())) {
            assertThat(csv(store, names[1] + ".csv")).isEqualTo("\"name\"\r\n\"bob\"\r\n");
            assertThat(store.resolve(names[1] + ".csv").details()).containsEntry("source", "view");
            assertThat(csv(store, names[0] + ".csv")).contains("\"ada\"").contains("\"bob\"");
            assertThat(store.resolve(names[0] + ".csv").details()).containsEntry("source", "convention");
            if (db != TestDatabase.SQLITE) {
                assertThat(csv(store, schema(db) + "/" + names[0] + ".csv")).contains("\"ada\"");
            }
            assertThat(store.isFile(names[0] + ".parquet")).isTrue();
            assertThatThrownBy(() -> store.readBytes("no_such_schema/" + names[0] + ".csv"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.readBytes(names[0] + "_missing.csv")).isInstanceOf(NotFoundException.class);
        } finally {
            dropView(ds, names[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("explicit mappings win over views and tables of the same name")
    void explicitWins(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String[] names = createTableAndView(ds);
        try (Store store = Store.of(SqlQueryBackend.builder()
                .dataSource(ds)
                .strict(false)
                .query(names[0] + ".csv", "SELECT 42 AS answer")
                .build())) {
            assertThat(csv(store, names[0] + ".csv")).isEqualTo("\"answer\"\r\n\"42\"\r\n");
            assertThat(store.resolve(names[0] + ".csv").details()).containsEntry("source", "explicit");
        } finally {
            dropView(ds, names[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("keys that try SQL injection resolve to nothing and leave every table intact")
    void injectionKeysFindNothing(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String[] names = createTableAndView(ds);
        String t = names[0];
        List<String> attacks = List.of(
                t + ";DROP TABLE " + t + ".csv",
                t + "; DROP TABLE " + t + " --.csv",
                t + "\".csv",
                t + "\";DROP TABLE " + t + ";--.csv",
                t + "'.csv",
                t + "`.csv",
                t + " --.csv",
                t + "/*x*/.csv",
                t + " WHERE 1=1.csv",
                "(SELECT 1).csv",
                t.replace("test", "tes_") + ".csv",
                t.substring(0, 6) + "%.csv",
                "%.csv",
                "_.csv",
                schema(db) + "%/" + t + ".csv");
        try (Store store =
                Store.of(SqlQueryBackend.builder().dataSource(ds).strict(false).build())) {
            for (String key : attacks) {
                assertThatThrownBy(() -> store.readBytes(key))
                        .as(key)
                        .isInstanceOfAny(NotFoundException.class, InvalidPathException.class);
                assertThat(store.exists(key)).as(key).isFalse();
            }
            assertThatThrownBy(() -> store.readBytes("../" + t + ".csv")).isInstanceOf(InvalidPathException.class);
        } finally {
            dropView(ds, names[1]);
        }
        assertThat(rows(ds, t)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("the databases' own catalogs are never served, and schemas(...) limits what is")
    void systemCatalogsAndSchemaAllowList(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String[] names = createTableAndView(ds);
        List<String> system =
                switch (db) {
                    case POSTGRESQL -> List.of(
                            "pg_catalog/pg_authid.csv",
                            "pg_catalog/pg_user.csv",
                            "information_schema/tables.csv",
                            "pg_user.csv");
                    case MARIADB -> List.of(
                            "mysql/user.csv",
                            "mysql/global_priv.csv",
                            "information_schema/tables.csv",
                            "performance_schema/threads.csv");
                    case H2 -> List.of("information_schema/tables.csv", "INFORMATION_SCHEMA/USERS.csv");
                    case SQLITE -> List.of("sqlite_master.csv", "sqlite_schema.csv", "main/sqlite_master.csv");
                };
        try (Store store =
                Store.of(SqlQueryBackend.builder().dataSource(ds).strict(false).build())) {
            for (String key : system) {
                assertThatThrownBy(() -> store.readBytes(key)).as(key).isInstanceOf(NotFoundException.class);
            }
        }
        try (Store limited = Store.of(SqlQueryBackend.builder()
                .dataSource(ds)
                .strict(false)
                .schemas("some_other_schema")
                .build())) {
            assertThatThrownBy(() -> limited.readBytes(names[0] + ".csv")).isInstanceOf(NotFoundException.class);
        } finally {
            dropView(ds, names[1]);
        }
        if (db != TestDatabase.SQLITE) {
            try (Store allowed = Store.of(SqlQueryBackend.builder()
                    .dataSource(ds)
                    .strict(false)
                    .schemas(schema(db).toUpperCase(Locale.ROOT))
                    .build())) {
                assertThat(csv(allowed, names[0] + ".csv")).contains("\"ada\"");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabase.class,
            names = {"POSTGRESQL", "MARIADB", "H2"})
    @DisplayName("non-strict serves the connection's current schema only; another schema only when listed")
    void otherSchemasOnlyWhenListed(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String other = "rs_other_" + ProcessHandle.current().pid();
        String table = TestDatabase.newTableName();
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute((db == TestDatabase.MARIADB ? "CREATE DATABASE IF NOT EXISTS " : "CREATE SCHEMA IF NOT EXISTS ")
                    + other);
            st.execute("CREATE TABLE " + other + "." + table + " (id INT, secret VARCHAR(20))");
            st.execute("INSERT INTO " + other + "." + table + " VALUES (1, 'hidden')");
        }
        try {
            String key = other + "/" + table + ".csv";
            try (Store store = Store.of(
                    SqlQueryBackend.builder().dataSource(ds).strict(false).build())) {
                assertThatThrownBy(() -> store.readBytes(key)).isInstanceOf(NotFoundException.class);
                assertThat(store.resolve(key).details()).containsEntry("source", "none");
                assertThat(store.exists(key)).isFalse();
            }
            try (Store listed = Store.of(SqlQueryBackend.builder()
                    .dataSource(ds)
                    .strict(false)
                    .schemas(other)
                    .build())) {
                assertThat(csv(listed, key)).contains("\"hidden\"");
            }
        } finally {
            try (Connection c = ds.getConnection();
                    Statement st = c.createStatement()) {
                st.execute((db == TestDatabase.MARIADB ? "DROP DATABASE " : "DROP SCHEMA ")
                        + other
                        + (db == TestDatabase.MARIADB ? "" : " CASCADE"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a key that read() refuses for its extension, resolve() refuses alike")
    void resolveRefusesWhatReadRefuses(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String[] names = createTableAndView(ds);
        try (Store store =
                Store.of(SqlQueryBackend.builder().dataSource(ds).strict(false).build())) {
            String key = names[0] + ".exe";
            Throwable read = org.assertj.core.api.Assertions.catchThrowable(() -> store.readBytes(key));
            Throwable plan = org.assertj.core.api.Assertions.catchThrowable(() -> store.resolve(key));
            assertThat(read).isInstanceOf(InvalidPathException.class).hasMessageContaining(".exe");
            assertThat(plan).isInstanceOf(InvalidPathException.class).hasMessage(read.getMessage());
        } finally {
            dropView(ds, names[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("the blob table of a SqlBlobBackend can itself be published as Parquet by convention")
    void blobTablePublishedByConvention(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        try (Store blobs = Store.of(
                        SqlBlobBackend.builder().dataSource(ds).table(table).build());
                Store exports = Store.of(
                        SqlQueryBackend.builder().dataSource(ds).strict(false).build())) {
            blobs.write("a/one.txt", "one".getBytes(StandardCharsets.UTF_8));
            blobs.write("b/two.bin", new byte[] {1, 2, 3, 4});
            Readback.Duck duck = Readback.duckdb(exports.readBytes(table + ".parquet"));
            assertThat(duck.rows()).hasSize(2);
            java.util.Map<String, Object> first = duck.rows().stream()
                    .map(row -> lowerKeys(row))
                    .filter(row -> "a/one.txt".equals(row.get("key")))
                    .findFirst()
                    .orElseThrow();
            assertThat(first.get("data")).isEqualTo("0x6f6e65");
            assertThat(((Number) first.get("size")).longValue()).isEqualTo(3);
            assertThat(first.get("modified_at")).isInstanceOf(java.time.LocalDateTime.class);
        }
    }

    private static java.util.Map<String, Object> lowerKeys(java.util.Map<String, Object> row) {
        java.util.Map<String, Object> lower = new java.util.LinkedHashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return lower;
    }

    @Test
    @DisplayName("MariaDB: instants are read in UTC and the borrowed connection gets its session time zone back")
    void mariaDbSessionTimeZoneRestored() throws SQLException {
        DataSource shared = TestDatabase.MARIADB.dataSource();
        DataSource one = HikariPools.create(
                new HikariPools.Settings(
                        TestDatabase.MARIADB.url(),
                        TestDatabase.MARIADB.user(),
                        TestDatabase.MARIADB.password(),
                        1,
                        Duration.ofSeconds(10)),
                SqlDialect.forUrl(TestDatabase.MARIADB.url()).orElseThrow(),
                "test");
        String t = TestDatabase.newTableName();
        try (Connection c = one.getConnection();
                Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+05:00'");
            st.execute("CREATE TABLE " + t + " (ts TIMESTAMP NULL, dt DATETIME)");
            st.execute("INSERT INTO " + t + " VALUES ('2024-01-01 05:00:00', '2024-01-01 05:00:00')");
        }
        try (Store store = Store.of(SqlQueryBackend.builder()
                .dataSource(one)
                .query("t.csv", "SELECT ts, dt FROM " + t)
                .build())) {
            String csv = new String(store.readBytes("t.csv"), StandardCharsets.UTF_8);
            assertThat(csv).isEqualTo("\"ts\",\"dt\"\r\n\"2024-01-01T00:00:00Z\",\"2024-01-01T05:00:00\"\r\n");
            try (Connection c = one.getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT @@session.time_zone")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("+05:00");
            }
        } finally {
            HikariPools.close(one);
        }
        assertThat(shared).isNotNull();
    }

    @Test
    @DisplayName("PostgreSQL: a query timeout cancels a long query with a clear error")
    void queryTimeout() {
        try (Store store = Store.of(SqlQueryBackend.builder()
                .dataSource(TestDatabase.POSTGRESQL.dataSource())
                .queryTimeout(Duration.ofSeconds(1))
                .query("slow.csv", "SELECT pg_sleep(5)")
                .build())) {
            assertThatThrownBy(() -> store.readBytes("slow.csv"))
                    .isInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining("cancel");
        }
    }
}

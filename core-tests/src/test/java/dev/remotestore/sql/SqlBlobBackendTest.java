package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.remotestore.AtomicOutput;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.FileInfo;
import dev.remotestore.InvalidPathException;
import dev.remotestore.ListOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the conformance kit cannot see: pools, transactions, schemas, limits, errors, per-database traps. */
@DatabaseTest
class SqlBlobBackendTest {
    @TempDir
    Path tmp;

    private static SqlBlobBackend.Builder on(TestDatabase db) {
        return SqlBlobBackend.builder().dataSource(db.dataSource()).table(TestDatabase.newTableName());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).toList();
        }
    }

    private static void execute(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    // ---- pools -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("an owned pool (url) is closed with the store; a child shares it and leaves it open")
    void ownedPoolIsClosedWithTheStore(TestDatabase db) {
        db.dataSource(); // reachable, or skip (fail in CI)
        Store store = Store.of(SqlBlobBackend.builder()
                .url(db.url())
                .user(db.user())
                .password(db.password())
                .table(TestDatabase.newTableName())
                .build());
        DataSource pool = store.unwrap(DataSource.class);
        Store child = store.child("tenant");
        assertThat(child.unwrap(DataSource.class)).isSameAs(pool);
        child.write("a.txt", bytes("a"));
        child.close();
        assertThat(store.readBytes("tenant/a.txt")).isEqualTo(bytes("a"));

        store.close();
        assertThat(((com.zaxxer.hikari.HikariDataSource) pool).isClosed()).isTrue();
        assertThatThrownBy(() -> store.readBytes("tenant/a.txt")).isInstanceOf(BackendUnavailableException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a borrowed pool (dataSource) stays open when the store closes")
    void borrowedPoolStaysOpen(TestDatabase db) throws SQLException {
        DataSource pool = db.dataSource();
        Store store = Store.of(on(db).build());
        store.write("x", bytes("x"));
        store.close();
        try (Connection c = pool.getConnection()) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> store.exists("x")).isInstanceOf(BackendUnavailableException.class);
    }

    // ---- transactions ------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("inside the caller's transaction a write joins it: rolled back with it, committed with it")
    void joinsTheCallersTransaction(TestDatabase db) throws SQLException {
        DataSource pool = db.dataSource();
        String table = TestDatabase.newTableName();
        Store outside =
                Store.of(SqlBlobBackend.builder().dataSource(pool).table(table).build());
        outside.write("existing.txt", bytes("before"));

        try (Connection tx = pool.getConnection()) {
            tx.setAutoCommit(false);
            Store inside = Store.of(SqlBlobBackend.builder()
                    .dataSource(TransactionBound.dataSource(tx))
                    .table(table)
                    .build());
            inside.write("rolled-back.txt", bytes("gone"));
            inside.write("existing.txt", bytes("after"), WriteOption.OVERWRITE);
            assertThat(inside.readBytes("rolled-back.txt")).isEqualTo(bytes("gone"));
            // a failed statement inside the transaction must not doom it (PostgreSQL: savepoint)
            assertThatThrownBy(() -> inside.write("existing.txt", bytes("dup")))
                    .isInstanceOf(dev.remotestore.AlreadyExistsException.class);
            tx.rollback();
            assertThat(outside.exists("rolled-back.txt")).isFalse();
            assertThat(outside.readBytes("existing.txt")).isEqualTo(bytes("before"));

            inside.write("committed.txt", bytes("kept"));
            inside.move("existing.txt", "moved.txt");
            assertThat(outside.exists("committed.txt"))
                    .as("invisible before the caller commits")
                    .isFalse();
            tx.commit();
            tx.setAutoCommit(true);
        }
        assertThat(outside.readBytes("committed.txt")).isEqualTo(bytes("kept"));
        assertThat(outside.readBytes("moved.txt")).isEqualTo(bytes("before"));
        assertThat(outside.exists("existing.txt")).isFalse();
    }

    // ---- schema ------------------------------------------------------------------------------------------

    private static String minimalTable(TestDatabase db, String table) {
        return switch (db) {
            case SQLITE -> "CREATE TABLE " + table + " (key TEXT PRIMARY KEY, data BLOB NOT NULL)";
            case H2 -> "CREATE TABLE " + table + " (\"key\" VARCHAR(300) PRIMARY KEY, \"data\" BLOB NOT NULL)";
            case POSTGRESQL -> "CREATE TABLE " + table + " (key TEXT PRIMARY KEY, data BYTEA NOT NULL)";
            case MARIADB -> "CREATE TABLE " + table + " (`key` VARCHAR(300) PRIMARY KEY, data LONGBLOB NOT NULL)";
        };
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("an existing table with only key and data works; missing columns leave facts empty")
    void existingMinimalTable(TestDatabase db) throws SQLException {
        String table = TestDatabase.newTableName();
        execute(db.dataSource(), minimalTable(db, table));
        try (Store store = Store.of(SqlBlobBackend.builder()
                .dataSource(db.dataSource())
                .table(table)
                .createTable(false)
                .build())) {
            store.write("d/a.txt", bytes("hello"), WriteOption.contentType("text/plain"));
            store.write("d/b.txt", new byte[3 << 20]); // larger than a chunk: read whole without a digest
            assertThat(store.readBytes("d/a.txt")).isEqualTo(bytes("hello"));
            assertThat(store.readBytes("d/b.txt")).hasSize(3 << 20);
            try (InputStream in = store.readRange("d/b.txt", (3 << 20) - 2, 10)) {
                assertThat(in.readAllBytes()).hasSize(2);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            FileInfo info = store.getFileInfo("d/a.txt");
            assertThat(info.size()).hasValue(5);
            assertThat(info.modifiedAt()).isEmpty();
            assertThat(info.contentType()).isEmpty();
            assertThat(info.digest()).isEmpty();
            assertThat(paths(store.listFiles("d"))).containsExactly("d/a.txt", "d/b.txt");
            assertThat(store.getFolderInfo("d").totalSize()).isEqualTo(5 + (3 << 20));
            assertThat(store.getFolderInfo("d").modifiedAt()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a table without a data column is rejected at build time, naming the table and the column")
    void tableWithoutDataIsRejected(TestDatabase db) throws SQLException {
        String table = TestDatabase.newTableName();
        String keyColumn = db == TestDatabase.MARIADB ? "`key`" : "\"key\"";
        execute(
                db.dataSource(),
                "CREATE TABLE " + table + " (" + keyColumn + " VARCHAR(100) PRIMARY KEY, payload "
                        + (db == TestDatabase.POSTGRESQL ? "BYTEA" : "BLOB") + ")");
        assertThatThrownBy(() -> SqlBlobBackend.builder()
                        .dataSource(db.dataSource())
                        .table(table)
                        .createTable(false)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(table)
                .hasMessageContaining("\"data\"");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a missing table with createTable(false) is rejected at build time, naming the table")
    void missingTableIsRejected(TestDatabase db) {
        String table = TestDatabase.newTableName();
        DataSource ds = db.dataSource(); // outside the lambda: a skip must not count as the expected failure
        assertThatThrownBy(() -> SqlBlobBackend.builder()
                        .dataSource(ds)
                        .table(table)
                        .createTable(false)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(table)
                .hasMessageContaining("does not exist");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName(
            "a missing table found at first use (the database was down at build) is a RemoteStoreException naming it")
    void missingTableFoundLaterIsAStoreException(TestDatabase db) {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        AtomicBoolean down = new AtomicBoolean(true);
        DataSource downAtFirst = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.getAndSet(false)) {
                        throw new java.sql.SQLTransientConnectionException("the database is down", "08001");
                    }
                    try {
                        return method.invoke(ds, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (Store store = Store.of(SqlBlobBackend.builder()
                .dataSource(downAtFirst)
                .table(table)
                .createTable(false)
                .build())) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> store.readBytes("a.txt"));
            assertThat(thrown)
                    .isExactlyInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining(table)
                    .hasMessageContaining("does not exist");
            assertThat(((RemoteStoreException) thrown).path()).isEqualTo("a.txt");
        }
    }

    @Test
    @DisplayName("a table name that is not a plain identifier is rejected before any SQL")
    void tableNameIsValidated() {
        for (String bad : List.of("x; DROP TABLE y", "a b", "\"q\"", "a.b.c", "")) {
            assertThatThrownBy(() -> SqlBlobBackend.builder()
                            .url("jdbc:sqlite::memory:")
                            .table(bad)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + bad + "\"");
        }
    }

    @Test
    @DisplayName("the builder needs exactly one of url and dataSource, and positive limits")
    void builderValidates() {
        assertThatThrownBy(() -> SqlBlobBackend.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("url")
                .hasMessageContaining("dataSource");
        assertThatThrownBy(() -> SqlBlobBackend.builder()
                        .url("jdbc:sqlite::memory:")
                        .dataSource(TestDatabase.SQLITE.dataSource())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both");
        assertThatThrownBy(() -> SqlBlobBackend.builder()
                        .url("jdbc:sqlite::memory:")
                        .maxBlobSize(0)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxBlobSize");
    }

    // ---- limits and bad input ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a key longer than the table's key limit is an InvalidPathException naming the limit")
    void keyOverTheLimit(TestDatabase db) {
        try (Store store = Store.of(on(db).build())) {
            String key = "k/" + "x".repeat(5000);
            assertThatThrownBy(() -> store.write(key, bytes("v")))
                    .isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining("at most");
            assertThat(store.isFolder("k")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("content over maxBlobSize is refused while streaming; nothing is stored, old content stays")
    void oversizeContentIsRefused(TestDatabase db) {
        try (Store store = Store.of(on(db).maxBlobSize(1000).build())) {
            store.write("doc.bin", new byte[10]);
            InputStream endless = new InputStream() {
                @Override
                public int read() {
                    return 1;
                }
            };
            assertThatThrownBy(() -> store.write("doc.bin", endless, WriteOption.OVERWRITE))
                    .isInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining("maxBlobSize (1000 bytes)");
            assertThatThrownBy(() -> store.write("new.bin", new ByteArrayInputStream(new byte[1001])))
                    .hasMessageContaining("maxBlobSize");
            store.write("exact.bin", new byte[1000]);
            assertThat(store.readBytes("doc.bin")).hasSize(10);
            assertThat(store.exists("new.bin")).isFalse();
            assertThat(store.getFileInfo("exact.bin").size()).hasValue(1000);
        }
    }

    @Test
    @DisplayName("MariaDB: content above max_allowed_packet is refused before anything is stored, naming it")
    void mariaDbPacketLimit() throws SQLException {
        DataSource pool = TestDatabase.MARIADB.dataSource();
        long packet;
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@max_allowed_packet")) {
            rs.next();
            packet = rs.getLong(1);
        }
        try (Store store =
                Store.of(on(TestDatabase.MARIADB).maxBlobSize(packet * 2).build())) {
            InputStream over = new InputStream() {
                long left = packet + 1;

                @Override
                public int read() {
                    return left-- > 0 ? 7 : -1;
                }
            };
            assertThatThrownBy(() -> store.write("big.bin", over))
                    .isInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining("max_allowed_packet (" + packet + " bytes");
            assertThat(store.exists("big.bin")).isFalse();
        }
    }

    @ParameterizedTest(name = "byte {0}")
    @ValueSource(ints = {0x00, '\'', '\\', '"'})
    @DisplayName("MariaDB: maxContentSize() bytes of any value are stored, none escaped into a bigger statement")
    void mariaDbLimitHoldsForAnyBytes(int value) throws IOException {
        try (SqlBlobBackend backend = on(TestDatabase.MARIADB).build();
                Store store = Store.of(backend)) {
            long max = backend.maxContentSize();
            assertThat(max).as("the default max_allowed_packet of 16 MiB").isGreaterThan(16_000_000L);
            InputStream content = new InputStream() {
                long left = max;

                @Override
                public int read() {
                    return left-- > 0 ? value : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    Arrays.fill(b, off, off + n, (byte) value);
                    left -= n;
                    return n;
                }
            };
            store.write("full.bin", content);
            assertThat(store.getFileInfo("full.bin").size()).hasValue(max);
            try (InputStream in = store.readRange("full.bin", max - 3, 10)) {
                assertThat(in.readAllBytes()).containsExactly(value, value, value);
            }
        }
    }

    @Test
    @DisplayName("large content waits in nameless temporary files: an abandoned atomic output leaves nothing behind")
    void temporaryFilesHaveNoNames() throws IOException {
        Path spool = java.nio.file.Files.createDirectories(tmp.resolve("spool"));
        try (Store store = Store.of(on(TestDatabase.SQLITE).tempDirectory(spool).build())) {
            AtomicOutput abandoned = store.openAtomic("abandoned.bin");
            abandoned.write(new byte[3 << 20]); // past what stays in memory
            store.write("large.bin", new ByteArrayInputStream(new byte[2 << 20]));
            try (AtomicOutput committed = store.openAtomic("committed.bin")) {
                committed.write(new byte[2 << 20]);
                committed.commit();
            }
            try (Stream<Path> left = java.nio.file.Files.list(spool)) {
                assertThat(left).as("files named in the temporary directory").isEmpty();
            }
            assertThat(store.exists("abandoned.bin")).isFalse();
            assertThat(store.getFileInfo("committed.bin").size()).hasValue(2 << 20);
        }
    }

    // ---- reads -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a large object streams in chunks; ranges across chunk borders are exact")
    void chunkedReads(TestDatabase db) throws IOException {
        byte[] content = new byte[(3 << 20) + 12345];
        new java.util.Random(42).nextBytes(content);
        try (Store store = Store.of(on(db).build())) {
            store.write("big.bin", content);
            try (InputStream in = store.read("big.bin")) {
                assertThat(Arrays.equals(in.readAllBytes(), content)).isTrue();
            }
            long from = (1 << 20) - 100;
            try (InputStream in = store.readRange("big.bin", from, 2 << 20)) {
                assertThat(Arrays.equals(
                                in.readAllBytes(), Arrays.copyOfRange(content, (int) from, (int) from + (2 << 20))))
                        .isTrue();
            }
            try (InputStream in = store.readRange("big.bin", 5, 10)) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 5, 15));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a large object replaced while being read fails the stream; it never mixes two versions")
    void replacedDuringReadFailsTheStream(TestDatabase db) throws IOException {
        // more than two read chunks (1 MiB; 8 MiB on SQLite), so the replacement lands between chunks
        int size = db == TestDatabase.SQLITE ? 20 << 20 : 3 << 20;
        byte[] first = new byte[size];
        byte[] second = new byte[size];
        Arrays.fill(first, (byte) 'a');
        Arrays.fill(second, (byte) 'b');
        try (Store store = Store.of(on(db).build())) {
            store.write("v.bin", first);
            try (InputStream in = store.read("v.bin")) {
                byte[] head = in.readNBytes(1 << 20);
                assertThat(head).containsOnly((byte) 'a');
                store.write("v.bin", second, WriteOption.OVERWRITE);
                assertThatThrownBy(in::readAllBytes)
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("replaced or deleted while being read");
            }
            assertThat(store.readBytes("v.bin")).containsOnly((byte) 'b');
        }
    }

    // ---- introspection, health, errors -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("resolve gives a sql_blob plan naming the table and database; health check answers")
    void resolveAndHealth(TestDatabase db) {
        SqlBlobBackend backend = on(db).build();
        try (Store store = Store.of(backend)) {
            ResolutionPlan plan = store.child("t").resolve("missing.bin");
            assertThat(plan.kind()).isEqualTo("sql_blob");
            assertThat(plan.key()).isEqualTo("t/missing.bin");
            assertThat(plan.details()).containsEntry("table", backend.table());
            assertThat(plan.details().get("database")).isEqualTo(db.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(plan.backend()).startsWith("sql_blob on jdbc:").doesNotContain("password");
            backend.healthCheck();
        }
        assertThatThrownBy(backend::healthCheck).isInstanceOf(BackendUnavailableException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabase.class,
            names = {"POSTGRESQL", "MARIADB"})
    @DisplayName(
            "a database that cannot be reached: the store builds; operations fail at once with BackendUnavailableException")
    void unreachableDatabase(TestDatabase db) {
        String url = db.url().replaceFirst(":(5432|3306)/", ":1/");
        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(url)
                .user(db.user())
                .connectionTimeout(Duration.ofSeconds(60))
                .build())) {
            Throwable thrown = assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> org.assertj.core.api.Assertions.catchThrowable(() -> store.exists("x")));
            assertThat(thrown).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("cannot connect");
            assertThat(store.resolve("x").details()).containsEntry("database", "not yet reached");
        }
    }

    @Test
    @DisplayName("PostgreSQL: a role without privileges gets PermissionDeniedException")
    void postgresPermissionDenied() throws SQLException {
        DataSource admin = TestDatabase.POSTGRESQL.dataSource();
        String table = TestDatabase.newTableName();
        try (Store store =
                Store.of(SqlBlobBackend.builder().dataSource(admin).table(table).build())) {
            store.write("secret.txt", bytes("s"));
        }
        execute(
                admin,
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rs_nobody') THEN "
                        + "CREATE ROLE rs_nobody LOGIN; END IF; END $$",
                "REVOKE ALL ON " + table + " FROM rs_nobody");
        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(TestDatabase.POSTGRESQL.url())
                .user("rs_nobody")
                .table(table)
                .createTable(false)
                .build())) {
            assertThatThrownBy(() -> store.readBytes("secret.txt")).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> store.write("x.txt", bytes("x"))).isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Test
    @DisplayName("MariaDB: a read-only user reads, and gets PermissionDeniedException for writes and deletes")
    void mariaDbPermissionDenied() throws SQLException {
        DataSource admin = TestDatabase.MARIADB.dataSource();
        String table = TestDatabase.newTableName();
        try (Store store =
                Store.of(SqlBlobBackend.builder().dataSource(admin).table(table).build())) {
            store.write("secret.txt", bytes("s"));
        }
        // MariaDB's metadata hides the columns a user may not read, so the user may read, not write
        execute(
                admin,
                "CREATE USER IF NOT EXISTS 'rs_reader'@'%'",
                "CREATE USER IF NOT EXISTS 'rs_reader'@'localhost'",
                "GRANT SELECT ON " + TestDatabase.MARIADB.database() + "." + table + " TO 'rs_reader'@'%'",
                "GRANT SELECT ON " + TestDatabase.MARIADB.database() + "." + table + " TO 'rs_reader'@'localhost'");
        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(TestDatabase.MARIADB.url())
                .user("rs_reader")
                .table(table)
                .createTable(false)
                .build())) {
            assertThat(store.readBytes("secret.txt")).isEqualTo(bytes("s"));
            assertThatThrownBy(() -> store.write("x.txt", bytes("x"))).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> store.delete("secret.txt")).isInstanceOf(PermissionDeniedException.class);
        }
        try (Store store = Store.of(SqlBlobBackend.builder()
                .dataSource(admin)
                .table(table)
                .createTable(false)
                .build())) {
            assertThat(store.exists("secret.txt")).isTrue();
            assertThat(store.exists("x.txt")).isFalse();
        }
    }

    @Test
    @DisplayName("PostgreSQL: a key column in the database's default collation still lists in byte order")
    void postgresDefaultCollationDoesNotBreakListing() throws SQLException {
        DataSource pool = TestDatabase.POSTGRESQL.dataSource();
        String table = TestDatabase.newTableName();
        // no COLLATE "C": the database default (en_US.UTF-8 on these machines) orders 'a-b' after 'a/x'
        execute(pool, "CREATE TABLE " + table + " (key TEXT PRIMARY KEY, data BYTEA NOT NULL)");
        List<String> keys = List.of("A.txt", "a-b/x", "a.b/x", "a/x", "a/y/z", "a0", "aB/x", "ab/x", "b");
        try (Store store = Store.of(SqlBlobBackend.builder()
                .dataSource(pool)
                .table(table)
                .createTable(false)
                .build())) {
            for (String k : keys) {
                store.write(k, bytes(k));
            }
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(RemotePath::compareKeys);
            assertThat(paths(store.listFiles("", ListOption.RECURSIVE))).containsExactlyElementsOf(sorted);
            assertThat(paths(store.listFiles("a", ListOption.RECURSIVE))).containsExactly("a/x", "a/y/z");
            assertThat(store.listFolders("").toList()).containsExactly("a-b", "a.b", "a", "aB", "ab");
            store.deleteFolder("a", dev.remotestore.DeleteOption.RECURSIVE);
            assertThat(paths(store.listFiles("", ListOption.RECURSIVE))).hasSize(keys.size() - 2);
        }
    }

    @Test
    @DisplayName("PostgreSQL: the created table keeps data uncompressed out of line and keys in byte order")
    void postgresSchema() throws SQLException {
        SqlBlobBackend backend = on(TestDatabase.POSTGRESQL).build();
        try (Store store = Store.of(backend);
                Connection c = TestDatabase.POSTGRESQL.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT a.attname, a.attstorage, co.collname FROM pg_attribute a"
                        + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                        + " WHERE a.attrelid = '" + backend.table() + "'::regclass AND a.attname IN ('key', 'data')"
                        + " ORDER BY a.attname")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("data");
            assertThat(rs.getString(2)).as("STORAGE EXTERNAL").isEqualTo("e");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("key");
            assertThat(rs.getString(3)).isEqualTo("C");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabase.class,
            names = {"POSTGRESQL", "MARIADB", "H2"})
    @DisplayName("a schema-qualified table (MariaDB: database.table) is created, found again and used")
    void schemaQualifiedTable(TestDatabase db) throws SQLException {
        DataSource ds = db.dataSource();
        String schema = "rs_schema_" + ProcessHandle.current().pid();
        String table = schema + "." + TestDatabase.newTableName();
        boolean mariadb = db == TestDatabase.MARIADB;
        execute(ds, (mariadb ? "CREATE DATABASE IF NOT EXISTS " : "CREATE SCHEMA IF NOT EXISTS ") + schema);
        try {
            try (Store store = Store.of(
                    SqlBlobBackend.builder().dataSource(ds).table(table).build())) {
                store.write("a.txt", bytes("a"));
            }
            try (Store again = Store.of(SqlBlobBackend.builder()
                    .dataSource(ds)
                    .table(table)
                    .createTable(false)
                    .build())) {
                assertThat(again.readBytes("a.txt")).isEqualTo(bytes("a"));
                assertThat(again.getFileInfo("a.txt").digest()).isPresent();
            }
        } finally {
            execute(ds, (mariadb ? "DROP DATABASE " : "DROP SCHEMA ") + schema + (mariadb ? "" : " CASCADE"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("modification times are UTC instants whatever the JVM's zone, also in its daylight-saving gap")
    void modificationTimesIgnoreTheJvmZone(TestDatabase db) {
        // 2026-03-29T02:30 UTC is a wall-clock time that does not exist in Europe/Berlin (02:00 -> 03:00)
        Instant inTheGap = Instant.parse("2026-03-29T02:30:00.123Z");
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
        try (Store store = Store.of(on(db).clock(java.time.Clock.fixed(inTheGap, java.time.ZoneOffset.UTC))
                .build())) {
            store.write("dst/a.txt", bytes("a"));
            assertThat(store.getFileInfo("dst/a.txt").modifiedAt()).hasValue(inTheGap);
            assertThat(store.getFolderInfo("dst").modifiedAt()).hasValue(inTheGap);
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
    }

    @Test
    @DisplayName("SQLite: an owned pool's connections use WAL, synchronous=NORMAL and a busy timeout")
    void sqlitePragmas() throws SQLException {
        String url = "jdbc:sqlite:" + tmp.resolve("pragmas.db");
        try (Store store = Store.of(SqlBlobBackend.builder().url(url).build());
                Connection c = store.unwrap(DataSource.class).getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
                rs.next();
                assertThat(rs.getInt(1)).as("NORMAL").isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("PRAGMA busy_timeout")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(SqliteDialect.BUSY_TIMEOUT_MS);
            }
        }
    }

    @Test
    @DisplayName("SQLite: WAL journal; two processes writing one file both succeed without SQLITE_BUSY")
    void sqliteTwoProcesses() throws Exception {
        Path file = tmp.resolve("shared.db");
        String url = "jdbc:sqlite:" + file;
        String table = "shared";
        try (Store store =
                Store.of(SqlBlobBackend.builder().url(url).table(table).build())) {
            try (Connection c = store.unwrap(DataSource.class).getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            Process other = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            SqliteWriter.class.getName(),
                            url,
                            table,
                            "child")
                    .redirectErrorStream(true)
                    .start();
            for (int i = 0; i < 200; i++) {
                store.write("parent/" + i, bytes("p" + i));
            }
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).as(output).isZero();
            assertThat(paths(store.listFiles("parent"))).hasSize(200);
            assertThat(paths(store.listFiles("child"))).hasSize(200);
            assertThat(store.readBytes("child/199")).isEqualTo(bytes("c199"));
        }
    }

    /** The second process of {@link #sqliteTwoProcesses()}. */
    public static final class SqliteWriter {
        public static void main(String[] args) {
            try (Store store = Store.of(
                    SqlBlobBackend.builder().url(args[0]).table(args[1]).build())) {
                for (int i = 0; i < 200; i++) {
                    store.write(args[2] + "/" + i, ("c" + i).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a missing key is NotFoundException naming it; a key that is a folder is InvalidPathException")
    void missingAndFolderKeys(TestDatabase db) {
        try (Store store = Store.of(on(db).build())) {
            store.write("f/x.txt", bytes("x"));
            assertThatThrownBy(() -> store.read("nope.txt"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("nope.txt");
            assertThatThrownBy(() -> store.read("f")).isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> store.readRange("nope.txt", 0, 1)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    @DisplayName("descriptions, plans and messages never show a password from the URL")
    void descriptions() {
        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(TestDatabase.POSTGRESQL.url() + "?user=" + TestDatabase.POSTGRESQL.user() + "&password=hunter2")
                .table(TestDatabase.newTableName())
                .build())) {
            assertThat(store.toString()).doesNotContain("hunter2");
            assertThat(store.resolve("a").backend()).doesNotContain("hunter2");
        } catch (BackendUnavailableException e) {
            assertThat(e.getMessage()).doesNotContain("hunter2");
        }
        assertThat(Redaction.location("jdbc:mariadb://u:secret@h/db?password=x&user=y"))
                .isEqualTo("jdbc:mariadb://h/db");
    }
}

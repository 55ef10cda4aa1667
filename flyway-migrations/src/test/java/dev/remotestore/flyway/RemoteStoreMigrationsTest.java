package dev.remotestore.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.sql.SqlBlobBackend;
import dev.remotestore.testkit.BlobTableRules;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The separate-history path: RemoteStoreMigrations keeps the blob table up to date in a history of its own. */
@DatabaseTest
class RemoteStoreMigrationsTest {
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("migrate(dataSource) creates a conforming table recorded in flyway_remote_store_history; a second"
            + " call runs nothing")
    void migrateIsIdempotent(TestDatabase db) throws Exception {
        try (FreshSchema schema = FreshSchema.create(db)) {
            assertThat(RemoteStoreMigrations.migrate(schema.dataSource())).isEqualTo(1);
            assertThat(RemoteStoreMigrations.migrate(schema.dataSource())).isZero();

            assertThat(schema.tables()).containsExactly("flyway_remote_store_history", "remote_store_objects");
            try (Connection c = schema.dataSource().getConnection()) {
                assertThat(BlobTableRules.violations(c, "remote_store_objects")).isEmpty();
            }
            assertThat(history(schema, "flyway_remote_store_history"))
                    .containsExactly("1 create blob table remote_store_objects "
                            + ApplicationHistoryTest.DEFAULT_TABLE_CHECKSUM + " ok");
            try (Store store = Store.of(SqlBlobBackend.builder()
                    .dataSource(schema.dataSource())
                    .createTable(false)
                    .build())) {
                store.write("a/b.txt", new byte[] {4, 2});
                assertThat(store.readBytes("a/b.txt")).containsExactly(4, 2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("beside an application's own history: a baseline at 0, then version 1, in its own table; the"
            + " application's history is untouched and goes on to its own CreateBlobTable version")
    void besideTheApplicationsHistory(TestDatabase db) throws Exception {
        try (FreshSchema schema = FreshSchema.create(db)) {
            Flyway app = Flyway.configure()
                    .dataSource(schema.dataSource())
                    .locations("classpath:example/app/db")
                    .load();
            Flyway.configure()
                    .configuration(app.getConfiguration())
                    .target("1")
                    .load()
                    .migrate();
            List<String> appHistory = history(schema, "flyway_schema_history");

            assertThat(RemoteStoreMigrations.migrate(schema.dataSource())).isEqualTo(1);

            assertThat(history(schema, "flyway_schema_history"))
                    .isEqualTo(appHistory)
                    .hasSize(1);
            assertThat(history(schema, "flyway_remote_store_history"))
                    .containsExactly(
                            "0 << remote-store history start >> null ok",
                            "1 create blob table remote_store_objects " + ApplicationHistoryTest.DEFAULT_TABLE_CHECKSUM
                                    + " ok");
            try (Store store = Store.of(SqlBlobBackend.builder()
                    .dataSource(schema.dataSource())
                    .createTable(false)
                    .build())) {
                store.write("kept.txt", new byte[] {1});
            }

            // the application's own V2__blob_table finds the table there and keeps it
            assertThat(app.migrate().migrationsExecuted).isEqualTo(1);
            assertThat(history(schema, "flyway_schema_history")).hasSize(2);
            assertThat(history(schema, "flyway_remote_store_history")).hasSize(2);
            assertThat(schema.count("remote_store_objects")).isEqualTo(1);
            assertThat(RemoteStoreMigrations.migrate(schema.dataSource())).isZero();
            assertThat(schema.tables())
                    .containsExactly(
                            "app_documents",
                            "flyway_remote_store_history",
                            "flyway_schema_history",
                            "remote_store_objects");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("an application that adopts Flyway later finds a non-empty schema: Flyway wants a baseline, and"
            + " with baselineVersion 0 its own migrations, its CreateBlobTable among them, all run")
    void applicationAdoptingFlywayLaterBaselines(TestDatabase db) throws Exception {
        try (FreshSchema schema = FreshSchema.create(db)) {
            RemoteStoreMigrations.migrate(schema.dataSource());

            Flyway plain = Flyway.configure()
                    .dataSource(schema.dataSource())
                    .locations("classpath:example/app/db")
                    .load();
            assertThatThrownBy(plain::migrate)
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContaining("non-empty schema");

            Flyway baselined = Flyway.configure()
                    .configuration(plain.getConfiguration())
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            assertThat(baselined.migrate().migrationsExecuted).isEqualTo(2);
            assertThat(history(schema, "flyway_schema_history")).hasSize(3);
            try (Connection c = schema.dataSource().getConnection()) {
                assertThat(BlobTableRules.violations(c, "remote_store_objects")).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabase.class,
            names = {"H2", "POSTGRESQL", "MARIADB"})
    @DisplayName("table, schema and historyTable options: table and history land in that schema, the connection's"
            + " own schema stays empty")
    void optionsPlaceTableAndHistory(TestDatabase db) throws Exception {
        try (FreshSchema app = FreshSchema.create(db);
                FreshSchema storage = FreshSchema.create(db)) {
            // H2 folds unquoted names to upper case; Flyway quotes the schema it is given
            String schemaName = db == TestDatabase.H2 ? storage.name().toUpperCase(Locale.ROOT) : storage.name();
            int ran = RemoteStoreMigrations.configure()
                    .table("app_files")
                    .schema(schemaName)
                    .historyTable("app_files_history")
                    .migrate(app.dataSource());

            assertThat(ran).isEqualTo(1);
            assertThat(app.tables()).isEmpty();
            assertThat(storage.tables()).containsExactly("app_files", "app_files_history");
            try (Connection c = storage.dataSource().getConnection()) {
                assertThat(BlobTableRules.violations(c, "app_files")).isEmpty();
            }
            // the backend on the application's connections names the table with its schema; on MariaDB core's
            // backend does not find a table of another database that way yet, so it uses the schema's connections
            boolean qualify = db != TestDatabase.MARIADB;
            try (Store store = Store.of(SqlBlobBackend.builder()
                    .dataSource(qualify ? app.dataSource() : storage.dataSource())
                    .table(qualify ? schemaName + ".app_files" : "app_files")
                    .createTable(false)
                    .build())) {
                store.write("x.bin", new byte[] {3});
                assertThat(store.readBytes("x.bin")).containsExactly(3);
            }
        }
    }

    @Test
    @DisplayName("the schema option on SQLite, which has no schemas, fails at once naming the option and value")
    void schemaOptionOnSqliteFails() throws Exception {
        try (FreshSchema schema = FreshSchema.create(TestDatabase.SQLITE)) {
            assertThatThrownBy(() ->
                            RemoteStoreMigrations.configure().schema("storage").migrate(schema.dataSource()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("schema \"storage\": SQLite has no schemas (a database file is one); leave the schema"
                            + " option out");
            assertThat(schema.tables()).doesNotContain("remote_store_objects");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("one history per blob table: a history that records another table is refused, naming the"
            + " historyTable option; with a history of its own the second table is created")
    void oneHistoryPerTable(TestDatabase db) throws Exception {
        try (FreshSchema schema = FreshSchema.create(db)) {
            RemoteStoreMigrations.migrate(schema.dataSource());

            assertThatThrownBy(() -> RemoteStoreMigrations.configure()
                            .table("other_files")
                            .migrate(schema.dataSource()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContainingAll("other_files", "flyway_remote_store_history", "historyTable", "mismatch")
                    .hasCauseInstanceOf(FlywayException.class);
            assertThat(schema.tables()).doesNotContain("other_files");

            assertThat(RemoteStoreMigrations.configure()
                            .table("other_files")
                            .historyTable("other_files_history")
                            .migrate(schema.dataSource()))
                    .isEqualTo(1);
            assertThat(schema.tables()).contains("other_files", "other_files_history");
        }
    }

    @Test
    @DisplayName("invalid options are refused at once, naming the option, the value and the rule")
    void invalidOptionsAreRefused() {
        RemoteStoreMigrations.Options options = RemoteStoreMigrations.configure();
        assertThatThrownBy(() -> options.table("bad-name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table \"bad-name\" is not a valid table name: use letters, digits and '_', optionally"
                        + " schema-qualified (schema.table)");
        assertThatThrownBy(() -> options.table("a.b.c")).hasMessageStartingWith("table \"a.b.c\" is not");
        assertThatThrownBy(() -> options.table("a.")).hasMessageStartingWith("table \"a.\" is not");
        assertThatThrownBy(() -> options.table(null)).hasMessageStartingWith("table \"null\" is not");
        assertThatThrownBy(() -> options.schema("1st"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema \"1st\" is not a valid name: use letters, digits and '_', not starting with a"
                        + " digit");
        assertThatThrownBy(() -> options.historyTable("history; DROP TABLE x"))
                .hasMessageStartingWith("historyTable \"history; DROP TABLE x\" is not a valid name");
        assertThatThrownBy(() -> options.migrate(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataSource");
        assertThat(options.table("storage.files")).isSameAs(options);
    }

    @Test
    @DisplayName("table names: what core's blob table accepts, and nothing else")
    void tableNamesAreCoresRule() throws Exception {
        try (FreshSchema schema = FreshSchema.create(TestDatabase.SQLITE);
                Connection c = schema.dataSource().getConnection()) {
            for (String name : List.of("files", "_f1", "main.files", "F", "a-b", "1a", "a.b.c", "a b", "", ".a", "é")) {
                boolean ours = accepts(() -> BlobTableMigrations.validateTable("table", name));
                boolean cores = accepts(() -> dev.remotestore.sql.BlobTableSchema.createStatements(c, name));
                assertThat(ours).as(name).isEqualTo(cores);
            }
        }
    }

    @Test
    @DisplayName("the application's migration locations and callbacks (db/migration) are not the separate"
            + " history's: neither runs")
    void applicationLocationsAndCallbacksAreNotScanned(@TempDir Path dir) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(migrations.resolve("V5__not_ours.sql"), "CREATE TABLE not_ours (id INTEGER);\n");
        Files.writeString(migrations.resolve("afterMigrate.sql"), "CREATE TABLE callback_ran (id INTEGER);\n");
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (FreshSchema schema = FreshSchema.create(TestDatabase.SQLITE);
                URLClassLoader app = new URLClassLoader(new URL[] {dir.toUri().toURL()}, original)) {
            Thread.currentThread().setContextClassLoader(app);
            // the application's own Flyway sees them: the class loader is set up right
            assertThat(Flyway.configure()
                            .dataSource(schema.dataSource())
                            .load()
                            .info()
                            .pending())
                    .extracting(m -> m.getDescription())
                    .containsExactly("not ours");

            assertThat(RemoteStoreMigrations.migrate(schema.dataSource())).isEqualTo(1);

            assertThat(schema.tables()).containsExactly("flyway_remote_store_history", "remote_store_objects");
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    @Test
    @DisplayName("a database that does not answer: BackendUnavailableException, Flyway's exception as the cause")
    void unreachableDatabaseIsBackendUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + port + "/nowhere");
        ds.setConnectTimeout(2);

        assertThatThrownBy(() -> RemoteStoreMigrations.migrate(ds))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContainingAll("the database cannot be reached", "remote_store_objects")
                .hasCauseInstanceOf(FlywayException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabase.class,
            names = {"POSTGRESQL", "MARIADB"})
    @DisplayName("without Flyway's support for the database on the class path, the error names the artifact to add")
    void missingFlywayPluginNamesTheArtifact(TestDatabase db) throws Exception {
        db.dataSource(); // the server must run (skipped, or failed under CI, otherwise)
        String plugin = db == TestDatabase.POSTGRESQL ? "flyway-database-postgresql" : "flyway-mysql";

        ChildJvm.Result result = ChildJvm.run(
                60,
                ChildJvm.classPathWithout(plugin),
                MigrateMain.class,
                db.url(),
                String.valueOf(db.user()),
                String.valueOf(db.password()));

        assertThat(result.output())
                .contains("FAILED java.lang.IllegalStateException")
                .contains("Flyway has no support for")
                .contains("add org.flywaydb:" + plugin);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("several threads at once, each with a pool of its own: the table is created once, every call succeeds")
    void concurrentCallersCreateTheTableOnce(TestDatabase db) throws Exception {
        int callers = 4;
        for (int round = 0; round < 3; round++) { // a race shows in some rounds only
            try (FreshSchema schema = FreshSchema.create(db)) {
                ExecutorService pool = Executors.newFixedThreadPool(callers);
                try {
                    CyclicBarrier start = new CyclicBarrier(callers);
                    List<Future<Integer>> results = new ArrayList<>();
                    for (int i = 0; i < callers; i++) {
                        DataSource instance = schema.anotherDataSource();
                        Callable<Integer> call = () -> {
                            start.await(10, TimeUnit.SECONDS);
                            return RemoteStoreMigrations.migrate(instance);
                        };
                        results.add(pool.submit(call));
                    }
                    int ran = 0;
                    for (Future<Integer> f : results) {
                        ran += f.get(60, TimeUnit.SECONDS);
                    }
                    assertThat(ran).isEqualTo(1);
                } finally {
                    pool.shutdownNow();
                }
                assertThat(history(schema, "flyway_remote_store_history")).hasSize(1);
                try (Connection c = schema.dataSource().getConnection()) {
                    assertThat(BlobTableRules.violations(c, "remote_store_objects"))
                            .isEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabase.class,
            names = {"POSTGRESQL", "MARIADB"})
    @DisplayName("several processes at once (instances of an application starting together): the table is created"
            + " once, every process succeeds")
    void concurrentProcessesCreateTheTableOnce(TestDatabase db) throws Exception {
        int processes = 3;
        try (FreshSchema schema = FreshSchema.create(db)) {
            ExecutorService pool = Executors.newFixedThreadPool(processes);
            try {
                List<Future<ChildJvm.Result>> results = new ArrayList<>();
                for (int i = 0; i < processes; i++) {
                    results.add(pool.submit(() -> ChildJvm.run(
                            120,
                            System.getProperty("java.class.path"),
                            MigrateMain.class,
                            schema.url(),
                            String.valueOf(db.user()),
                            String.valueOf(db.password()))));
                }
                int ran = 0;
                for (Future<ChildJvm.Result> f : results) {
                    String out = f.get(180, TimeUnit.SECONDS).output();
                    String ok = out.lines()
                            .filter(l -> l.startsWith("OK "))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("a process failed:\n" + out));
                    ran += Integer.parseInt(ok.substring(3).strip());
                }
                assertThat(ran).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(history(schema, "flyway_remote_store_history")).hasSize(1);
        }
    }

    /**
     * The versioned rows of a Flyway history table, "version description checksum ok|failed", in order of
     * installation.
     */
    static List<String> history(FreshSchema schema, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = schema.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + schema.quote("version") + ", " + schema.quote("description")
                        + ", " + schema.quote("checksum") + ", " + schema.quote("success") + " FROM "
                        + schema.quote(table) + " ORDER BY " + schema.quote("installed_rank"))) {
            while (rs.next()) {
                if (rs.getString(1) == null) {
                    continue; // Flyway's own entries, e.g. "<< Flyway Schema History table created >>" on H2
                }
                Object checksum = rs.getObject(3);
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + checksum + " "
                        + (rs.getBoolean(4) ? "ok" : "failed"));
            }
        }
        return rows;
    }

    private interface Check {
        void run() throws Exception;
    }

    private static boolean accepts(Check check) throws Exception {
        try {
            check.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package dev.remotestore.sql;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the SQL tests run on: SQLite and H2 embedded, PostgreSQL and MariaDB from the servers on the
 * machine (settings from {@code REMOTE_STORE_PG_*} / {@code REMOTE_STORE_MARIADB_*} environment variables,
 * localhost defaults). A server that cannot be reached skips its tests with the reason printed, except when
 * {@code CI=true}: then it fails them, so CI never passes by skipping a database.
 */
enum TestDatabase {
    SQLITE,
    H2,
    POSTGRESQL,
    MARIADB;

    private static final Map<TestDatabase, DataSource> POOLS = new ConcurrentHashMap<>();
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static Path sqliteDir;

    /** The JDBC URL of this database. */
    String url() {
        return switch (this) {
            case SQLITE -> "jdbc:sqlite:" + sqliteFile();
            case H2 -> "jdbc:h2:mem:remotestore;DB_CLOSE_DELAY=-1";
            case POSTGRESQL -> "jdbc:postgresql://" + env("REMOTE_STORE_PG_HOST", "127.0.0.1") + ":"
                    + env("REMOTE_STORE_PG_PORT", "5432") + "/" + env("REMOTE_STORE_PG_DATABASE", "remotestore_test");
            case MARIADB -> "jdbc:mariadb://" + env("REMOTE_STORE_MARIADB_HOST", "127.0.0.1") + ":"
                    + env("REMOTE_STORE_MARIADB_PORT", "3306") + "/"
                    + env("REMOTE_STORE_MARIADB_DATABASE", "remotestore_test");
        };
    }

    String user() {
        return switch (this) {
            case POSTGRESQL -> env("REMOTE_STORE_PG_USER", "postgres");
            case MARIADB -> env("REMOTE_STORE_MARIADB_USER", "root");
            default -> null;
        };
    }

    String password() {
        return switch (this) {
            case POSTGRESQL -> System.getenv("REMOTE_STORE_PG_PASSWORD");
            case MARIADB -> System.getenv("REMOTE_STORE_MARIADB_PASSWORD");
            default -> null;
        };
    }

    boolean isServer() {
        return this == POSTGRESQL || this == MARIADB;
    }

    /**
     * A shared pool for this database, after checking that the database answers; skips (or, in CI, fails) the
     * calling test when it does not.
     */
    DataSource pool() {
        DataSource ds;
        try {
            ds = POOLS.computeIfAbsent(
                    this,
                    db -> HikariPools.create(
                            new HikariPools.Settings(db.url(), db.user(), db.password(), 8, Duration.ofSeconds(10))));
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
        requireReachable(ds);
        return ds;
    }

    private void requireReachable(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException | RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** Skips the calling test, or fails it when CI=true; returns nothing (declared for {@code throw}). */
    private RuntimeException unreachable(Exception e) {
        String reason =
                name() + " is not reachable at " + url() + ": " + e.getMessage() + " (start it with .ci/databases)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and a database test cannot reach its server, which CI must not skip: " + reason, e);
        }
        System.err.println("SKIPPED: " + reason);
        return Assumptions.abort(reason);
    }

    /** A fresh table name, unique in this JVM run; {@link #dropTestTables()} drops them all. */
    static String newTableName() {
        String name = "rs_test_" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet();
        CREATED.add(name);
        return name;
    }

    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    /** Drops the tables {@link #newTableName()} handed out, on every database that has a pool. */
    static void dropTestTables() {
        for (Map.Entry<TestDatabase, DataSource> e : POOLS.entrySet()) {
            try (Connection c = e.getValue().getConnection();
                    Statement st = c.createStatement()) {
                for (String table : CREATED) {
                    st.execute("DROP TABLE IF EXISTS " + table);
                }
            } catch (SQLException ignored) {
                // the server went away; its tables go with the test database
            }
        }
    }

    private static synchronized Path sqliteFile() {
        if (sqliteDir == null) {
            try {
                sqliteDir = Files.createTempDirectory("remote-store-sqlite");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sqliteDir.resolve("store.db");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

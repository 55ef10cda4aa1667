package dev.remotestore.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases that database tests run on: SQLite and H2 embedded, PostgreSQL and MariaDB on servers.
 *
 * <p><b>Servers</b> are found through environment variables, with the defaults of a developer machine:
 * {@code REMOTE_STORE_PG_HOST} (127.0.0.1), {@code _PORT} (5432), {@code _USER} (postgres), {@code _PASSWORD},
 * {@code _DATABASE} (remotestore_test), and the same with {@code REMOTE_STORE_MARIADB_} (port 3306, user root).
 * The test database is created on first use when the server runs and it is missing, so a fresh machine needs
 * no set-up beyond a running server.
 *
 * <p><b>Missing servers</b>: a server that does not answer within a few seconds skips the tests that need it,
 * with a message saying what to start — except when {@code CI=true}: then it fails them, so that a CI run
 * never passes by skipping a database.
 *
 * <p>{@link #dataSource()} is one pool per database for the whole JVM; {@link #newTableName()} hands out table
 * names unique in the run, which {@link DatabaseTest} drops after each test class. Thread-safe.
 */
public enum TestDatabase {
    /** An SQLite file in a temporary directory of this JVM. */
    SQLITE,
    /** An in-memory H2 database of this JVM. */
    H2,
    /** The PostgreSQL server of {@code REMOTE_STORE_PG_*}. */
    POSTGRESQL,
    /** The MariaDB server of {@code REMOTE_STORE_MARIADB_*}. */
    MARIADB;

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** How long a server may take to answer before it counts as not running. */
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private static final Map<TestDatabase, DataSource> POOLS = new ConcurrentHashMap<>();
    private static final Map<TestDatabase, RuntimeException> UNREACHABLE = new ConcurrentHashMap<>();
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static Path sqliteDirectory;

    /** The JDBC URL of this test database (without credentials). */
    public String url() {
        return switch (this) {
            case SQLITE -> "jdbc:sqlite:" + sqliteFile();
            case H2 -> "jdbc:h2:mem:remotestore;DB_CLOSE_DELAY=-1";
            case POSTGRESQL -> serverUrl() + database();
            case MARIADB -> serverUrl() + database();
        };
    }

    /** The user of a server database; {@code null} for the embedded ones. */
    public String user() {
        return switch (this) {
            case POSTGRESQL -> env("REMOTE_STORE_PG_USER", "postgres");
            case MARIADB -> env("REMOTE_STORE_MARIADB_USER", "root");
            default -> null;
        };
    }

    /** The password of a server database, or {@code null}. */
    public String password() {
        return switch (this) {
            case POSTGRESQL -> System.getenv("REMOTE_STORE_PG_PASSWORD");
            case MARIADB -> System.getenv("REMOTE_STORE_MARIADB_PASSWORD");
            default -> null;
        };
    }

    /** Whether this database runs on a server (PostgreSQL, MariaDB) rather than in this JVM. */
    public boolean isServer() {
        return this == POSTGRESQL || this == MARIADB;
    }

    /** The name of the test database on the server ({@code REMOTE_STORE_…_DATABASE}, default remotestore_test). */
    public String database() {
        String name =
                switch (this) {
                    case POSTGRESQL -> env("REMOTE_STORE_PG_DATABASE", "remotestore_test");
                    case MARIADB -> env("REMOTE_STORE_MARIADB_DATABASE", "remotestore_test");
                    default -> throw new UnsupportedOperationException(
                            this + " is embedded: it has no server database");
                };
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("test database name \"" + name + "\" (" + this
                    + "): use letters, digits and '_', at most 63 characters");
        }
        return name;
    }

    /**
     * The pool of this database, shared by every test of this JVM. A server database is created first if the
     * server runs and it is missing. Skips the calling test when the server does not answer (fails it when
     * {@code CI=true}).
     */
    public DataSource dataSource() {
        RuntimeException earlier = UNREACHABLE.get(this);
        if (earlier != null) {
            throw unreachable(earlier); // asked once: every later test skips at once
        }
        try {
            return POOLS.computeIfAbsent(this, TestDatabase::openPool);
        } catch (RuntimeException e) {
            UNREACHABLE.put(this, e);
            throw unreachable(e);
        }
    }

    /** A table name unique in this JVM run, dropped (if created) by {@link #dropTables()}. */
    public static String newTableName() {
        String name = "rs_test_" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet();
        CREATED.add(name);
        return name;
    }

    /** Drops every table {@link #newTableName()} handed out, on every database that has a pool. */
    public static void dropTables() {
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

    // ---- provisioning --------------------------------------------------------------------------------------

    private String serverUrl() {
        return switch (this) {
            case POSTGRESQL -> "jdbc:postgresql://" + host() + ":" + port() + "/";
            case MARIADB -> "jdbc:mariadb://" + host() + ":" + port() + "/";
            default -> throw new UnsupportedOperationException(this + " is embedded");
        };
    }

    private String host() {
        return env(this == POSTGRESQL ? "REMOTE_STORE_PG_HOST" : "REMOTE_STORE_MARIADB_HOST", "127.0.0.1");
    }

    private String port() {
        return this == POSTGRESQL ? env("REMOTE_STORE_PG_PORT", "5432") : env("REMOTE_STORE_MARIADB_PORT", "3306");
    }

    private DataSource openPool() {
        if (isServer()) {
            createDatabaseIfMissing();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setUsername(user());
        config.setPassword(password());
        config.setPoolName("remote-store-tests-" + name().toLowerCase(java.util.Locale.ROOT));
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Connects to the server without the test database, and creates the database unless it is there. */
    private void createDatabaseIfMissing() {
        Properties props = new Properties();
        if (user() != null) {
            props.setProperty("user", user());
        }
        if (password() != null) {
            props.setProperty("password", password());
        }
        // Both drivers read connectTimeout: seconds for PostgreSQL, milliseconds for MariaDB.
        props.setProperty(
                "connectTimeout",
                String.valueOf(this == POSTGRESQL ? CONNECT_TIMEOUT_SECONDS : CONNECT_TIMEOUT_SECONDS * 1000));
        String adminUrl =
                this == POSTGRESQL ? serverUrl() + env("REMOTE_STORE_PG_ADMIN_DATABASE", "postgres") : serverUrl();
        try (Connection c = DriverManager.getConnection(adminUrl, props);
                Statement st = c.createStatement()) {
            if (this == MARIADB) {
                st.execute(
                        "CREATE DATABASE IF NOT EXISTS " + database() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                return;
            }
            try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database() + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            try {
                st.execute("CREATE DATABASE " + database());
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another JVM was quicker
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    describe() + " does not answer (" + e.getMessage() + "); start it, e.g. "
                            + (this == POSTGRESQL
                                    ? "pg_ctlcluster --skip-systemctl-redirect <version> main start"
                                    : "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd")
                            + ", or point " + (this == POSTGRESQL ? "REMOTE_STORE_PG_" : "REMOTE_STORE_MARIADB_")
                            + "HOST/PORT/USER/PASSWORD at a server",
                    e);
        }
    }

    private String describe() {
        return switch (this) {
            case POSTGRESQL -> "the PostgreSQL server at " + host() + ":" + port();
            case MARIADB -> "the MariaDB server at " + host() + ":" + port();
            default -> name();
        };
    }

    /** Skips the calling test, or fails it when CI=true; returns nothing (declared for {@code throw}). */
    private RuntimeException unreachable(RuntimeException e) {
        String reason = name() + " is not available: " + e.getMessage();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and a database test cannot reach its server, which CI must not skip: " + reason, e);
        }
        System.err.println("SKIPPED: " + reason);
        return Assumptions.abort(reason);
    }

    private static synchronized Path sqliteFile() {
        if (sqliteDirectory == null) {
            try {
                sqliteDirectory = Files.createTempDirectory("remote-store-sqlite");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sqliteDirectory.resolve("store.db");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

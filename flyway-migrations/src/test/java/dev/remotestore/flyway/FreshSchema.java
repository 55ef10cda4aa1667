package dev.remotestore.flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.remotestore.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * An empty schema of its own on a test database, with a pool whose connections use it as their current schema:
 * what an application's database looks like to Flyway, without the other tests' tables (the shared test database
 * is not empty, and Flyway treats a non-empty schema differently). PostgreSQL and H2: a schema; MariaDB: a
 * database; SQLite: a database file of its own. Dropped, with everything in it, by {@link #close()}.
 */
final class FreshSchema implements AutoCloseable {
    private final TestDatabase db;
    private final String name;
    private final String url;
    private final HikariDataSource pool;
    private final List<HikariDataSource> morePools = new ArrayList<>();
    private final Path sqliteDirectory;

    private FreshSchema(TestDatabase db, String name, String url, Path sqliteDirectory) {
        this.db = db;
        this.name = name;
        this.url = url;
        this.sqliteDirectory = sqliteDirectory;
        this.pool = newPool();
    }

    /** Creates the schema (skips the test, or fails it under CI=true, when the database's server is down). */
    static FreshSchema create(TestDatabase db) throws SQLException {
        DataSource admin = db.dataSource();
        String name = TestDatabase.newTableName();
        Path sqliteDirectory = null;
        String url;
        switch (db) {
            case SQLITE -> {
                try {
                    sqliteDirectory = Files.createTempDirectory("remote-store-flyway");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                url = "jdbc:sqlite:" + sqliteDirectory.resolve(name + ".db");
            }
            case H2 -> {
                execute(admin, "CREATE SCHEMA " + name);
                url = db.url() + ";SCHEMA=" + name;
            }
            case POSTGRESQL -> {
                execute(admin, "CREATE SCHEMA " + name);
                url = db.url() + "?currentSchema=" + name;
            }
            case MARIADB -> {
                execute(admin, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                url = db.url().substring(0, db.url().length() - db.database().length()) + name;
            }
            default -> throw new IllegalArgumentException(db.name());
        }
        return new FreshSchema(db, name, url, sqliteDirectory);
    }

    private HikariDataSource newPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(4);
        config.setPoolName("fresh-" + name + "-" + (morePools.size() + 1));
        return new HikariDataSource(config);
    }

    /** Another pool on this schema, as another instance of an application has; closed with this schema. */
    synchronized DataSource anotherDataSource() {
        HikariDataSource another = newPool();
        morePools.add(another);
        return another;
    }

    /** The schema's name (lower case as given; H2 stores it in upper case). */
    String name() {
        return name;
    }

    TestDatabase database() {
        return db;
    }

    /** The JDBC URL of connections whose current schema is this one (without credentials). */
    String url() {
        return url;
    }

    /** Connections whose current schema is this one. */
    DataSource dataSource() {
        return pool;
    }

    /** The tables of this schema, names in lower case, sorted. */
    List<String> tables() throws SQLException {
        return tablesOf(name);
    }

    /** The tables of the schema {@code schema} of this database (this one's for SQLite), lower case, sorted. */
    List<String> tablesOf(String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String catalog = db == TestDatabase.MARIADB ? schema : null;
            String schemaPattern =
                    switch (db) {
                        case POSTGRESQL -> schema;
                        case H2 -> schema.toUpperCase(Locale.ROOT);
                        default -> null;
                    };
            try (ResultSet rs = md.getTables(catalog, schemaPattern, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        tables.sort(Comparator.naturalOrder());
        return tables;
    }

    /** The number of rows of {@code table} (unqualified: in this schema). */
    long count(String table) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code name} quoted for this database, so that its case is kept. */
    String quote(String name) {
        return db == TestDatabase.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
    }

    /** Drops another schema of this database, e.g. one Flyway created (nothing on SQLite). */
    void dropSchema(String schema) throws SQLException {
        switch (db) {
            case H2, POSTGRESQL -> execute(db.dataSource(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            case MARIADB -> execute(db.dataSource(), "DROP DATABASE IF EXISTS " + schema);
            default -> {}
        }
    }

    @Override
    public void close() throws SQLException {
        morePools.forEach(HikariDataSource::close);
        pool.close();
        dropSchema(name);
        if (sqliteDirectory != null) {
            try (Stream<Path> files = Files.list(sqliteDirectory)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(sqliteDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }
}

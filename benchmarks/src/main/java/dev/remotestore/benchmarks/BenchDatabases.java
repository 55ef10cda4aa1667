package dev.remotestore.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The databases the benchmarks run on: SQLite and H2 files in a directory of the run, and a benchmark database on
 * the local PostgreSQL and MariaDB servers ({@code .ci/databases}), created when missing so that a fresh machine
 * needs nothing but running servers. {@code REMOTE_STORE_PG_URL} / {@code REMOTE_STORE_MARIADB_URL} replace the
 * server URLs (then the database must exist).
 */
final class BenchDatabases {
    static final String DATABASE = "remotestore_bench";

    private BenchDatabases() {}

    /** The JDBC URL of {@code db} (sqlite, h2, postgresql, mariadb), files under {@code dir}. */
    static String url(String db, Path dir) throws SQLException {
        return switch (db) {
            case "sqlite" -> "jdbc:sqlite:" + dir.resolve("bench.db");
            case "h2" -> "jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath();
            case "postgresql" -> server(
                    "REMOTE_STORE_PG_URL",
                    "jdbc:postgresql://127.0.0.1:5432/",
                    "?user=postgres",
                    "postgres",
                    "SELECT 1 FROM pg_database WHERE datname = ?");
            case "mariadb" -> server(
                    "REMOTE_STORE_MARIADB_URL",
                    "jdbc:mariadb://127.0.0.1:3306/",
                    "?user=root",
                    "",
                    "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?");
            default -> throw new IllegalArgumentException("unknown database " + db);
        };
    }

    private static String server(String variable, String base, String user, String maintenance, String exists)
            throws SQLException {
        String url = System.getenv(variable);
        if (url != null) {
            return url;
        }
        try (Connection c = DriverManager.getConnection(base + maintenance + user)) {
            boolean found;
            try (PreparedStatement ps = c.prepareStatement(exists)) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    found = rs.next();
                }
            }
            if (!found) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
        return base + DATABASE + user;
    }
}

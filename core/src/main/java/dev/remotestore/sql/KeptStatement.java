package dev.remotestore.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One statement text kept prepared on each physical connection of a pool the backend owns, for a driver that keeps
 * no prepared statements itself (sqlite-jdbc; HikariCP deliberately caches none): preparing the same text again on
 * every call was a quarter of a SQLite blob read (profiled in {@code BlobReadBenchmark}). The statement lives on
 * the driver's own connection, so the pool neither tracks nor closes it; it is used only while the caller has that
 * connection borrowed, which an owned pool gives to one thread at a time. A statement whose use fails is closed
 * and prepared anew next time; entries of connections the pool has closed are dropped when a new one comes.
 * Thread-safe.
 */
final class KeptStatement {
    /** Work with the kept statement; it must close every result set it opens (that resets the statement). */
    @FunctionalInterface
    interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private final String sql;
    private final Map<Connection, PreparedStatement> prepared = new ConcurrentHashMap<>();

    KeptStatement(String sql) {
        this.sql = sql;
    }

    /** Runs {@code work} with the statement kept on {@code physical}, the driver's connection of a borrowed one. */
    <T> T run(Connection physical, StatementWork<T> work) throws SQLException {
        PreparedStatement ps = prepared.get(physical);
        if (ps == null || ps.isClosed()) {
            prepared.keySet().removeIf(KeptStatement::isClosed); // connections the pool has retired
            ps = physical.prepareStatement(sql);
            prepared.put(physical, ps);
        }
        try {
            return work.run(ps);
        } catch (SQLException | RuntimeException e) {
            prepared.remove(physical, ps);
            try {
                ps.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** How many connections have the statement kept (for tests). */
    int size() {
        return prepared.size();
    }

    /** Forgets every statement; the pool's closing closes them with their connections. */
    void clear() {
        prepared.clear();
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}

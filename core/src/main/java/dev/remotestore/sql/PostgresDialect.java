package dev.remotestore.sql;

import dev.remotestore.RemotePath;
import dev.remotestore.sql.format.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL: {@code bytea} data stored {@code EXTERNAL} (uncompressed TOAST), so {@code substring} fetches only
 * the chunks a slice needs; the key column is {@code COLLATE "C"}, byte order whatever the database's default
 * collation. A failed statement aborts the whole transaction on PostgreSQL, so statements that run inside a
 * caller's transaction are guarded by a savepoint.
 */
final class PostgresDialect extends SqlDialect {
    @Override
    String name() {
        return "postgresql";
    }

    @Override
    boolean isProduct(String product) {
        return product.contains("postgres");
    }

    @Override
    List<String> urlPrefixes() {
        return List.of("jdbc:postgresql:");
    }

    @Override
    String driverArtifact() {
        return "org.postgresql:postgresql";
    }

    /** Seconds, for the connection and for the login. */
    @Override
    Map<String, String> probeProperties(Duration timeout) {
        String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
        return Map.of("connectTimeout", seconds, "loginTimeout", seconds);
    }

    /** B-tree entries are limited to about 2700 bytes; stay well below. */
    @Override
    int maxKeyBytes() {
        return 2048;
    }

    /** The column may come from a table created in the database's collation: compare as "C", byte order. */
    @Override
    String byteOrderKey(String keyColumn) {
        return keyColumn + " COLLATE \"C\"";
    }

    @Override
    String slice(String column) {
        // substring(bytea, int, int): a bigint parameter would find no such function
        return "substring(" + column + " from CAST(? AS integer) for CAST(? AS integer))";
    }

    @Override
    boolean isValueTooLong(SQLException e) {
        // 54000: program_limit_exceeded ("index row size exceeds btree maximum")
        return super.isValueTooLong(e) || "54000".equals(e.getSQLState());
    }

    @Override
    boolean guardJoinedStatements() {
        return true;
    }

    /**
     * Transaction-scoped advisory locks, keyed by a 64-bit hash of table and path: shared on every ancestor,
     * exclusive on the key, taken root first in one statement (PostgreSQL evaluates the select list in order),
     * so two chains of locks never wait on each other in a cycle.
     */
    @Override
    void lockForCreate(Connection connection, String space, RemotePath key) throws SQLException {
        List<String> calls = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<RemotePath> chain = new ArrayList<>();
        for (RemotePath p = key; !p.isRoot(); p = p.parent().orElseThrow()) {
            chain.add(0, p);
        }
        for (RemotePath p : chain) {
            calls.add(p.equals(key) ? "pg_advisory_xact_lock(?)" : "pg_advisory_xact_lock_shared(?)");
            ids.add(PathLocks.hash64(space, p.toString()));
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + String.join(", ", calls))) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            ps.execute();
        }
    }

    /** Intervals as ISO 8601 text, read from the driver's {@code PGInterval}. */
    @Override
    ResultCursor.Mapped mapColumn(ResultSetMetaData md, int column, int jdbcType, String typeName) {
        if (!typeName.equals("interval")) {
            return null;
        }
        return new ResultCursor.Mapped(
                ColumnType.of(ColumnType.Kind.STRING), (rs, c) -> PostgresValues.interval(rs.getObject(c)));
    }
}

package dev.remotestore.sql;

import dev.remotestore.RemotePath;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * What differs between databases, one subclass per database: DDL, upsert, byte slices, limits and error
 * classification. Everything else in this package is written once against plain JDBC.
 */
abstract class SqlDialect {

    /** The dialect of the database behind {@code metadata}. */
    static SqlDialect detect(DatabaseMetaData metadata) throws SQLException {
        String product = metadata.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("sqlite")) {
            return new SqliteDialect();
        }
        if (product.contains("postgres")) {
            return new PostgresDialect();
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return new MariaDbDialect();
        }
        if (product.equals("h2")) {
            return new H2Dialect();
        }
        throw new IllegalArgumentException("unsupported database \"" + metadata.getDatabaseProductName()
                + "\": SqlBlobBackend supports SQLite, PostgreSQL, MariaDB/MySQL and H2");
    }

    /** The dialect's name for messages and plans: {@code sqlite}, {@code postgresql}, {@code mariadb}, {@code h2}. */
    abstract String name();

    /** An identifier (one name, already validated) quoted for this database. */
    String quote(String identifier) {
        return '"' + identifier + '"';
    }

    /**
     * The statements that create the blob table {@code table} (already quoted) if it does not exist; the key
     * compares in byte order.
     */
    abstract List<String> createTable(String table);

    /** The longest key the created table accepts, in UTF-8 bytes. */
    abstract int maxKeyBytes();

    /**
     * An insert-or-replace of one row; {@code columns} and {@code placeholders} are comma-separated, the key
     * column first.
     */
    abstract String upsert(String table, String keyColumn, List<String> columns);

    /**
     * The select expression of a slice of {@code column}; when {@link #sliceBindsRange()}, it takes two
     * parameters: the 1-based start and the length.
     */
    String slice(String column) {
        return "substring(" + column + " from ? for ?)";
    }

    /** Whether {@link #slice} binds the range as parameters (else {@link #readSlice} cuts it out). */
    boolean sliceBindsRange() {
        return true;
    }

    /**
     * Reads the slice selected by {@link #slice} from the current row of {@code rs} (column 1). {@code from} is
     * 0-based.
     */
    byte[] readSlice(ResultSet rs, long from, int length) throws SQLException {
        return rs.getBytes(1);
    }

    /** How many bytes one chunk of a large read fetches. */
    int readChunkSize() {
        return 1 << 20;
    }

    /**
     * The most content one write can carry on this database, as the server is configured (read at first
     * contact), or {@code null} where only the backend's own {@code maxBlobSize} bounds it.
     */
    Spool.Limit contentLimit(Connection connection) throws SQLException {
        return null;
    }

    /** Prepares a statement that binds a blob's content as a parameter. */
    PreparedStatement prepareContent(Connection connection, String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** An expression for the byte length of a binary column. */
    String byteLength(String column) {
        return "octet_length(" + column + ")";
    }

    /** Binds a modification time; stored as UTC without a zone. */
    void bindTimestamp(PreparedStatement ps, int index, Instant time) throws SQLException {
        ps.setObject(index, LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    /** Reads a modification time stored as UTC without a zone, or {@code null}. */
    Instant readTimestamp(ResultSet rs, int index) throws SQLException {
        LocalDateTime t = rs.getObject(index, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** Prepares a connection of a pool this backend owns or borrows, before each use (cheap). */
    void prepare(Connection connection) throws SQLException {}

    /** The driver's message of {@code e}, as fit for an exception message of this project. */
    String message(SQLException e) {
        return String.valueOf(e.getMessage());
    }

    /** Whether {@code e} reports a duplicate primary key. */
    boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** Whether {@code e} reports missing privileges. */
    boolean isPermissionDenied(SQLException e) {
        return "42501".equals(e.getSQLState());
    }

    /** Whether {@code e} reports a connection problem: the database is down, unreachable or shutting down. */
    boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }

    /** Whether {@code e} reports a value that is too long for its column (a key over the limit). */
    boolean isValueTooLong(SQLException e) {
        return "22001".equals(e.getSQLState());
    }

    /** Whether statements inside a caller's transaction should be guarded by a savepoint. */
    boolean guardJoinedStatements() {
        return false;
    }

    /**
     * Makes the session show instants in UTC where the database renders them in the session's zone; returns
     * what to give {@link #restoreSession} afterwards ({@code null}: nothing changed).
     */
    String useUtcSession(Connection connection) throws SQLException {
        return null;
    }

    /** Undoes {@link #useUtcSession}. */
    void restoreSession(Connection connection, String previous) throws SQLException {}

    /**
     * This database's own mapping of result column {@code column}, or {@code null} where the generic one of
     * {@link ResultCursor} holds.
     *
     * @param typeName the column's type name, lower case
     */
    ResultCursor.Mapped mapColumn(ResultSetMetaData md, int column, int jdbcType, String typeName) throws SQLException {
        return null;
    }

    /** Binds a date parameter of a query. */
    void bindDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        ps.setObject(index, date);
    }

    // ---- write transactions: how a creating write excludes a concurrent creator of an ancestor or a
    // descendant (WRITE-006/007 under races, CONC-005; docs/adr/007-creating-writes-under-races.md) -------------

    /** Begins a transaction of this backend's own on {@code connection} (auto-commit on). */
    void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /**
     * Takes, for the rest of the transaction, what keeps a concurrent creator of an ancestor or a descendant of
     * {@code key} waiting until this transaction ends: shared on every ancestor, exclusive on {@code key}.
     * Runs first in the transaction of a creating write, before its checks. Nothing by default.
     *
     * @param space what the locks are scoped to: the table's identity
     */
    void lockForCreate(Connection connection, String space, RemotePath key) throws SQLException {}

    /**
     * The clause that makes a read a locking read which waits for concurrent uncommitted writers of the rows
     * it meets, or {@code null}. Where it is given, a creating write checks its ancestors and its folder range
     * again after writing its row, with locking reads.
     */
    String lockingRead() {
        return null;
    }

    /**
     * Whether creating writes must also exclude each other inside this JVM ({@link PathLocks}), because the
     * database offers neither advisory locks nor locking reads that wait for uncommitted inserts.
     */
    boolean locksCreatesInProcess() {
        return false;
    }

    /**
     * Whether {@code e} reports a transaction that lost a conflict with a concurrent one (deadlock, serialization
     * failure, stale snapshot) and may simply run again.
     */
    boolean isTransientConflict(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** Whether the database names schemas through JDBC catalogs (MariaDB's databases). */
    boolean catalogsAreSchemas() {
        return false;
    }
}

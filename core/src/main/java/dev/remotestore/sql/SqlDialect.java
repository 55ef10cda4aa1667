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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between databases, one subclass per database: DDL, upsert, byte slices, limits and error
 * classification. Everything else in this package is written once against plain JDBC.
 */
abstract class SqlDialect {

    /** Every database this library supports, one dialect each. */
    private static final List<SqlDialect> ALL =
            List.of(new SqliteDialect(), new H2Dialect(), new PostgresDialect(), new MariaDbDialect());

    /**
     * The dialect of the database behind {@code metadata}.
     *
     * @param caller the class that asks, for the message
     * @throws IllegalArgumentException for a database this library does not support
     */
    static SqlDialect detect(DatabaseMetaData metadata, String caller) throws SQLException {
        String product = metadata.getDatabaseProductName();
        String lower = product.toLowerCase(Locale.ROOT);
        for (SqlDialect d : ALL) {
            if (d.isProduct(lower)) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "unsupported database \"" + product + "\": " + caller + " supports " + supported());
    }

    /** The dialect whose JDBC URLs start like {@code url}, if any: known before the first connection. */
    static Optional<SqlDialect> forUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (SqlDialect d : ALL) {
            for (String prefix : d.urlPrefixes()) {
                if (lower.startsWith(prefix)) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code SQLite, H2, PostgreSQL, MariaDB/MySQL}. */
    static String supported() {
        return "SQLite, H2, PostgreSQL, MariaDB/MySQL";
    }

    /** Whether {@code product} (the metadata's product name, lower case) is this dialect's database. */
    abstract boolean isProduct(String product);

    /** The beginnings (lower case) of this database's JDBC URLs. */
    abstract List<String> urlPrefixes();

    /** The Maven artifact of this database's JDBC driver, for messages. */
    abstract String driverArtifact();

    /**
     * The data-source properties of a pool this library owns for {@code url} (e.g. SQLite's journal mode); empty
     * by default.
     */
    Map<String, String> ownedPoolProperties(String url) {
        return Map.of();
    }

    /**
     * The connection properties of the quick first probe of an owned pool's server, bounded by {@code timeout};
     * empty (the default) for databases in this JVM, which need no probe.
     */
    Map<String, String> probeProperties(java.time.Duration timeout) {
        return Map.of();
    }

    /**
     * Whether an owned pool for {@code url} must hold exactly one connection that never closes (a private
     * in-memory database exists only as long as its one connection).
     */
    boolean ownedPoolIsOneConnection(String url) {
        return false;
    }

    /** The dialect's name for messages and plans: {@code sqlite}, {@code postgresql}, {@code mariadb}, {@code h2}. */
    abstract String name();

    /** An identifier (one name, already validated) quoted for this database. */
    String quote(String identifier) {
        return '"' + identifier + '"';
    }

    /**
     * The statements that create the blob table {@code table} (already quoted) if it does not exist: this
     * database's script of {@link BlobTableSchema}.
     */
    final List<String> createTable(String table) {
        return BlobTableSchema.statements(name(), table);
    }

    /** The longest key the created table accepts, in UTF-8 bytes. */
    abstract int maxKeyBytes();

    /**
     * An insert-or-replace of one row; {@code columns} and {@code placeholders} are comma-separated, the key
     * column first. The default is the standard-ish {@code INSERT … ON CONFLICT (key) DO UPDATE} that SQLite and
     * PostgreSQL share.
     */
    String upsert(String table, String keyColumn, List<String> columns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
        sql.append(String.join(", ", columns)).append(") VALUES (");
        sql.append(String.join(", ", Collections.nCopies(columns.size(), "?")));
        sql.append(") ON CONFLICT (").append(keyColumn).append(") DO UPDATE SET ");
        boolean first = true;
        for (String c : columns) {
            if (c.equals(keyColumn)) {
                continue;
            }
            if (!first) {
                sql.append(", ");
            }
            sql.append(c).append(" = excluded.").append(c);
            first = false;
        }
        return sql.toString();
    }

    /**
     * The key column as range predicates and orderings compare it: in byte order even where the column was
     * created with another collation (a table this library did not create). As is, by default.
     */
    String byteOrderKey(String keyColumn) {
        return keyColumn;
    }

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

    /**
     * The expression a read compares with its inline bound to pick a small object's bytes in one statement: the
     * size column ({@code null} when the table has none: the data's length).
     */
    String readBound(String sizeColumn, String dataColumn) {
        return sizeColumn != null ? sizeColumn : byteLength(dataColumn);
    }

    /** Binds a modification time; stored as UTC without a zone. */
    void bindTimestamp(PreparedStatement ps, int index, Instant time) throws SQLException {
        ps.setObject(index, LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    /** The select expression that {@link #readTimestamp} reads a timestamp {@code expression} through. */
    String timestampSelect(String expression) {
        return expression;
    }

    /** Reads a modification time stored as UTC without a zone, or {@code null}. */
    Instant readTimestamp(ResultSet rs, int index) throws SQLException {
        LocalDateTime t = rs.getObject(index, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** Prepares a connection of a pool this backend owns or borrows, before each use (cheap). */
    void prepare(Connection connection) throws SQLException {}

    /**
     * The driver's own connection behind {@code connection}, on which a backend with an owned pool keeps its hot
     * statements prepared ({@link KeptStatement}); {@code null} where the driver keeps prepared statements itself
     * (PostgreSQL, MariaDB and H2 do) and nothing is gained.
     */
    Connection statementKeeper(Connection connection) throws SQLException {
        return null;
    }

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

package dev.remotestore.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * SQLite: {@code TEXT} keys compare with the BINARY collation (memcmp of UTF-8, i.e. byte order). Timestamps are
 * stored as UTC text {@code yyyy-MM-dd HH:mm:ss.SSS}, the shape {@code CURRENT_TIMESTAMP} gives. sqlite-jdbc
 * has no incremental blob I/O: a value read or written is materialized once by the driver.
 */
final class SqliteDialect extends SqlDialect {
    /** SQLite's default busy timeout for connections this backend prepares (ms). */
    static final int BUSY_TIMEOUT_MS = 30_000;

    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Override
    String name() {
        return "sqlite";
    }

    @Override
    boolean isProduct(String product) {
        return product.contains("sqlite");
    }

    @Override
    List<String> urlPrefixes() {
        return List.of("jdbc:sqlite:");
    }

    @Override
    String driverArtifact() {
        return "org.xerial:sqlite-jdbc";
    }

    /**
     * WAL (readers never wait for the writer), synchronous=NORMAL (durable at checkpoints, safe with WAL), a busy
     * timeout, and write transactions that take the write lock when they begin, so that two of them never
     * deadlock on a lock upgrade (SQLITE_BUSY without waiting); plain reads take no explicit transaction.
     */
    @Override
    Map<String, String> ownedPoolProperties(String url) {
        return Map.of(
                "journal_mode", "WAL",
                "synchronous", "NORMAL",
                "busy_timeout", String.valueOf(BUSY_TIMEOUT_MS),
                "transaction_mode", "IMMEDIATE");
    }

    /** Each connection to a private in-memory database is a database of its own: keep exactly one. */
    @Override
    boolean ownedPoolIsOneConnection(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.contains(":memory:") || lower.contains("mode=memory");
    }

    @Override
    int maxKeyBytes() {
        return 4096;
    }

    @Override
    String slice(String column) {
        return "substr(" + column + ", ?, ?)";
    }

    /**
     * SQLite loads a whole value for every {@code substr} of it, so chunk reads cost time in proportion to
     * size × chunks: fewer, larger chunks (measured: a 50 MB read took 13.8 s in 1 MiB chunks).
     */
    @Override
    int readChunkSize() {
        return 8 << 20;
    }

    @Override
    String byteLength(String column) {
        return "length(CAST(" + column + " AS BLOB))";
    }

    /**
     * The data's own length, never the size column: SQLite keeps a row's columns in order, and reading one that
     * comes after a large blob walks the blob's overflow pages first (measured: a 1 MB read at half speed).
     * {@code length()} of a blob reads only the record header. A value stored as text counts characters here,
     * which only decides between one statement and chunks.
     */
    @Override
    String readBound(String sizeColumn, String dataColumn) {
        return "length(" + dataColumn + ")";
    }

    @Override
    void bindTimestamp(PreparedStatement ps, int index, Instant time) throws SQLException {
        ps.setString(index, WRITE.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC)));
    }

    @Override
    Instant readTimestamp(ResultSet rs, int index) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        if (value instanceof Number) {
            // sqlite-jdbc's own default for java.sql.Timestamp: epoch milliseconds
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        String text = value.toString().replace('T', ' ');
        if (text.endsWith("Z")) {
            text = text.substring(0, text.length() - 1);
        }
        return LocalDateTime.parse(text, TEXT).toInstant(ZoneOffset.UTC);
    }

    @Override
    void prepare(Connection connection) throws SQLException {
        // A pool we borrow may not have set it: concurrent writers must wait for the lock, not fail. Through the
        // driver's own API where it is sqlite-jdbc: a PRAGMA statement on every checkout cost a blob read ~10 %.
        if (connection.isWrapperFor(SQLiteConnection.class)) {
            SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
            if (sqlite.getBusyTimeout() < BUSY_TIMEOUT_MS) {
                sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
            }
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
        }
    }

    /** sqlite-jdbc keeps no prepared statements: a SQLite backend keeps its read statement on the driver's connection. */
    @Override
    Connection statementKeeper(Connection connection) throws SQLException {
        return connection.isWrapperFor(SQLiteConnection.class) ? connection.unwrap(SQLiteConnection.class) : null;
    }

    /**
     * Begins with the write lock ({@code BEGIN IMMEDIATE}) whatever the pool configured: a deferred transaction
     * that reads and then writes fails at once with {@code SQLITE_BUSY_SNAPSHOT} in WAL mode when another
     * writer committed in between, without waiting for the busy timeout. The connection's own mode is restored
     * right after the begin.
     */
    @Override
    void begin(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(SQLiteConnection.class)) {
            connection.setAutoCommit(false); // another driver: transient conflicts are retried instead
            return;
        }
        SQLiteConnectionConfig config =
                connection.unwrap(SQLiteConnection.class).getConnectionConfig();
        SQLiteConfig.TransactionMode previous = config.getTransactionMode();
        if (previous == SQLiteConfig.TransactionMode.IMMEDIATE || previous == SQLiteConfig.TransactionMode.EXCLUSIVE) {
            connection.setAutoCommit(false);
            return;
        }
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        try {
            connection.setAutoCommit(false);
        } finally {
            config.setTransactionMode(previous);
        }
    }

    /** SQLITE_BUSY_SNAPSHOT (517): a deferred transaction's snapshot went stale before it could write. */
    @Override
    boolean isTransientConflict(SQLException e) {
        return e.getErrorCode() == 517 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY_SNAPSHOT");
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
        // SQLITE_CONSTRAINT (19); extended codes 1555 (PRIMARYKEY) and 2067 (UNIQUE)
        int code = e.getErrorCode();
        String message = String.valueOf(e.getMessage());
        return (code == 19 || code == 1555 || code == 2067)
                && (message.contains("UNIQUE") || message.contains("PRIMARYKEY") || message.contains("PRIMARY KEY"));
    }

    @Override
    boolean isPermissionDenied(SQLException e) {
        return e.getErrorCode() == 3 || e.getErrorCode() == 8; // SQLITE_PERM, SQLITE_READONLY
    }

    @Override
    boolean isUnavailable(SQLException e) {
        int code = e.getErrorCode();
        // SQLITE_BUSY, SQLITE_LOCKED (after the busy timeout), SQLITE_CANTOPEN, SQLITE_IOERR
        return code == 5 || code == 6 || code == 14 || code == 10 || super.isUnavailable(e);
    }

    /** SQLite's values are checked against their declared type; see {@link SqliteValues}. */
    @Override
    ResultCursor.Mapped mapColumn(ResultSetMetaData md, int column, int jdbcType, String typeName) throws SQLException {
        return SqliteValues.map(jdbcType, typeName, md.getPrecision(column), md.getScale(column));
    }

    /** SQLite dates are ISO 8601 text. */
    @Override
    void bindDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        ps.setString(index, date.toString());
    }
}

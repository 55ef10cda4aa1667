package dev.remotestore.sql;

import dev.remotestore.sql.format.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * MariaDB / MySQL: {@code LONGBLOB} data; the key is {@code VARCHAR(768)} in {@code utf8mb4_nopad_bin} (byte
 * order, and no PAD SPACE, so {@code 'a'} and {@code 'a '} are distinct), the most an InnoDB index holds. One
 * statement, one row and any intermediate value are bounded by the server's {@code max_allowed_packet}.
 */
final class MariaDbDialect extends SqlDialect {
    @Override
    String name() {
        return "mariadb";
    }

    @Override
    boolean isProduct(String product) {
        return product.contains("mariadb") || product.contains("mysql");
    }

    @Override
    List<String> urlPrefixes() {
        return List.of("jdbc:mariadb:", "jdbc:mysql:");
    }

    @Override
    String driverArtifact() {
        return "org.mariadb.jdbc:mariadb-java-client";
    }

    /** Milliseconds. */
    @Override
    Map<String, String> probeProperties(Duration timeout) {
        return Map.of("connectTimeout", String.valueOf(Math.max(1000, timeout.toMillis())));
    }

    @Override
    String quote(String identifier) {
        return '`' + identifier + '`';
    }

    /** 768 characters of up to 4 bytes each. */
    @Override
    int maxKeyBytes() {
        return 768 * 4;
    }

    @Override
    String upsert(String table, String keyColumn, List<String> columns) {
        List<String> updates = new ArrayList<>();
        for (String c : columns) {
            if (!c.equals(keyColumn)) {
                updates.add(c + " = VALUES(" + c + ")");
            }
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ") ON DUPLICATE KEY UPDATE "
                + String.join(", ", updates);
    }

    /** Room for the statement around the content in one packet. */
    private static final long STATEMENT_ROOM = 64 * 1024;

    /**
     * One statement must fit in {@code max_allowed_packet}. MariaDB Connector/J sends the content unescaped in
     * the binary protocol ({@link #prepareContent}), so the limit holds for any bytes; another driver's text
     * protocol escapes {@code 0x00}, quotes and backslashes, which can double the content, so there the limit
     * is half.
     */
    @Override
    Spool.Limit contentLimit(Connection connection) throws SQLException {
        long packet;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@max_allowed_packet")) {
            packet = rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
        }
        long room = packet - STATEMENT_ROOM;
        if (BinaryProtocol.available(connection)) {
            return new Spool.Limit(
                    room,
                    "what one statement can carry under the server's max_allowed_packet (" + packet
                            + " bytes; raise max_allowed_packet on the server to store larger objects)");
        }
        return new Spool.Limit(
                room / 2,
                "half of the server's max_allowed_packet (" + packet + " bytes): this JDBC driver escapes content"
                        + " in its text protocol, which can double it; use MariaDB Connector/J"
                        + " (org.mariadb.jdbc:mariadb-java-client) or raise max_allowed_packet");
    }

    @Override
    PreparedStatement prepareContent(Connection connection, String sql) throws SQLException {
        return BinaryProtocol.available(connection)
                ? BinaryProtocol.prepare(connection, sql)
                : connection.prepareStatement(sql);
    }

    /**
     * MariaDB Connector/J's binary protocol, reached through its own connection class: a separate class so
     * that nothing loads the driver's classes unless the driver is there.
     */
    private static final class BinaryProtocol {
        private static final Class<?> CONNECTION = driverConnectionClass();

        private static Class<?> driverConnectionClass() {
            try {
                return Class.forName("org.mariadb.jdbc.Connection", false, MariaDbDialect.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }

        static boolean available(Connection connection) throws SQLException {
            return CONNECTION != null && connection.isWrapperFor(CONNECTION);
        }

        /** A server-side prepared statement: parameters travel as raw bytes, never escaped text. */
        static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
            return connection
                    .unwrap(org.mariadb.jdbc.Connection.class)
                    .prepareInternal(
                            sql,
                            Statement.NO_GENERATED_KEYS,
                            ResultSet.TYPE_FORWARD_ONLY,
                            ResultSet.CONCUR_READ_ONLY,
                            true);
        }
    }

    @Override
    String slice(String column) {
        return "SUBSTRING(" + column + ", ?, ?)";
    }

    @Override
    String byteLength(String column) {
        return "LENGTH(" + column + ")";
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == 1062;
    }

    @Override
    boolean isPermissionDenied(SQLException e) {
        int code = e.getErrorCode();
        return code == 1142 || code == 1044 || code == 1045 || code == 1143;
    }

    @Override
    boolean isUnavailable(SQLException e) {
        int code = e.getErrorCode();
        // 1040 too many connections, 2002/2003/2006/2013 connection lost or refused
        return code == 1040 || code == 2002 || code == 2003 || code == 2006 || code == 2013 || super.isUnavailable(e);
    }

    @Override
    boolean isValueTooLong(SQLException e) {
        return e.getErrorCode() == 1406 || super.isValueTooLong(e);
    }

    /**
     * InnoDB's locking reads see the newest row versions and wait for uncommitted inserts they meet, so a
     * creator that checks again after inserting finds a concurrent creator of an ancestor or descendant, or
     * deadlocks with it (and one of the two runs again); at any isolation level.
     */
    @Override
    String lockingRead() {
        return " LOCK IN SHARE MODE";
    }

    /** A write re-checked after its insert must be undone alone inside a caller's transaction. */
    @Override
    boolean guardJoinedStatements() {
        return true;
    }

    /** 1213: deadlock found; 1205: lock wait timeout. */
    @Override
    boolean isTransientConflict(SQLException e) {
        return e.getErrorCode() == 1213 || super.isTransientConflict(e);
    }

    private static final java.time.format.DateTimeFormatter DATETIME = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    /**
     * As text: the driver turns a {@code LocalDateTime} into a {@code java.sql.Timestamp} of the JVM's zone on the
     * way, which moves a UTC wall-clock time in that zone's daylight-saving gap by an hour.
     */
    @Override
    void bindTimestamp(PreparedStatement ps, int index, java.time.Instant time) throws SQLException {
        ps.setString(index, DATETIME.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC)));
    }

    /**
     * Selected as text ({@link #timestampSelect}) and parsed here: Connector/J 3.5 decodes a {@code DATETIME}
     * through the JVM's zone in {@code getString} and {@code getObject(LocalDateTime.class)} alike (measured:
     * 02:30 read as 03:30 in Europe/Berlin on the day its clocks go forward).
     */
    @Override
    String timestampSelect(String expression) {
        return "CAST(" + expression + " AS CHAR)";
    }

    /** The text of {@link #timestampSelect}, parsed as UTC. */
    @Override
    java.time.Instant readTimestamp(ResultSet rs, int index) throws SQLException {
        String text = rs.getString(index);
        return text == null ? null : LocalDateTime.parse(text, DATETIME).toInstant(ZoneOffset.UTC);
    }

    /** MariaDB renders TIMESTAMP values in the session's time zone: read them in UTC, then restore. */
    @Override
    String useUtcSession(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@session.time_zone")) {
            String previous = rs.next() ? rs.getString(1) : "SYSTEM";
            st.execute("SET time_zone = '+00:00'");
            return previous;
        }
    }

    @Override
    void restoreSession(Connection connection, String previous) throws SQLException {
        if (previous != null && !connection.isClosed()) {
            try (PreparedStatement ps = connection.prepareStatement("SET time_zone = ?")) {
                ps.setString(1, previous);
                ps.execute();
            }
        }
    }

    @Override
    boolean catalogsAreSchemas() {
        return true;
    }

    /** A TIMESTAMP holds an instant that MariaDB shows in the session's zone, set to UTC while a query reads. */
    @Override
    ResultCursor.Mapped mapColumn(ResultSetMetaData md, int column, int jdbcType, String typeName) {
        if (jdbcType != Types.TIMESTAMP || !typeName.equals("timestamp")) {
            return null;
        }
        return new ResultCursor.Mapped(ColumnType.of(ColumnType.Kind.TIMESTAMP_TZ), (rs, c) -> {
            LocalDateTime t = rs.getObject(c, LocalDateTime.class);
            return t == null ? null : ResultCursor.micros(t.toInstant(ZoneOffset.UTC));
        });
    }
}

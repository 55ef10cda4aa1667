package dev.remotestore.testkit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The blob table's rules ({@code docs/spec/blob-table.md}, TABLE-001…) checked against what a database reports
 * about a table: so that every creator of the table — the backend's auto-create, the Flyway migrations, a
 * user's own script — can be held to the same rules. Stateless.
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *     assertThat(BlobTableRules.violations(c, "remote_store_objects")).isEmpty();
 * }
 * }</pre>
 */
public final class BlobTableRules {
    private static final Set<Integer> CHARACTER = Set.of(
            Types.CHAR,
            Types.VARCHAR,
            Types.LONGVARCHAR,
            Types.NCHAR,
            Types.NVARCHAR,
            Types.LONGNVARCHAR,
            Types.CLOB,
            Types.NCLOB);
    private static final Set<Integer> BINARY = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);
    private static final Set<Integer> INTEGER = Set.of(Types.BIGINT, Types.INTEGER);
    /** The fewest characters a bounded key column holds (MariaDB's InnoDB index allows 768 utf8mb4 ones). */
    public static final int MIN_KEY_CHARACTERS = 768;

    private BlobTableRules() {}

    /** A column as {@link DatabaseMetaData#getColumns} reports it. */
    private record Column(String name, int type, String typeName, int size, boolean nullable, String defaultValue) {}

    /**
     * What the table {@code table} (a plain name, in the connection's current schema) breaks of the rules, each
     * as {@code "TABLE-00n: …"}; empty when it conforms.
     */
    public static List<String> violations(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
        Map<String, Column> columns = columns(c, md, table);
        List<String> v = new ArrayList<>();
        if (columns.isEmpty()) {
            v.add("TABLE-001: there is no table \"" + table + "\"");
            return v;
        }
        for (String name : List.of("key", "data", "size", "modified_at", "content_type", "digest", "extra")) {
            if (!columns.containsKey(name)) {
                v.add("TABLE-001: no column \"" + name + "\" (it has " + columns.keySet() + ")");
            }
        }
        List<String> primaryKey = primaryKey(c, md, columns.isEmpty() ? table : actualTable(c, md, table));
        if (!primaryKey.equals(List.of("key"))) {
            v.add("TABLE-002: the primary key is " + primaryKey + ", not [key]");
        }
        Column key = columns.get("key");
        if (key != null) {
            expect(v, "TABLE-003", key, CHARACTER, false, "a character type");
            boolean bounded = key.size() > 0 && key.size() < 1_000_000 && key.type() != Types.CLOB;
            if (bounded && key.size() < MIN_KEY_CHARACTERS) {
                v.add("TABLE-003: \"key\" holds " + key.size() + " characters, fewer than " + MIN_KEY_CHARACTERS);
            }
            String order = keyOrder(c, product, actualTable(c, md, table));
            if (order != null) {
                v.add("TABLE-003: \"key\" does not compare in byte order: " + order);
            }
        }
        Column data = columns.get("data");
        if (data != null) {
            expect(v, "TABLE-004", data, BINARY, false, "a binary type");
            if (product.contains("postgres")) {
                String storage = pgStorage(c, actualTable(c, md, table));
                if (!"e".equals(storage)) {
                    v.add("TABLE-004: \"data\" is not STORAGE EXTERNAL (attstorage " + storage + ")");
                }
            }
        }
        Column size = columns.get("size");
        if (size != null) {
            expect(v, "TABLE-005", size, INTEGER, false, "a 64-bit integer type");
            if (size.type() == Types.INTEGER && !product.contains("sqlite")) {
                v.add("TABLE-005: \"size\" is a 32-bit INTEGER; objects over 2 GiB need BIGINT");
            }
        }
        Column modified = columns.get("modified_at");
        if (modified != null) {
            String t = modified.typeName().toUpperCase(Locale.ROOT);
            if (modified.type() != Types.TIMESTAMP && !t.contains("TIMESTAMP") && !t.contains("DATETIME")) {
                v.add("TABLE-006: \"modified_at\" is " + modified.typeName() + ", not a timestamp without time zone");
            }
            if (t.contains("WITH TIME ZONE") || modified.type() == Types.TIMESTAMP_WITH_TIMEZONE) {
                v.add("TABLE-006: \"modified_at\" has a time zone; it holds UTC without one");
            }
            if (modified.nullable()) {
                v.add("TABLE-006: \"modified_at\" is nullable");
            }
            if (modified.defaultValue() == null) {
                v.add("TABLE-006: \"modified_at\" has no default (the current timestamp)");
            }
        }
        for (String name : List.of("content_type", "digest", "extra")) {
            Column col = columns.get(name);
            if (col != null) {
                expect(v, "TABLE-007", col, CHARACTER, true, "a nullable character type");
            }
        }
        Column digest = columns.get("digest");
        if (digest != null && digest.size() > 0 && digest.size() < 64) {
            v.add("TABLE-007: \"digest\" holds " + digest.size() + " characters; a SHA-256 hex digest has 64");
        }
        Column contentType = columns.get("content_type");
        if (contentType != null && contentType.size() > 0 && contentType.size() < 255) {
            v.add("TABLE-007: \"content_type\" holds " + contentType.size() + " characters; content types have up"
                    + " to 255");
        }
        return v;
    }

    private static void expect(
            List<String> v, String rule, Column c, Set<Integer> types, boolean nullable, String what) {
        // sqlite-jdbc reports JDBC types by affinity (a BLOB column as VARCHAR): the declared name decides there
        String name = c.typeName().toUpperCase(Locale.ROOT);
        boolean byName = types == BINARY
                ? name.contains("BLOB") || name.equals("BYTEA") || name.contains("BINARY")
                : types == CHARACTER && (name.contains("CHAR") || name.contains("TEXT") || name.contains("CLOB"));
        if (!types.contains(c.type()) && !byName || types == CHARACTER && name.contains("BLOB")) {
            v.add(rule + ": \"" + c.name() + "\" is " + c.typeName() + " (JDBC type " + c.type() + "), not " + what);
        }
        if (c.nullable() != nullable) {
            v.add(rule + ": \"" + c.name() + "\" is " + (c.nullable() ? "nullable" : "NOT NULL") + ", should be "
                    + (nullable ? "nullable" : "NOT NULL"));
        }
    }

    /** The table's name as the database stores it (H2 folds unquoted names to upper case). */
    private static String actualTable(Connection c, DatabaseMetaData md, String table) throws SQLException {
        for (String candidate : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = md.getTables(c.getCatalog(), schema(c), candidate, null)) {
                while (rs.next()) {
                    if (candidate.equals(rs.getString("TABLE_NAME"))) {
                        return candidate;
                    }
                }
            }
        }
        return table;
    }

    private static Map<String, Column> columns(Connection c, DatabaseMetaData md, String table) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        String actual = actualTable(c, md, table);
        try (ResultSet rs = md.getColumns(c.getCatalog(), schema(c), actual, null)) {
            while (rs.next()) {
                if (!actual.equals(rs.getString("TABLE_NAME"))) {
                    continue; // the name is a pattern: '_' matches any character
                }
                String name = rs.getString("COLUMN_NAME");
                columns.put(
                        name.toLowerCase(Locale.ROOT),
                        new Column(
                                name,
                                rs.getInt("DATA_TYPE"),
                                String.valueOf(rs.getString("TYPE_NAME")),
                                rs.getInt("COLUMN_SIZE"),
                                rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                                rs.getString("COLUMN_DEF")));
            }
        }
        return columns;
    }

    private static List<String> primaryKey(Connection c, DatabaseMetaData md, String table) throws SQLException {
        Map<Short, String> byPosition = new java.util.TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), schema(c), table)) {
            while (rs.next()) {
                byPosition.put(
                        rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(byPosition.values());
    }

    private static String schema(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    /** Why the key column does not compare in byte order on this database, or null when it does. */
    private static String keyOrder(Connection c, String product, String table) throws SQLException {
        if (product.contains("postgres")) {
            String collation = single(
                    c,
                    "SELECT collation_name FROM information_schema.columns WHERE table_schema = current_schema()"
                            + " AND table_name = ? AND column_name = 'key'",
                    table);
            return "C".equals(collation) || "POSIX".equals(collation)
                    ? null
                    : "collation " + (collation == null ? "(the database default)" : collation) + ", not \"C\"";
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            String collation = single(
                    c,
                    "SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                            + " AND TABLE_NAME = ? AND COLUMN_NAME = 'key'",
                    table);
            if (collation == null) {
                return null; // a binary column
            }
            return collation.equals("utf8mb4_nopad_bin") || collation.equals("binary")
                    ? null
                    : "collation " + collation + ", not utf8mb4_nopad_bin (a _bin collation with PAD SPACE makes"
                            + " 'a' equal 'a ')";
        }
        if (product.contains("sqlite")) {
            String ddl = single(c, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table);
            String upper = ddl == null ? "" : ddl.toUpperCase(Locale.ROOT);
            return upper.contains("COLLATE NOCASE") || upper.contains("COLLATE RTRIM")
                    ? "a COLLATE clause other than BINARY in: " + ddl
                    : null;
        }
        return null; // H2: VARCHAR compares by UTF-16 unit (documented in TABLE-003)
    }

    private static String pgStorage(Connection c, String table) throws SQLException {
        return single(
                c,
                "SELECT attstorage::text FROM pg_attribute WHERE attrelid = to_regclass(quote_ident(?))"
                        + " AND attname = 'data'",
                table);
    }

    private static String single(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}

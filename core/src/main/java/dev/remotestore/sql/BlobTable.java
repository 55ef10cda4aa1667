package dev.remotestore.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The blob table as this backend found it: its quoted name and the quoted names of the columns it has.
 * {@code key} and {@code data} are required; {@code size}, {@code modified_at}, {@code content_type},
 * {@code digest} and {@code extra} are used when present (null when absent). Immutable.
 */
final class BlobTable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    final String name;
    final String table;
    /** The table as the database knows it ({@code schema.table}), whatever spelling the builder was given. */
    final String identity;

    final String key;
    final String data;
    final String size;
    final String modifiedAt;
    final String contentType;
    final String digest;
    final String extra;
    /** The key column's declared length in characters, or -1 when unbounded. */
    final int keyMaxChars;

    private BlobTable(String name, String table, String identity, Map<String, String> columns, int keyMaxChars) {
        this.name = name;
        this.table = table;
        this.identity = identity;
        this.key = columns.get("key");
        this.data = columns.get("data");
        this.size = columns.get("size");
        this.modifiedAt = columns.get("modified_at");
        this.contentType = columns.get("content_type");
        this.digest = columns.get("digest");
        this.extra = columns.get("extra");
        this.keyMaxChars = keyMaxChars;
    }

    /** Rejects a table name that is not one or two plain identifiers, before it gets near SQL. */
    static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("table \"" + name
                    + "\" is not a valid table name: use letters, digits and '_', optionally schema-qualified"
                    + " (schema.table)");
        }
    }

    /**
     * Creates the table if asked and it is missing, then reads its columns from the database's metadata.
     *
     * @throws IllegalStateException naming the table and the column if the table or a required column is missing
     */
    static BlobTable open(Connection c, SqlDialect dialect, String name, boolean create) throws SQLException {
        String[] parts = name.split("\\.");
        String schema = parts.length == 2 ? parts[0] : null;
        String tableName = parts[parts.length - 1];
        boolean catalogs = dialect.catalogsAreSchemas();
        if (schema != null) {
            schema = actualSchema(c, schema, catalogs);
        }
        Map<String, Column> columns = columns(c, schema, tableName, catalogs);
        if (columns.isEmpty() && create) {
            String quotedNew = (schema == null ? "" : dialect.quote(schema) + ".") + dialect.quote(tableName);
            try (Statement st = c.createStatement()) {
                for (String ddl : dialect.createTable(quotedNew)) {
                    st.execute(ddl);
                }
            } catch (SQLException e) {
                // A concurrent creator may have won the race; the table is what matters.
                if (columns(c, schema, tableName, catalogs).isEmpty()) {
                    throw e;
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            columns = columns(c, schema, tableName, catalogs);
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("table \"" + name + "\" does not exist; create it (for example with the"
                    + " remote-store Flyway migration) or build with createTable(true)");
        }
        for (String required : List.of("key", "data")) {
            if (!columns.containsKey(required)) {
                throw new IllegalStateException("table \"" + name + "\" has no column \"" + required
                        + "\"; a blob table needs at least \"key\" and \"data\" (it has " + columns.keySet() + ")");
            }
        }
        // Quote the name the database reports: an unquoted name may have been folded (H2: upper case).
        String actualTable = columns.values().iterator().next().table;
        String quoted = (schema == null ? "" : dialect.quote(schema) + ".") + dialect.quote(actualTable);
        Map<String, String> quotedColumns = new LinkedHashMap<>();
        columns.forEach((k, v) -> quotedColumns.put(k, dialect.quote(v.name)));
        Column keyColumn = columns.get("key");
        int keyMax = keyColumn.size > 0 && keyColumn.size < 1_000_000 && keyColumn.type.contains("CHAR")
                ? keyColumn.size
                : -1;
        String owner = schema != null ? schema : catalogs ? c.getCatalog() : currentSchema(c);
        String identity = owner + "." + actualTable;
        return new BlobTable(name, quoted, identity, quotedColumns, keyMax);
    }

    private record Column(String table, String name, String type, int size) {}

    /**
     * The schema (MariaDB: database) as the database spells it: {@code name} exactly if it exists so, else the
     * one spelling that matches ignoring case (an unquoted {@code CREATE SCHEMA} folds case: H2 to upper,
     * PostgreSQL to lower), else {@code name} as given.
     */
    private static String actualSchema(Connection c, String name, boolean catalogs) throws SQLException {
        List<String> matches = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = catalogs ? md.getCatalogs() : md.getSchemas()) {
            while (rs.next()) {
                String found = rs.getString(catalogs ? "TABLE_CAT" : "TABLE_SCHEM");
                if (name.equals(found)) {
                    return found;
                }
                if (name.equalsIgnoreCase(found)) {
                    matches.add(found);
                }
            }
        }
        return matches.size() == 1 ? matches.get(0) : name;
    }

    /** The connection's current schema, or null where the driver does not tell. */
    private static String currentSchema(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    /**
     * The table's columns by lower-case name, from metadata; empty if there is no such table.
     *
     * @param catalogs whether the database names schemas through catalogs (MariaDB's databases)
     */
    private static Map<String, Column> columns(Connection c, String schema, String table, boolean catalogs)
            throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String escape = md.getSearchStringEscape();
        String catalog = catalogs && schema != null ? schema : c.getCatalog();
        String currentSchema = catalogs ? null : schema != null ? schema : currentSchema(c);
        List<String> candidates = new ArrayList<>(List.of(table));
        if (!table.equals(table.toLowerCase(Locale.ROOT))) {
            candidates.add(table.toLowerCase(Locale.ROOT));
        }
        if (!table.equals(table.toUpperCase(Locale.ROOT))) {
            candidates.add(table.toUpperCase(Locale.ROOT));
        }
        for (String candidate : candidates) {
            Map<String, Column> found = new LinkedHashMap<>();
            String pattern = escape == null ? candidate : candidate.replace("_", escape + "_");
            try (ResultSet rs = md.getColumns(catalog, currentSchema, pattern, null)) {
                while (rs.next()) {
                    if (!candidate.equals(rs.getString("TABLE_NAME"))) {
                        continue; // a metadata pattern is a LIKE pattern; keep exact names only
                    }
                    String column = rs.getString("COLUMN_NAME");
                    found.put(
                            column.toLowerCase(Locale.ROOT),
                            new Column(
                                    candidate,
                                    column,
                                    String.valueOf(rs.getString("TYPE_NAME")).toUpperCase(Locale.ROOT),
                                    rs.getInt("COLUMN_SIZE")));
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        return Map.of();
    }
}

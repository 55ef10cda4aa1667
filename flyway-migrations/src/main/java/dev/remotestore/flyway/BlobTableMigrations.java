package dev.remotestore.flyway;

import dev.remotestore.sql.BlobTableSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * What the blob table's migrations share, whichever history records them: the statements they run, the checksum
 * Flyway stores for them, and the names they accept. Stateless.
 */
final class BlobTableMigrations {
    /** One identifier, as core's blob table accepts them (letters, digits, '_'; not starting with a digit). */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private BlobTableMigrations() {}

    /**
     * The checksum of the migration that brings {@code table} to table version {@code tableVersion}: the CRC-32
     * of {@code "remote-store blob table <tableVersion> <table>"}. It never depends on the database or on this
     * library's release (the scripts may gain comments or be tuned without an application's validate failing),
     * only on what the migration promises: that version of that table.
     */
    static int checksum(int tableVersion, String table) {
        CRC32 crc = new CRC32();
        crc.update(("remote-store blob table " + tableVersion + " " + table).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /**
     * Creates the blob table {@code table} on the database of {@code connection} unless it exists (core's script
     * for that database, {@code CREATE TABLE IF NOT EXISTS}). Commits nothing: the caller's transaction decides.
     *
     * @param migration who asks (a class name), for the message of an invalid table name
     * @throws IllegalArgumentException naming {@code migration}, the table and the rule for an invalid name, or
     *     for a database the library does not support
     */
    static void createTable(Connection connection, String table, String migration) throws SQLException {
        List<String> statements;
        try {
            statements = BlobTableSchema.createStatements(connection, table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(migration + ": " + e.getMessage(), e);
        }
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /**
     * Checks a table name as core's blob table does: one or two identifiers ({@code schema.table}).
     *
     * @throws IllegalArgumentException naming {@code option}, the value and the rule
     */
    static String validateTable(String option, String table) {
        String[] parts = table == null ? new String[0] : table.split("\\.", -1);
        if (parts.length < 1
                || parts.length > 2
                || !IDENTIFIER.matcher(parts[0]).matches()
                || parts.length == 2 && !IDENTIFIER.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException(option + " \"" + table
                    + "\" is not a valid table name: use letters, digits and '_', optionally schema-qualified"
                    + " (schema.table)");
        }
        return table;
    }

    /**
     * Checks a schema or history table name: one identifier.
     *
     * @throws IllegalArgumentException naming {@code option}, the value and the rule
     */
    static String validateIdentifier(String option, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(option + " \"" + name
                    + "\" is not a valid name: use letters, digits and '_', not starting with a digit");
        }
        return name;
    }
}

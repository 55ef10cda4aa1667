package dev.remotestore.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The blob table's DDL, written once per database as a resource of this library
 * ({@code dev/remotestore/sql/schema/<database>.sql}, with the placeholder <code>${table}</code>): what
 * {@link SqlBlobBackend} runs when it creates the table, and what the Flyway module's migrations run. The table's
 * rules are {@code docs/spec/blob-table.md}. Stateless.
 */
public final class BlobTableSchema {
    /** The placeholder of the table's name in the scripts. */
    public static final String TABLE_PLACEHOLDER = "${table}";

    private BlobTableSchema() {}

    /**
     * The statements that create the blob table {@code table} on the database of {@code connection}, if it does
     * not exist yet.
     *
     * @param table the table's name, optionally schema-qualified ({@code schema.table}); letters, digits and
     *     {@code _}
     * @throws IllegalArgumentException for an invalid table name or a database this library does not support
     */
    public static List<String> createStatements(Connection connection, String table) throws SQLException {
        BlobTable.validateName(table);
        SqlDialect dialect = SqlDialect.detect(connection.getMetaData(), "BlobTableSchema");
        StringBuilder quoted = new StringBuilder();
        for (String part : table.split("\\.")) {
            if (quoted.length() > 0) {
                quoted.append('.');
            }
            quoted.append(dialect.quote(part));
        }
        return statements(dialect.name(), quoted.toString());
    }

    /** The script of {@code database} ({@code sqlite}, {@code h2}, {@code postgresql}, {@code mariadb}), as written. */
    public static String script(String database) {
        String resource = "schema/" + database + ".sql";
        try (InputStream in = BlobTableSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no blob table script for \"" + database + "\"; there are sqlite, h2, postgresql, mariadb");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource + " failed", e);
        }
    }

    /**
     * The statements of {@code database}'s script with {@code quotedTable} (already quoted for that database)
     * in place of the placeholder: comment lines dropped, split after each line that ends with {@code ;}.
     */
    static List<String> statements(String database, String quotedTable) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script(database).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line.replace(TABLE_PLACEHOLDER, quotedTable)).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return List.copyOf(statements);
    }
}

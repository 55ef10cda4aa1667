package dev.remotestore.sql.format;

import java.util.Objects;

/**
 * One column of a result.
 *
 * @param name the column's label as the query gives it
 * @param type what its values are
 * @param sourceType the database's name for its type (e.g. {@code "jsonb"}, {@code "_int4"}), for documentation
 *     and diagnostics
 */
public record Column(String name, ColumnType type, String sourceType) {
    /** Checks that nothing is missing. */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourceType, "sourceType");
    }
}

package dev.remotestore.sql.format;

import java.util.List;

/**
 * The columns of a result, in order.
 *
 * @param columns the columns; names may repeat (SQL allows it), serializers that need unique names say so
 */
public record ResultSchema(List<Column> columns) {
    /** Copies the list. */
    public ResultSchema {
        columns = List.copyOf(columns);
    }

    /** The number of columns. */
    public int size() {
        return columns.size();
    }

    /** The column at {@code index} (0-based). */
    public Column column(int index) {
        return columns.get(index);
    }
}

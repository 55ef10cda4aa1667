package dev.remotestore.sql.format;

/**
 * The rows of a result, read once, front to back, as the database streams them. Not thread-safe.
 *
 * <p>Failures (the database, or a value that its column's type cannot represent) are thrown as
 * {@link dev.remotestore.RemoteStoreException}s that name the column and row.
 */
public interface RowCursor {
    /** Moves to the next row; false when there is none. */
    boolean next();

    /**
     * The value of column {@code index} (0-based) in the current row, of the class that
     * {@link ColumnType} lists for the column's kind, or {@code null}.
     */
    Object get(int index);
}

package dev.remotestore.sql.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a result in one file format. A query backend picks the serializer by the key's extension
 * ({@link #format()}); add your own with {@code SqlQueryBackend.Builder#serializer}.
 *
 * <p>Implementations must be thread-safe (one instance serves concurrent reads) and must stream: rows arrive
 * one at a time and should leave memory once written, so that a result of any size is written with bounded
 * heap.
 */
public interface ResultSerializer {
    /** The format's name and file extension, lower case and without the dot, e.g. {@code "parquet"}. */
    String format();

    /** The media type of what {@link #write} produces, e.g. {@code "text/csv"}. */
    String contentType();

    /**
     * Writes every row of {@code rows} to {@code out}, then flushes it. Does not close {@code out}. An empty
     * result is a valid file with the schema and no rows.
     */
    void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException;
}

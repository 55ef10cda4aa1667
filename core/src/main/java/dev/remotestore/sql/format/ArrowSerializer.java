package dev.remotestore.sql.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Apache Arrow IPC, as a file ({@code .arrow}, random access, with a footer) or a stream ({@code .arrows}).
 * Types are mapped by this library, not by Arrow's {@code JdbcToArrow}, whose defaults lose precision:
 * Decimal128(p,s), Date(DAY), Time(MICROSECOND), Timestamp(MICROSECOND) with time zone {@code UTC} for instants
 * and none for wall-clock times, Utf8, Binary, List, and UUID as FixedSizeBinary(16) tagged with the canonical
 * {@code arrow.uuid} extension.
 *
 * <p>Rows are written in record batches of at most {@link #batchRows()} rows (and about 16 MiB), so memory is
 * bounded by a batch. Arrow's memory layer needs the JVM option
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}; without it, writing fails with an error that names it.
 * Immutable and thread-safe.
 */
public final class ArrowSerializer implements ResultSerializer {
    /** The JVM option Arrow's memory layer needs on Java 17 and later. */
    public static final String REQUIRED_JVM_OPTION = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private final boolean file;
    private final int batchRows;

    private ArrowSerializer(boolean file, int batchRows) {
        if (batchRows < 1) {
            throw new IllegalArgumentException("a batch needs at least one row, got " + batchRows);
        }
        this.file = file;
        this.batchRows = batchRows;
    }

    /** The IPC file format, extension {@code arrow}. */
    public static ArrowSerializer file() {
        return new ArrowSerializer(true, 8192);
    }

    /** The IPC stream format, extension {@code arrows}. */
    public static ArrowSerializer stream() {
        return new ArrowSerializer(false, 8192);
    }

    /** The same serializer with batches of at most {@code rows} rows. */
    public ArrowSerializer withBatchRows(int rows) {
        return new ArrowSerializer(file, rows);
    }

    /** The most rows in one record batch. */
    public int batchRows() {
        return batchRows;
    }

    @Override
    public String format() {
        return file ? "arrow" : "arrows";
    }

    @Override
    public String contentType() {
        return file ? "application/vnd.apache.arrow.file" : "application/vnd.apache.arrow.stream";
    }

    @Override
    public void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException {
        try {
            ArrowWriting.write(schema, rows, out, file, batchRows);
        } catch (NoClassDefFoundError e) {
            if (e.getMessage() != null && e.getMessage().contains("MemoryUtil")) {
                throw ArrowWriting.needsOption(e);
            }
            throw Libraries.missing("Arrow", "org.apache.arrow:arrow-vector and arrow-memory-unsafe", e);
        }
    }

    @Override
    public String toString() {
        return "arrow (" + (file ? "file" : "stream") + ")";
    }
}

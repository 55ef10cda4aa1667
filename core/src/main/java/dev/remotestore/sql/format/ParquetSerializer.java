package dev.remotestore.sql.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Apache Parquet through parquet-java, with no Hadoop jar at run time: pages are compressed by a codec
 * factory of this library (snappy-java, zstd-jni) and written to a plain stream. Columns carry their logical
 * types (DECIMAL(p,s), DATE, TIME and TIMESTAMP in microseconds with the UTC flag, UUID, STRING, LIST), so
 * DuckDB, pandas and Spark read the same types back. Every column is optional (nullable).
 *
 * <p>Memory: rows are buffered per row group, so heap use is bounded by {@link #rowGroupSize()} (default
 * 16 MiB) plus a page, whatever the result's size. Immutable and thread-safe.
 */
public final class ParquetSerializer implements ResultSerializer {
    /** Page compression. */
    public enum Compression {
        NONE,
        SNAPPY,
        ZSTD
    }

    /** The default row group size: small enough for small heaps, large enough for readers. */
    public static final long DEFAULT_ROW_GROUP_SIZE = 16L << 20;

    private final Compression compression;
    private final long rowGroupSize;

    private ParquetSerializer(Compression compression, long rowGroupSize) {
        this.compression = Objects.requireNonNull(compression, "compression");
        if (rowGroupSize < 1 << 16) {
            throw new IllegalArgumentException("a row group of " + rowGroupSize + " bytes is below 64 KiB");
        }
        this.rowGroupSize = rowGroupSize;
    }

    /** Snappy pages, 16 MiB row groups: what most Parquet writers default to, on a smaller heap. */
    public static ParquetSerializer create() {
        return new ParquetSerializer(Compression.SNAPPY, DEFAULT_ROW_GROUP_SIZE);
    }

    /** The same serializer with {@code compression}. */
    public ParquetSerializer withCompression(Compression compression) {
        return new ParquetSerializer(compression, rowGroupSize);
    }

    /** The same serializer with row groups of about {@code bytes} (at least 64 KiB). */
    public ParquetSerializer withRowGroupSize(long bytes) {
        return new ParquetSerializer(compression, bytes);
    }

    /** The page compression. */
    public Compression compression() {
        return compression;
    }

    /** The row group size in bytes. */
    public long rowGroupSize() {
        return rowGroupSize;
    }

    @Override
    public String format() {
        return "parquet";
    }

    @Override
    public String contentType() {
        return "application/vnd.apache.parquet";
    }

    @Override
    public void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException {
        try {
            ParquetWriting.write(schema, rows, out, compression, rowGroupSize);
        } catch (NoClassDefFoundError e) {
            throw Libraries.missing(
                    "Parquet",
                    "org.apache.parquet:parquet-hadoop and parquet-column (and org.xerial.snappy:snappy-java or com.github.luben:zstd-jni for compressed pages)",
                    e);
        }
    }

    @Override
    public String toString() {
        return "parquet (" + compression.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}

package dev.remotestore.benchmarks;

import dev.remotestore.sql.format.ArrowSerializer;
import dev.remotestore.sql.format.Column;
import dev.remotestore.sql.format.ColumnType;
import dev.remotestore.sql.format.ColumnType.Kind;
import dev.remotestore.sql.format.CsvSerializer;
import dev.remotestore.sql.format.JsonLinesSerializer;
import dev.remotestore.sql.format.ParquetSerializer;
import dev.remotestore.sql.format.ResultSchema;
import dev.remotestore.sql.format.ResultSerializer;
import dev.remotestore.sql.format.RowCursor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The serializers alone, without a database: 200,000 generated rows (bigint, md5 text, DECIMAL(14,1),
 * timestamp, boolean, double) written to a file, against DuckDB generating the same rows and writing them with
 * {@code COPY … TO 'file.parquet'} on one thread, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class SerializerBenchmark {
    static final int ROWS = 200_000;

    private static final ResultSchema SCHEMA = new ResultSchema(List.of(
            new Column("id", ColumnType.of(Kind.INT64), "bigint"),
            new Column("txt", ColumnType.of(Kind.STRING), "text"),
            new Column("amount", ColumnType.decimal(14, 1), "numeric"),
            new Column("ts", ColumnType.of(Kind.TIMESTAMP), "timestamp"),
            new Column("flag", ColumnType.of(Kind.BOOLEAN), "boolean"),
            new Column("f", ColumnType.of(Kind.FLOAT64), "float8")));

    private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

    private Path dir;
    private Connection duckdb;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        dir = Files.createTempDirectory("rs-bench-");
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = duckdb.createStatement()) {
            st.execute("SET threads = 1");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        duckdb.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** Row i of the generated result, computed as the cursor moves, as DuckDB computes its own. */
    static final class Generated implements RowCursor {
        private final MessageDigest md5;
        private final Object[] row = new Object[6];
        private long i;

        Generated() {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean next() {
            if (i == ROWS) {
                return false;
            }
            i++;
            row[0] = i;
            row[1] = HexFormat.of().formatHex(md5.digest(Long.toString(i).getBytes(StandardCharsets.UTF_8)));
            row[2] = BigDecimal.valueOf(i * 15, 1);
            row[3] = START.plusSeconds(i);
            row[4] = i % 7 == 0;
            row[5] = i * 0.25;
            return true;
        }

        @Override
        public Object get(int index) {
            return row[index];
        }
    }

    private long write(ResultSerializer serializer) throws IOException {
        Path file = dir.resolve("out." + serializer.format());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            serializer.write(SCHEMA, new Generated(), out);
        }
        return Files.size(file);
    }

    /** Baseline: DuckDB generates the same rows and writes snappy Parquet, on one thread. */
    @Benchmark
    public long duckdbParquetBaseline() throws SQLException, IOException {
        Path file = dir.resolve("duck.parquet");
        try (Statement st = duckdb.createStatement()) {
            st.execute("COPY (SELECT i::BIGINT AS id, md5(i::VARCHAR) AS txt, (i * 1.5)::DECIMAL(14,1) AS amount,"
                    + " TIMESTAMP '2024-01-01' + to_seconds(i) AS ts, i % 7 = 0 AS flag, i * 0.25 AS f"
                    + " FROM range(1, " + (ROWS + 1) + ") t(i)) TO '" + file
                    + "' (FORMAT parquet, COMPRESSION snappy)");
        }
        return Files.size(file);
    }

    @Benchmark
    public long parquet() throws IOException {
        return write(ParquetSerializer.create());
    }

    @Benchmark
    public long arrowFile() throws IOException {
        return write(ArrowSerializer.file());
    }

    @Benchmark
    public long csv() throws IOException {
        return write(new CsvSerializer());
    }

    @Benchmark
    public long jsonLines() throws IOException {
        return write(new JsonLinesSerializer());
    }
}

package dev.remotestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.remotestore.Store;
import dev.remotestore.sql.SqlQueryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Exporting a PostgreSQL table of 200,000 rows (bigint, text, numeric, timestamp, boolean, double) through a
 * query backend in each format, against two baselines of the same run: reading every row through JDBC with typed
 * getters (what any export must do at least), and receiving {@code COPY … TO STDOUT (FORMAT binary)} without
 * decoding it (the ceiling of a binary fast path). All three use the same HikariCP pool and fetch size. The PostgreSQL server of {@link BenchDatabases}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class QueryExportBenchmark {
    static final int ROWS = 200_000;
    private static final String TABLE = "rs_bench_export";
    private static final String QUERY = "SELECT * FROM " + TABLE;

    /** Whether the export reads rows ahead on a second thread ({@code SqlQueryBackend.Builder.prefetch}). */
    @Param({"false", "true"})
    public boolean prefetch;

    private String url;
    private HikariDataSource pool;
    private Store store;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        url = BenchDatabases.url("postgresql", null);
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TABLE);
            st.execute("CREATE TABLE " + TABLE + " AS SELECT g::bigint AS id, md5(g::text) AS txt,"
                    + " (g * 1.5)::numeric(14,1) AS amount, timestamp '2024-01-01' + g * interval '1 second' AS ts,"
                    + " g % 7 = 0 AS flag, g * 0.25::float8 AS f FROM generate_series(1, " + ROWS + ") g");
            st.execute("ANALYZE " + TABLE);
        }
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(2);
        SqlQueryBackend.Builder b = SqlQueryBackend.builder().dataSource(pool).prefetch(prefetch);
        for (String format : new String[] {"parquet", "arrow", "arrows", "csv", "jsonl"}) {
            b.query("export." + format, QUERY);
        }
        store = Store.of(b.build());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        store.close();
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TABLE);
        }
        pool.close();
    }

    private long export(String key) throws IOException {
        return export(store, key);
    }

    /** Reads the export {@code key} of {@code store} to its end, into nowhere; its length. */
    static long export(Store store, String key) throws IOException {
        try (InputStream in = store.read(key)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Baseline: every row through JDBC, each value read with its typed getter. */
    @Benchmark
    public long jdbcRowsBaseline(Blackhole bh) throws SQLException {
        long n = 0;
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(QUERY)) {
                ps.setFetchSize(SqlQueryBackend.Builder.DEFAULT_FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        bh.consume(rs.getLong(1));
                        bh.consume(rs.getString(2));
                        bh.consume(rs.getBigDecimal(3));
                        bh.consume(rs.getObject(4, LocalDateTime.class));
                        bh.consume(rs.getBoolean(5));
                        bh.consume(rs.getDouble(6));
                        n++;
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
        }
        return n;
    }

    /** Ceiling of a binary fast path: COPY's binary rows received, not decoded. */
    @Benchmark
    public long copyBinaryReceived() throws SQLException {
        long bytes = 0;
        try (Connection c = pool.getConnection()) {
            CopyOut out =
                    c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + QUERY + ") TO STDOUT (FORMAT binary)");
            for (byte[] row; (row = out.readFromCopy()) != null; ) {
                bytes += row.length;
            }
        }
        return bytes;
    }

    @Benchmark
    public long parquet() throws IOException {
        return export("export.parquet");
    }

    @Benchmark
    public long arrowFile() throws IOException {
        return export("export.arrow");
    }

    @Benchmark
    public long arrowStream() throws IOException {
        return export("export.arrows");
    }

    @Benchmark
    public long csv() throws IOException {
        return export("export.csv");
    }

    @Benchmark
    public long jsonLines() throws IOException {
        return export("export.jsonl");
    }
}

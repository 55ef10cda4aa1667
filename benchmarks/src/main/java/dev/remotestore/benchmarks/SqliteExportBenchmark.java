package dev.remotestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.remotestore.Store;
import dev.remotestore.sql.SqlQueryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * {@link QueryExportBenchmark}'s measure on SQLite: a table of 200,000 rows (integer, text, real, timestamp text,
 * boolean, real) exported in each format, with and without {@code prefetch}, against the bare scan of the same run
 * (every row through JDBC on the same pool, each value read by its getter).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class SqliteExportBenchmark {
    private static final String TABLE = "rs_bench_export";
    private static final String QUERY = "SELECT * FROM " + TABLE;

    @Param({"false", "true"})
    public boolean prefetch;

    private Path dir;
    private HikariDataSource pool;
    private Store store;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        dir = Files.createTempDirectory("rs-bench-sqlite-export");
        pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:sqlite:" + dir.resolve("export.db"));
        pool.setMaximumPoolSize(2);
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + TABLE + " (id INTEGER, txt TEXT, amount REAL, ts TIMESTAMP, flag BOOLEAN,"
                    + " f DOUBLE)");
            st.execute("WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < "
                    + QueryExportBenchmark.ROWS + ") INSERT INTO " + TABLE + " SELECT x, hex(randomblob(16)),"
                    + " x * 1.5, strftime('%Y-%m-%d %H:%M:%S', '2024-01-01', '+' || x || ' seconds'), x % 7 = 0,"
                    + " x * 0.25 FROM g");
        }
        SqlQueryBackend.Builder b = SqlQueryBackend.builder().dataSource(pool).prefetch(prefetch);
        for (String format : new String[] {"parquet", "arrow", "csv"}) {
            b.query("export." + format, QUERY);
        }
        store = Store.of(b.build());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        pool.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private long export(String key) throws IOException {
        return QueryExportBenchmark.export(store, key);
    }

    /** Baseline: every row through JDBC, each value read with its getter. */
    @Benchmark
    public long jdbcRowsBaseline(Blackhole bh) throws SQLException {
        long n = 0;
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(QUERY);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getLong(1));
                bh.consume(rs.getString(2));
                bh.consume(rs.getDouble(3));
                bh.consume(rs.getString(4));
                bh.consume(rs.getBoolean(5));
                bh.consume(rs.getDouble(6));
                n++;
            }
        }
        return n;
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
    public long csv() throws IOException {
        return export("export.csv");
    }
}

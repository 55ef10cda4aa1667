package dev.remotestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.remotestore.Store;
import dev.remotestore.local.LocalBackend;
import dev.remotestore.sql.SqlBlobBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
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

/**
 * Random reads of 10,000 objects of {@code size} bytes in 100 folders, three ways in the same run: through a
 * {@link SqlBlobBackend} store ({@code storeRead}), by hand — {@code SELECT data FROM t WHERE key = ?} on a HikariCP
 * pool of the same URL and size ({@code jdbcRead}, the floor any blob store pays) — and through a {@link LocalBackend}
 * store holding the same objects ({@code localRead}). The targets: store ÷ JDBC ≥ 0.95 (ops/s); SQLite store
 * ÷ local ≥ 1.35, PostgreSQL ÷ local ≥ 0.35. Run with {@code -t 1}, {@code -t 2}, {@code -t 8} for read scaling. Servers and URLs: {@link BenchDatabases}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class BlobReadBenchmark {
    /** How many objects the table holds (10,000 as the issue measures; the short profile uses fewer). */
    @Param({"10000"})
    public int objects;

    private static final String TABLE = "rs_bench_blobs";

    @Param({"sqlite", "postgresql"})
    public String db;

    @Param({"10240"})
    public int size;

    private Path dir;
    private HikariDataSource pool;
    private Store store;
    private Store local;
    private String[] keys;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        dir = Files.createTempDirectory("rs-bench-blobs");
        String url = BenchDatabases.url(db, dir);
        SqlBlobBackend backend =
                SqlBlobBackend.builder().url(url).table(TABLE).maxPoolSize(4).build();
        store = Store.of(backend);
        local = Store.of(new LocalBackend(dir.resolve("local")));
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(4);
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DELETE FROM " + TABLE);
        }
        keys = new String[objects];
        Random random = new Random(42);
        byte[] content = new byte[size];
        for (int i = 0; i < objects; i++) {
            keys[i] = "folder" + (i % 100) + "/object" + i + ".bin";
            random.nextBytes(content);
            store.write(keys[i], content);
            local.write(keys[i], content);
        }
        shuffle(keys, random);
    }

    static void shuffle(String[] keys, Random random) {
        for (int i = keys.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = keys[i];
            keys[i] = keys[j];
            keys[j] = t;
        }
    }

    /** A random key: the benchmark state is shared when JMH runs it on several threads ({@code -t 2}, {@code -t 8}). */
    private String nextKey() {
        return keys[ThreadLocalRandom.current().nextInt(keys.length)];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TABLE);
        }
        store.close();
        local.close();
        pool.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public byte[] storeRead() {
        return store.readBytes(nextKey());
    }

    @Benchmark
    public byte[] jdbcRead() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT data FROM " + TABLE + " WHERE key = ?")) {
            ps.setString(1, nextKey());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    @Benchmark
    public byte[] localRead() {
        return local.readBytes(nextKey());
    }
}

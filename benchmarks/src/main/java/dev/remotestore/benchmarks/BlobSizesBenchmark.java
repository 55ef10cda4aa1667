package dev.remotestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.sql.SqlBlobBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
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
 * Blob reads and writes through a {@link SqlBlobBackend} store against the same work by hand on a HikariCP pool of
 * the same URL and size, on every database and for objects of 1 KB to 1 MB:
 *
 * <ul>
 *   <li>{@code storeRead} ÷ {@code jdbcRead}: {@code Store.readBytes} of a random key against {@code SELECT data FROM
 *       t WHERE key = ?};
 *   <li>{@code storeWrite} ÷ {@code jdbcWrite}: {@code Store.write(key, bytes, OVERWRITE)} of an existing key against
 *       the same row written by hand in one upsert in autocommit, in the database's own syntax, every column of the
 *       store's table set as the store sets it (size, UTC time, SHA-256 digest computed from the content per write).
 * </ul>
 *
 * The store's write does more than the upsert: it keeps the file-tree rules (no file under a file, no file over a
 * folder) with a probe of the key's ancestors and descendants in the same transaction, and locks where the
 * database needs it. The population is {@code budget} bytes of objects (at least 64, at most 10,000) in up to 100
 * folders. Servers and URLs: {@link BenchDatabases}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class BlobSizesBenchmark {
    private static final String TABLE = "rs_bench_sizes";
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Param({"sqlite", "h2", "postgresql", "mariadb"})
    public String db;

    @Param({"1024", "10240", "102400", "1048576"})
    public int size;

    /** Bytes of objects written before the measurement (the short profile uses less). */
    @Param({"134217728"})
    public long budget;

    private Path dir;
    private HikariDataSource pool;
    private Store store;
    private String[] keys;
    private byte[][] contents;
    private String upsert;
    private String select;
    private String table;
    private List<String> columns;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        dir = Files.createTempDirectory("rs-bench-sizes");
        String url = BenchDatabases.url(db, dir);
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(4);
        table = quote(TABLE); // created quoted by the store: H2 would fold an unquoted name to upper case
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
        }
        store = Store.of(
                SqlBlobBackend.builder().url(url).table(TABLE).maxPoolSize(4).build());
        int objects = (int) Math.max(64, Math.min(10_000, budget / size));
        Random random = new Random(42);
        contents = new byte[4][size];
        for (byte[] content : contents) {
            random.nextBytes(content);
        }
        keys = new String[objects];
        int folders = Math.min(100, objects);
        for (int i = 0; i < objects; i++) {
            keys[i] = "folder" + (i % folders) + "/object" + i + ".bin";
            store.write(keys[i], contents[i % contents.length]);
        }
        BlobReadBenchmark.shuffle(keys, random);
        columns = columnsOfTable();
        upsert = upsertSql();
        select = "SELECT " + quote("data") + " FROM " + table + " WHERE " + quote("key") + " = ?";
        check();
    }

    /** The columns the store created, in order. */
    private List<String> columnsOfTable() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnName(i));
            }
        }
        return names;
    }

    /** The hand-written upsert of every column, in the database's own syntax. */
    private String upsertSql() {
        String list = String.join(", ", columns.stream().map(this::quote).toList());
        String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
        List<String> others =
                columns.stream().filter(c -> !c.equals("key")).map(this::quote).toList();
        String key = quote("key");
        return switch (db) {
            case "h2" -> "MERGE INTO " + table + " (" + list + ") KEY (" + key + ") VALUES (" + marks + ")";
            case "mariadb" -> "INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ") ON DUPLICATE KEY UPDATE "
                    + String.join(
                            ", ",
                            others.stream().map(c -> c + " = VALUES(" + c + ")").toList());
            default -> "INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ") ON CONFLICT (" + key
                    + ") DO UPDATE SET "
                    + String.join(
                            ", ",
                            others.stream().map(c -> c + " = excluded." + c).toList());
        };
    }

    /** An identifier as the store quotes it: back-ticks on MariaDB, double quotes elsewhere. */
    private String quote(String identifier) {
        return db.equals("mariadb") ? "`" + identifier + "`" : "\"" + identifier + "\"";
    }

    /** Both ways read what both ways wrote: the comparison is between equal work. */
    private void check() throws SQLException {
        String key = keys[0];
        byte[] a = contents[1];
        byte[] b = contents[2];
        store.write(key, a, WriteOption.OVERWRITE);
        if (!Arrays.equals(jdbcRead(key), a) || !Arrays.equals(store.readBytes(key), a)) {
            throw new IllegalStateException(db + ": the store's write does not read back by hand");
        }
        jdbcWrite(key, b);
        if (!Arrays.equals(store.readBytes(key), b)) {
            throw new IllegalStateException(db + ": the hand-written row does not read back through the store");
        }
        if (!store.getFileInfo(key).digest().orElseThrow().equals(hex(b))) {
            throw new IllegalStateException(db + ": the hand-written digest is not the store's");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
        }
        store.close();
        pool.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String nextKey() {
        return keys[ThreadLocalRandom.current().nextInt(keys.length)];
    }

    private byte[] nextContent() {
        return contents[ThreadLocalRandom.current().nextInt(contents.length)];
    }

    @Benchmark
    public byte[] storeRead() {
        return store.readBytes(nextKey());
    }

    @Benchmark
    public byte[] jdbcRead() throws SQLException {
        return jdbcRead(nextKey());
    }

    private byte[] jdbcRead(String key) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(select)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    @Benchmark
    public void storeWrite() {
        store.write(nextKey(), nextContent(), WriteOption.OVERWRITE);
    }

    @Benchmark
    public void jdbcWrite() throws SQLException {
        jdbcWrite(nextKey(), nextContent());
    }

    private void jdbcWrite(String key, byte[] content) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(upsert)) {
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            for (int i = 0; i < columns.size(); i++) {
                int p = i + 1;
                switch (columns.get(i)) {
                    case "key" -> ps.setString(p, key);
                    case "data" -> ps.setBytes(p, content);
                    case "size" -> ps.setLong(p, content.length);
                    case "modified_at" -> {
                        if (db.equals("sqlite")) {
                            ps.setString(p, SQLITE_TIME.format(now));
                        } else {
                            ps.setObject(p, now);
                        }
                    }
                    case "digest" -> ps.setString(p, hex(content));
                    case "extra" -> ps.setString(p, "{}");
                    default -> ps.setObject(p, null);
                }
            }
            ps.executeUpdate();
        }
    }

    private static String hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

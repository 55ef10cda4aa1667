package dev.remotestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.remotestore.FileInfo;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.internal.Digests;
import dev.remotestore.sql.SqlBlobBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * the same URL and size (4; the store has its own), on every database and for objects of 1 KB to 1 MB. Throughput,
 * ops/s:
 *
 * <ul>
 *   <li>{@code storeRead} ÷ {@code jdbcRead}: {@code Store.readBytes} of a random key against {@code SELECT data FROM
 *       t WHERE key = ?} prepared per call;
 *   <li>{@code storeWrite} ÷ {@code jdbcWrite}: {@code Store.write(key, bytes, OVERWRITE)} of an existing key against
 *       the same row written by hand in one upsert in autocommit, in the database's own syntax (SQLite and
 *       PostgreSQL {@code INSERT … ON CONFLICT}, MariaDB {@code ON DUPLICATE KEY UPDATE}, H2 {@code MERGE … KEY}),
 *       every column of the store's table set as the store sets it: size, UTC time, SHA-256 digest computed from the
 *       content per write, NULL content type and extra facts. Both overwrite keys of the same population with one
 *       of four pre-generated contents.
 * </ul>
 *
 * The baseline pays what the store's wire and connection settings pay, no more: on SQLite its pool has the store's
 * pool settings (WAL, {@code synchronous=NORMAL}, busy timeout), on MariaDB the upsert is a server-side prepared
 * statement as the store's write of content is. The store's write does more than the upsert: it keeps the
 * file-tree rules (no file under a file, no file over a folder) with a probe of the key's ancestors and descendants
 * in the same transaction, and locks where the database needs it.
 *
 * <p>The population is {@code budget} bytes of objects (at least 64, at most 10,000) in up to 100 folders. The
 * store creates the table and writes the first; the others are written by hand in batches (a second or a few per
 * set-up instead of 10,000 transactions). The set-up checks that both ways read the same bytes, that each reads
 * what the other wrote, and that the hand-written row equals the store's in every column but the time. Servers and
 * URLs: {@link BenchDatabases}.
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
    private static final DateTimeFormatter MARIADB_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

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
        try {
            prepare();
        } catch (SQLException | RuntimeException e) {
            // JMH runs no tear-down after a failed set-up: leave no table or files behind
            try {
                tearDown();
            } catch (IOException | SQLException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void prepare() throws SQLException {
        String url = BenchDatabases.url(db, dir);
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(4);
        if (db.equals("sqlite")) {
            // the connection settings of the store's own SQLite pool (SqliteDialect.ownedPoolProperties): without
            // them a write by hand syncs every commit (synchronous=FULL) and the store's does not
            pool.addDataSourceProperty("journal_mode", "WAL");
            pool.addDataSourceProperty("synchronous", "NORMAL");
            pool.addDataSourceProperty("busy_timeout", "30000");
            pool.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        }
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
        }
        store.write(keys[0], contents[0]); // creates the table
        columns = columnsOfTable();
        upsert = upsertSql();
        select = "SELECT " + quote("data") + " FROM " + table + " WHERE " + quote("key") + " = ?";
        populate();
        BlobReadBenchmark.shuffle(keys, random);
        check();
    }

    /**
     * Writes the objects after the first by hand, batched in transactions of about 16 MiB: 10,000 writes of the
     * store, one transaction each, took 13 s on PostgreSQL, and the set-up runs per benchmark and parameters.
     * {@link #check} then proves the hand-written row the same as the store's.
     */
    private void populate() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = prepareUpsert(c)) {
            c.setAutoCommit(false);
            long batched = 0;
            for (int i = 1; i < keys.length; i++) {
                bind(ps, keys[i], contents[i % contents.length]);
                ps.addBatch();
                batched += size;
                if (batched >= 16 << 20 || i == keys.length - 1) {
                    ps.executeBatch();
                    c.commit();
                    batched = 0;
                }
            }
            c.setAutoCommit(true);
        }
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

    /**
     * Both ways read what both ways wrote, and write the same row: the comparison is between equal work. The same
     * content written by the store and then by hand leaves every column equal but {@code modified_at}, which
     * must read back through the store as the same UTC time (a second apart at most) and, on SQLite where it is
     * text, be spelled the same way.
     */
    private void check() throws SQLException {
        String key = keys[0];
        byte[] a = contents[1];
        byte[] b = contents[2];
        if (!Arrays.equals(jdbcRead(key), store.readBytes(key))) {
            throw new IllegalStateException(db + ": the store and the hand-written read return different bytes");
        }
        store.write(key, a, WriteOption.OVERWRITE);
        if (!Arrays.equals(jdbcRead(key), a) || !Arrays.equals(store.readBytes(key), a)) {
            throw new IllegalStateException(db + ": the store's write does not read back by hand");
        }
        Map<String, Object> storeRow = row(key);
        FileInfo storeInfo = store.getFileInfo(key);
        jdbcWrite(key, a);
        Map<String, Object> handRow = row(key);
        FileInfo handInfo = store.getFileInfo(key);
        for (String column : columns) {
            Object s = storeRow.get(column);
            Object h = handRow.get(column);
            boolean same = column.equals("modified_at")
                    ? h != null && (!db.equals("sqlite") || shape(s).equals(shape(h)))
                    : Objects.deepEquals(s, h);
            if (!same) {
                throw new IllegalStateException(db + ": column " + column + " differs: the store wrote " + text(s)
                        + ", the upsert by hand " + text(h));
            }
        }
        Duration apart = Duration.between(
                storeInfo.modifiedAt().orElseThrow(), handInfo.modifiedAt().orElseThrow());
        if (!new FileInfo(
                                storeInfo.path(),
                                storeInfo.name(),
                                storeInfo.size(),
                                handInfo.modifiedAt(),
                                storeInfo.contentType(),
                                storeInfo.digest(),
                                storeInfo.extra())
                        .equals(handInfo)
                || apart.isNegative()
                || apart.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalStateException(
                    db + ": the store reads the hand-written row as " + handInfo + ", its own as " + storeInfo);
        }
        jdbcWrite(key, b);
        if (!Arrays.equals(store.readBytes(key), b)) {
            throw new IllegalStateException(db + ": the hand-written row does not read back through the store");
        }
    }

    /** Every column of {@code key}'s row: {@code data} as bytes, the others as the driver spells them. */
    private Map<String, Object> row(String key) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT * FROM " + table + " WHERE " + quote("key") + " = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(db + ": no row of " + key);
                }
                for (String column : columns) {
                    row.put(column, column.equals("data") ? rs.getBytes(column) : rs.getString(column));
                }
            }
        }
        return row;
    }

    /** A time's spelling with every digit made 0. */
    private static String shape(Object value) {
        return String.valueOf(value).replaceAll("[0-9]", "0");
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        try {
            if (table != null) {
                try (Connection c = pool.getConnection();
                        Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        } finally {
            if (store != null) {
                store.close();
            }
            if (pool != null) {
                pool.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
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
                PreparedStatement ps = prepareUpsert(c)) {
            bind(ps, key, content);
            ps.executeUpdate();
        }
    }

    /**
     * The upsert prepared as the store prepares a write of content: on MariaDB a server-side prepared statement
     * of Connector/J (binary protocol: the bytes travel raw; {@code prepareStatement} would send them as escaped
     * text, measured at less than half the store's rate for 1 MB), elsewhere {@code prepareStatement}.
     */
    private PreparedStatement prepareUpsert(Connection c) throws SQLException {
        if (!db.equals("mariadb")) {
            return c.prepareStatement(upsert);
        }
        return c.unwrap(org.mariadb.jdbc.Connection.class)
                .prepareInternal(
                        upsert,
                        Statement.NO_GENERATED_KEYS,
                        ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY,
                        true);
    }

    /**
     * Binds every column of the upsert as the store binds it: the time as text on SQLite and MariaDB and as a
     * {@code LocalDateTime} in UTC elsewhere, the SHA-256 of the content, and NULL for the content type and the
     * extra facts (none were given; the store writes no empty JSON object).
     */
    private void bind(PreparedStatement ps, String key, byte[] content) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < columns.size(); i++) {
            int p = i + 1;
            switch (columns.get(i)) {
                case "key" -> ps.setString(p, key);
                case "data" -> ps.setBytes(p, content);
                case "size" -> ps.setLong(p, content.length);
                case "modified_at" -> {
                    switch (db) {
                        case "sqlite" -> ps.setString(p, SQLITE_TIME.format(now));
                        case "mariadb" -> ps.setString(p, MARIADB_TIME.format(now));
                        default -> ps.setObject(p, now);
                    }
                }
                case "digest" -> ps.setString(p, Digests.sha256Hex(content));
                case "content_type", "extra" -> ps.setNull(p, Types.VARCHAR);
                default -> throw new IllegalStateException("column " + columns.get(i) + " is not the store's");
            }
        }
    }
}

package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.Capability;
import dev.remotestore.CapabilityNotSupportedException;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.InvalidPathException;
import dev.remotestore.ListOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.ext.CachingStore;
import dev.remotestore.memory.MemoryBackend;
import dev.remotestore.sql.format.ColumnType;
import dev.remotestore.sql.format.ParquetSerializer;
import dev.remotestore.sql.format.ResultSchema;
import dev.remotestore.sql.format.ResultSerializer;
import dev.remotestore.sql.format.RowCursor;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a query backend does beyond the types, on H2 (the rules do not depend on the database). */
@DatabaseTest
class SqlQueryBackendTest {
    private static DataSource ds;
    private static String sales;

    @BeforeAll
    static void createTables() throws SQLException {
        ds = TestDatabase.H2.dataSource();
        sales = TestDatabase.newTableName();
        exec(
                "CREATE TABLE " + sales + " (yr INT, qtr INT, region VARCHAR(20), amount DECIMAL(10,2))",
                "INSERT INTO " + sales + " VALUES (2024, 3, 'north', 10.50), (2024, 3, 'south', 20.25),"
                        + " (2024, 4, 'north', 7.00), (2023, 3, 'east', 1.00)");
    }

    private static void exec(String... statements) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static SqlQueryBackend.Builder builder() {
        return SqlQueryBackend.builder().dataSource(ds);
    }

    private static String text(Store store, String key) {
        return new String(store.readBytes(key), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("an explicit mapping runs its query and serves the rows in the key's format")
    void explicitMappingServesRows() {
        try (Store store = Store.of(builder()
                .query(
                        "reports/north.csv",
                        "SELECT region, amount FROM " + sales + " WHERE region = 'north' ORDER BY qtr")
                .build())) {
            assertThat(text(store, "reports/north.csv"))
                    .isEqualTo("\"REGION\",\"AMOUNT\"\r\n\"north\",\"10.50\"\r\n\"north\",\"7.00\"\r\n");
        }
    }

    @Test
    @DisplayName("strict mode (the default) serves explicit mappings only: a key naming a table is NotFound")
    void strictModeIgnoresTables() {
        try (Store store = Store.of(builder().query("a.csv", "SELECT 1").build())) {
            assertThatThrownBy(() -> store.readBytes(sales + ".csv"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("strict");
            assertThat(store.exists(sales + ".csv")).isFalse();
            assertThat(store.resolve(sales + ".csv").details()).containsEntry("source", "none");
        }
    }

    @Test
    @DisplayName("resolve explains source, query, format and cache key without running the query")
    void resolveDoesNotExecute() {
        try (Store store = Store.of(builder()
                .query("broken.parquet", "SELECT * FROM no_such_table_anywhere")
                .modifiedAt(Instant.parse("2025-01-01T00:00:00Z"))
                .build())) {
            ResolutionPlan plan = store.resolve("broken.parquet");
            assertThat(plan.kind()).isEqualTo("sql_query");
            assertThat(plan.details())
                    .containsEntry("source", "explicit")
                    .containsEntry("query", "SELECT * FROM no_such_table_anywhere")
                    .containsEntry("format", "parquet")
                    .containsKey("cacheKey");
            FileInfo info = store.getFileInfo("broken.parquet");
            assertThat(info.size()).isEmpty();
            assertThat(info.modifiedAt()).contains(Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(info.contentType()).contains("application/vnd.apache.parquet");
            assertThat(store.exists("broken.parquet")).isTrue();
            assertThatThrownBy(() -> store.readBytes("broken.parquet"))
                    .isInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining("NO_SUCH_TABLE_ANYWHERE")
                    .satisfies(e -> assertThat(e.getClass().getName()).startsWith("dev.remotestore"));
        }
    }

    @Test
    @DisplayName("a key pattern binds typed placeholder values as JDBC parameters and reports them")
    void patternBindsParameters() {
        try (Store store = Store.of(builder()
                .query(
                        "sales/{year:int}-Q{quarter:int}.csv",
                        "SELECT region, amount FROM " + sales + " WHERE yr = :year AND qtr = :quarter ORDER BY region")
                .build())) {
            assertThat(text(store, "sales/2024-Q3.csv"))
                    .isEqualTo("\"REGION\",\"AMOUNT\"\r\n\"north\",\"10.50\"\r\n\"south\",\"20.25\"\r\n");
            assertThat(text(store, "sales/2023-Q3.csv")).isEqualTo("\"REGION\",\"AMOUNT\"\r\n\"east\",\"1.00\"\r\n");
            assertThat(store.resolve("sales/2024-Q3.csv").details())
                    .containsEntry("parameters", Map.of("year", 2024L, "quarter", 3L))
                    .containsEntry(
                            "query",
                            "SELECT region, amount FROM " + sales + " WHERE yr = ? AND qtr = ? ORDER BY region");
            assertThatThrownBy(() -> store.readBytes("sales/2024-Qx.csv")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.readBytes("sales/2024;DROP-Q3.csv")).isInstanceOf(NotFoundException.class);
            assertThat(store.isFile("sales/2024-Q3.csv")).isTrue();
        }
    }

    @Test
    @DisplayName("a string placeholder holding SQL is bound as a value: no rows, the table intact")
    void stringPlaceholderIsBoundNotPasted() throws SQLException {
        try (Store store = Store.of(builder()
                .query("by-region/{region}.csv", "SELECT amount FROM " + sales + " WHERE region = :region")
                .build())) {
            assertThat(text(store, "by-region/north' OR '1'='1.csv")).isEqualTo("\"AMOUNT\"\r\n");
            assertThat(text(store, "by-region/x'; DROP TABLE " + sales + "; --.csv"))
                    .isEqualTo("\"AMOUNT\"\r\n");
            assertThat(text(store, "by-region/south.csv")).isEqualTo("\"AMOUNT\"\r\n\"20.25\"\r\n");
        }
        assertThat(count(sales)).isEqualTo(4);
    }

    static long count(String table) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @DisplayName("mappings from a QuerySource resolve with its name as the source")
    void querySourceMappings() {
        QuerySource named = new QuerySource() {
            @Override
            public String name() {
                return "named";
            }

            @Override
            public Map<String, String> queries() {
                return Map.of("exports/count.jsonl", "SELECT count(*) AS n FROM " + sales);
            }
        };
        try (Store store = Store.of(builder().querySource(named).build())) {
            assertThat(text(store, "exports/count.jsonl")).isEqualTo("{\"N\":4}\n");
            assertThat(store.resolve("exports/count.jsonl").details()).containsEntry("source", "named");
        }
    }

    @Test
    @DisplayName("mappings are checked at build: normal form, extension, placeholders against parameters, duplicates")
    void badMappingsAreRefusedAtBuild() {
        assertThatThrownBy(() -> builder().query("/a.csv", "SELECT 1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"/a.csv\"")
                .hasMessageContaining("normal form");
        assertThatThrownBy(() -> builder().query("a.xlsx", "SELECT 1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".xlsx")
                .hasMessageContaining(".arrow, .arrows, .csv, .jsonl, .parquet");
        assertThatThrownBy(() -> builder().query("noext", "SELECT 1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no file extension");
        assertThatThrownBy(() -> builder().query("a/{x}.csv", "SELECT 1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{x} but its query never uses :x");
        assertThatThrownBy(() -> builder().query("a/{x}.csv", "SELECT :x, :y").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses :y");
        assertThatThrownBy(() ->
                        builder().query("a/{x}.csv", "SELECT :x WHERE 1 = ?").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bare ?");
        assertThatThrownBy(() -> builder().query("a/{x:float}.csv", "SELECT :x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("string, int, decimal, date");
        assertThatThrownBy(() -> builder()
                        .query("a.csv", "SELECT 1")
                        .query("a.csv", "SELECT 2")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mapped twice");
    }

    @Test
    @DisplayName("an unknown extension on a resolvable key is InvalidPath naming the known ones")
    void unknownExtensionOnRead() {
        try (Store store = Store.of(builder().strict(false).build())) {
            assertThatThrownBy(() -> store.readBytes(sales + ".xlsx"))
                    .isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining(".xlsx")
                    .hasMessageContaining(".arrow, .arrows, .csv, .jsonl, .parquet");
        }
    }

    @Test
    @DisplayName("read-only: every writing operation is CapabilityNotSupported, and nothing runs")
    void writesAreRefused() {
        try (Store store = Store.of(builder().query("a.csv", "SELECT 1").build())) {
            assertThat(store.capabilities().contains(Capability.WRITE)).isFalse();
            assertThat(store.supports(Capability.SEEKABLE_READ)).isTrue();
            assertThatThrownBy(() -> store.write("a.csv", new byte[1]))
                    .isInstanceOf(CapabilityNotSupportedException.class);
            assertThatThrownBy(() -> store.delete("a.csv")).isInstanceOf(CapabilityNotSupportedException.class);
            assertThatThrownBy(() -> store.move("a.csv", "b.csv")).isInstanceOf(CapabilityNotSupportedException.class);
            assertThatThrownBy(() -> store.copy("a.csv", "b.csv")).isInstanceOf(CapabilityNotSupportedException.class);
        }
    }

    @Test
    @DisplayName("listing, folders and glob cover the exact mapped keys in key order; patterns are not listed")
    void listingCoversMappedKeys() {
        try (Store store = Store.of(builder()
                .query("reports/b.csv", "SELECT 1")
                .query("reports/a.parquet", "SELECT 1")
                .query("reports/daily/x.csv", "SELECT 1")
                .query("top.csv", "SELECT 1")
                .query("reports/{n}.arrow", "SELECT :n")
                .build())) {
            assertThat(paths(store.listFiles("reports"))).containsExactly("reports/a.parquet", "reports/b.csv");
            assertThat(paths(store.listFiles("", ListOption.RECURSIVE)))
                    .containsExactly("reports/a.parquet", "reports/b.csv", "reports/daily/x.csv", "top.csv");
            try (Stream<String> folders = store.listFolders("")) {
                assertThat(folders).containsExactly("reports");
            }
            assertThat(paths(store.glob("**/*.csv")))
                    .containsExactly("reports/b.csv", "reports/daily/x.csv", "top.csv");
            FolderInfo folder = store.getFolderInfo("reports");
            assertThat(folder.fileCount()).isEqualTo(3);
            assertThat(store.isFolder("reports/daily")).isTrue();
            assertThatThrownBy(() -> store.readBytes("reports")).isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> store.getFolderInfo("nothing")).isInstanceOf(NotFoundException.class);
            assertThat(store.isFile("reports/anything.arrow")).isTrue();
        }
    }

    private static List<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).toList();
        }
    }

    @Test
    @DisplayName("read returns a seekable stream; readRange serves a slice; spilled files vanish")
    void seekableReadAndSpill(@TempDir Path tmp) throws IOException {
        try (Store store = Store.of(builder()
                .query("nums.csv", "SELECT X AS n FROM SYSTEM_RANGE(1, 20000)")
                .spillThreshold(1024)
                .tempDirectory(tmp)
                .build())) {
            byte[] all = store.readBytes("nums.csv");
            assertThat(all.length).isGreaterThan(100_000);
            try (InputStream in = store.read("nums.csv")) {
                try (Stream<Path> files = Files.list(tmp)) {
                    assertThat(files)
                            .as("the spill is unlinked once the stream has it")
                            .isEmpty();
                }
                assertThat(in.markSupported()).isTrue();
                assertThat(in.skip(50_000)).isEqualTo(50_000);
                in.mark(0);
                byte[] ten = in.readNBytes(10);
                assertThat(ten).isEqualTo(java.util.Arrays.copyOfRange(all, 50_000, 50_010));
                in.reset();
                assertThat(in.readNBytes(10)).isEqualTo(ten);
                assertThat(in.skip(Long.MAX_VALUE)).isEqualTo(all.length - 50_010);
                assertThat(in.read()).isEqualTo(-1);
            }
            try (InputStream in = store.readRange("nums.csv", 1000, 25)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(all, 1000, 1025));
            }
            try (InputStream in = store.readRange("nums.csv", all.length + 5, 10)) {
                assertThat(in.readAllBytes()).isEmpty();
            }
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    @DisplayName("a failing query leaves no temporary file behind")
    void failureLeavesNoSpill(@TempDir Path tmp) throws IOException {
        try (Store store = Store.of(builder()
                .query("bad.csv", "SELECT CAST(X AS INT) / (X - 5000) FROM SYSTEM_RANGE(1, 10000)")
                .spillThreshold(16)
                .tempDirectory(tmp)
                .build())) {
            assertThatThrownBy(() -> store.readBytes("bad.csv")).isInstanceOf(RemoteStoreException.class);
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    @DisplayName("an empty result is a valid file: a header only in CSV, a schema without rows in Parquet")
    void emptyResults() throws Exception {
        try (Store store = Store.of(builder()
                .query("none.csv", "SELECT region, amount FROM " + sales + " WHERE 1 = 0")
                .query("none.parquet", "SELECT region, amount FROM " + sales + " WHERE 1 = 0")
                .build())) {
            assertThat(text(store, "none.csv")).isEqualTo("\"REGION\",\"AMOUNT\"\r\n");
            Readback.Duck duck = Readback.duckdb(store.readBytes("none.parquet"));
            assertThat(duck.rows()).isEmpty();
            assertThat(duck.types()).containsEntry("REGION", "VARCHAR").containsEntry("AMOUNT", "DECIMAL(10,2)");
        }
    }

    @Test
    @DisplayName("cache keys are deterministic over query, parameters and schema version")
    void cacheKeys() {
        String sql = "SELECT * FROM " + sales + " WHERE yr = :y";
        try (SqlQueryBackend a = builder().query("s/{y:int}.csv", sql).build();
                SqlQueryBackend b = builder().query("s/{y:int}.csv", sql).build();
                SqlQueryBackend v2 =
                        builder().query("s/{y:int}.csv", sql).schemaVersion("2").build();
                SqlQueryBackend other =
                        builder().query("s/{y:int}.csv", sql + " AND 1 = 1").build()) {
            assertThat(a.cacheKey("s/2024.csv"))
                    .isEqualTo(b.cacheKey("s/2024.csv"))
                    .hasSize(64);
            assertThat(a.cacheKey("s/2024.csv"))
                    .isNotEqualTo(a.cacheKey("s/2023.csv"))
                    .isNotEqualTo(v2.cacheKey("s/2024.csv"))
                    .isNotEqualTo(other.cacheKey("s/2024.csv"));
            assertThatThrownBy(() -> a.cacheKey("nothing.csv")).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    @DisplayName("the caching wrapper holds a query result: a second read does not run the query")
    void cachingHoldsResults() throws SQLException {
        String seq = TestDatabase.newTableName();
        exec("CREATE SEQUENCE " + seq);
        try (Store origin = Store.of(builder()
                        .query("next.csv", "SELECT NEXT VALUE FOR " + seq + " AS v")
                        .build());
                CachingStore cached = CachingStore.builder(origin, Store.of(new MemoryBackend()))
                        .build()) {
            String first = text(cached, "next.csv");
            assertThat(text(cached, "next.csv")).isEqualTo(first);
            assertThat(text(origin, "next.csv")).isNotEqualTo(first);
            assertThat(cached.stats().hits()).isEqualTo(1);
        } finally {
            exec("DROP SEQUENCE " + seq);
        }
    }

    @Test
    @DisplayName("serializers are pluggable: a user format by extension, Parquet replaced by a zstd one")
    void customSerializers() throws Exception {
        ResultSerializer tsv = new ResultSerializer() {
            @Override
            public String format() {
                return "tsv";
            }

            @Override
            public String contentType() {
                return "text/tab-separated-values";
            }

            @Override
            public void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException {
                StringBuilder sb = new StringBuilder();
                while (rows.next()) {
                    for (int i = 0; i < schema.size(); i++) {
                        sb.append(i > 0 ? "\t" : "").append(rows.get(i));
                    }
                    sb.append('\n');
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        };
        try (Store store = Store.of(builder()
                .serializer(tsv)
                .serializer(ParquetSerializer.create().withCompression(ParquetSerializer.Compression.ZSTD))
                .query("a.tsv", "SELECT region, yr FROM " + sales + " WHERE qtr = 4")
                .query("a.parquet", "SELECT region, yr FROM " + sales + " ORDER BY amount")
                .build())) {
            assertThat(text(store, "a.tsv")).isEqualTo("north\t2024\n");
            assertThat(store.getFileInfo("a.tsv").contentType()).contains("text/tab-separated-values");
            Readback.Duck duck = Readback.duckdb(store.readBytes("a.parquet"));
            assertThat(duck.rows()).hasSize(4);
            assertThat(duck.rows().get(0)).containsEntry("REGION", "east");
        }
        for (ParquetSerializer.Compression c : ParquetSerializer.Compression.values()) {
            try (Store store = Store.of(builder()
                    .serializer(ParquetSerializer.create().withCompression(c))
                    .query("c.parquet", "SELECT X AS n FROM SYSTEM_RANGE(1, 1000)")
                    .build())) {
                assertThat(Readback.duckdb(store.readBytes("c.parquet")).rows())
                        .as(c.name())
                        .hasSize(1000);
            }
        }
        assertThat(ColumnType.decimal(38, 0).toString()).isEqualTo("DECIMAL(38,0)");
    }

    @Test
    @DisplayName("a value its column cannot hold fails naming the column and row, never converted silently")
    void unrepresentableValueFails() throws SQLException {
        DataSource sqlite = TestDatabase.SQLITE.dataSource();
        String t = TestDatabase.newTableName();
        try (Connection c = sqlite.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (n INTEGER)");
            st.execute("INSERT INTO " + t + " VALUES (1), (2.5)");
        }
        try (Store store = Store.of(SqlQueryBackend.builder()
                .dataSource(sqlite)
                .query("n.parquet", "SELECT n FROM " + t + " ORDER BY n")
                .build())) {
            assertThatThrownBy(() -> store.readBytes("n.parquet"))
                    .isInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining("row 2")
                    .hasMessageContaining("column \"n\"")
                    .hasMessageContaining("REAL");
        }
    }

    @Test
    @DisplayName("repeated column names are made unique in every format: a, a_2")
    void repeatedColumnNames() throws Exception {
        try (Store store = Store.of(builder()
                .query("dup.parquet", "SELECT 1 AS \"a\", 2 AS \"a\"")
                .query("dup.csv", "SELECT 1 AS \"a\", 2 AS \"a\"")
                .query("dup.jsonl", "SELECT 1 AS \"a\", 2 AS \"a\"")
                .build())) {
            assertThat(Readback.duckdb(store.readBytes("dup.parquet")).rows().get(0))
                    .containsExactly(Map.entry("a", 1L), Map.entry("a_2", 2L));
            assertThat(text(store, "dup.csv")).isEqualTo("\"a\",\"a_2\"\r\n\"1\",\"2\"\r\n");
            assertThat(text(store, "dup.jsonl")).isEqualTo("{\"a\":1,\"a_2\":2}\n");
        }
    }

    @Test
    @DisplayName("one backend serves concurrent reads of different keys, each with its own parameters")
    void concurrentReads() throws Exception {
        try (Store store = Store.of(builder()
                .query("n/{n:int}.csv", "SELECT X AS v FROM SYSTEM_RANGE(1, :n)")
                .spillThreshold(512)
                .build())) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<Integer>> lines = new java.util.ArrayList<>();
                for (int i = 1; i <= 40; i++) {
                    int n = i * 50;
                    lines.add(pool.submit(
                            () -> (int) text(store, "n/" + n + ".csv").lines().count()));
                }
                for (int i = 1; i <= 40; i++) {
                    assertThat(lines.get(i - 1).get()).isEqualTo(i * 50 + 1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

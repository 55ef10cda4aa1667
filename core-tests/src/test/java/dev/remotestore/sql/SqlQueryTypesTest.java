package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotestore.Store;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The type mapping of docs/sql-query-backend.md on each database: a table with one row of values and one row of
 * NULLs, served as Parquet (read back by DuckDB, which also names the column types it infers), Arrow IPC file
 * and stream (read back by Arrow's readers), CSV (Commons CSV) and JSON Lines (Jackson).
 */
@DatabaseTest
class SqlQueryTypesTest {
    /** One column: its DuckDB type from Parquet, its Arrow type, its value (canonical, see Readback), its CSV text. */
    record E(String column, String duck, String arrow, Object value, String csv) {}

    /** A table on one database and what each column must come back as. */
    record Case(String ddl, List<String> inserts, String query, List<E> columns) {}

    private static final String TEXT = "héllo, \"world\"\nline2";
    private static final UUID U = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    private static final LocalDate DATE = LocalDate.of(2024, 2, 29);
    private static final LocalTime TIME = LocalTime.parse("13:45:30.123456");
    private static final LocalDateTime TS = LocalDateTime.parse("2024-02-29T13:45:30.123456");
    private static final Instant INSTANT = Instant.parse("2024-02-29T11:45:30.123456Z");
    private static final String BIN_HEX = "0x00ff10";
    private static final String BIN_B64 = Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0xff, 0x10});

    static Case caseFor(TestDatabase db, String t) {
        return switch (db) {
            case POSTGRESQL -> new Case(
                    "CREATE TABLE " + t + " (id int PRIMARY KEY, i16 smallint, i32 integer, i64 bigint,"
                            + " dec numeric(12,3), dec_big numeric(30,10), num_free numeric, f32 real,"
                            + " f64 double precision, flag boolean, txt text, bin bytea, d date, tm time,"
                            + " ts timestamp, tstz timestamptz, u uuid, j json, jb jsonb, ints integer[], texts text[],"
                            + " iv interval)",
                    List.of(
                            "INSERT INTO " + t + " VALUES (1, -32768, -2000000000, 9000000000000000000, 123456789.123,"
                                    + " 12345678901234567890.0123456789, 3.14159265358979323846264338327950288419716939937510,"
                                    + " 1.5, 0.1, true, '" + TEXT.replace("'", "''") + "', '\\x00ff10', '2024-02-29',"
                                    + " '13:45:30.123456', '2024-02-29 13:45:30.123456', '2024-02-29 13:45:30.123456+02',"
                                    + " '" + U + "', '{\"a\": 1}', '{\"b\": [1, 2]}', '{1,NULL,3}', '{\"x\",\"y z\"}',"
                                    + " '1 year 2 months 3 days 04:05:06.5')",
                            "INSERT INTO " + t + " (id) VALUES (2)"),
                    "SELECT * FROM " + t + " ORDER BY id",
                    List.of(
                            new E("id", "INTEGER", "Int(32, true)", 1L, "1"),
                            new E("i16", "SMALLINT", "Int(16, true)", -32768L, "-32768"),
                            new E("i32", "INTEGER", "Int(32, true)", -2000000000L, "-2000000000"),
                            new E("i64", "BIGINT", "Int(64, true)", 9000000000000000000L, "9000000000000000000"),
                            dec("dec", 12, 3, "123456789.123"),
                            dec("dec_big", 30, 10, "12345678901234567890.0123456789"),
                            text("num_free", "3.14159265358979323846264338327950288419716939937510"),
                            new E("f32", "FLOAT", "FloatingPoint(SINGLE)", 1.5f, "1.5"),
                            new E("f64", "DOUBLE", "FloatingPoint(DOUBLE)", 0.1d, "0.1"),
                            new E("flag", "BOOLEAN", "Bool", true, "true"),
                            text("txt", TEXT),
                            new E("bin", "BLOB", "Binary", BIN_HEX, BIN_B64),
                            date("d"),
                            time("tm"),
                            timestamp("ts"),
                            instant("tstz"),
                            uuid("u"),
                            text("j", "{\"a\": 1}"),
                            text("jb", "{\"b\": [1, 2]}"),
                            new E("ints", "INTEGER[]", "List<Int(32, true)>", "[1, NULL, 3]", "[1,null,3]"),
                            new E("texts", "VARCHAR[]", "List<Utf8>", "[x, y z]", "[\"x\",\"y z\"]"),
                            text("iv", "P1Y2M3DT4H5M6.5S")));
            case H2 -> new Case(
                    "CREATE TABLE " + t + " (id INT PRIMARY KEY, i16 SMALLINT, i32 INTEGER, i64 BIGINT,"
                            + " dec DECIMAL(12,3), dec_big NUMERIC(30,10), f32 REAL, f64 DOUBLE PRECISION, flag BOOLEAN,"
                            + " txt VARCHAR(100), bin VARBINARY(10), d DATE, tm TIME(6), ts TIMESTAMP(6),"
                            + " tstz TIMESTAMP(6) WITH TIME ZONE, u UUID, j JSON, ints INTEGER ARRAY,"
                            + " ids INTERVAL DAY TO SECOND(6), iym INTERVAL YEAR TO MONTH)",
                    List.of(
                            "INSERT INTO " + t + " VALUES (1, -32768, -2000000000, 9000000000000000000, 123456789.123,"
                                    + " 12345678901234567890.0123456789, 1.5, 0.1, TRUE, '" + TEXT.replace("'", "''")
                                    + "', X'00ff10', DATE '2024-02-29', TIME '13:45:30.123456',"
                                    + " TIMESTAMP '2024-02-29 13:45:30.123456', TIMESTAMP WITH TIME ZONE"
                                    + " '2024-02-29 13:45:30.123456+02:00', '" + U
                                    + "', JSON '{\"a\":1}', ARRAY[1, NULL, 3],"
                                    + " INTERVAL '3 04:05:06.5' DAY TO SECOND, INTERVAL '1-2' YEAR TO MONTH)",
                            "INSERT INTO " + t + " (id) VALUES (2)"),
                    "SELECT * FROM " + t + " ORDER BY id",
                    List.of(
                            new E("ID", "INTEGER", "Int(32, true)", 1L, "1"),
                            new E("I16", "SMALLINT", "Int(16, true)", -32768L, "-32768"),
                            new E("I32", "INTEGER", "Int(32, true)", -2000000000L, "-2000000000"),
                            new E("I64", "BIGINT", "Int(64, true)", 9000000000000000000L, "9000000000000000000"),
                            dec("DEC", 12, 3, "123456789.123"),
                            dec("DEC_BIG", 30, 10, "12345678901234567890.0123456789"),
                            new E("F32", "FLOAT", "FloatingPoint(SINGLE)", 1.5f, "1.5"),
                            new E("F64", "DOUBLE", "FloatingPoint(DOUBLE)", 0.1d, "0.1"),
                            new E("FLAG", "BOOLEAN", "Bool", true, "true"),
                            text("TXT", TEXT),
                            new E("BIN", "BLOB", "Binary", BIN_HEX, BIN_B64),
                            date("D"),
                            time("TM"),
                            timestamp("TS"),
                            instant("TSTZ"),
                            uuid("U"),
                            text("J", "{\"a\":1}"),
                            new E("INTS", "INTEGER[]", "List<Int(32, true)>", "[1, NULL, 3]", "[1,null,3]"),
                            text("IDS", "P3DT4H5M6.5S"),
                            text("IYM", "P1Y2M")));
            case MARIADB -> new Case(
                    "CREATE TABLE " + t + " (id INT PRIMARY KEY, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT,"
                            + " u64 BIGINT UNSIGNED, dcm DECIMAL(12,3), dcm_big DECIMAL(30,10), f32 FLOAT, f64 DOUBLE,"
                            + " flag BOOLEAN, txt TEXT, bin BLOB, d DATE, tm TIME(6), dt DATETIME(6),"
                            + " ts TIMESTAMP(6) NULL, u UUID, j JSON)",
                    List.of(
                            "SET time_zone = '+02:00'",
                            "INSERT INTO " + t + " VALUES (1, -128, -32768, -2000000000, 9000000000000000000,"
                                    + " 18446744073709551615, 123456789.123, 12345678901234567890.0123456789, 1.5, 0.1,"
                                    + " TRUE, '" + TEXT.replace("\\", "\\\\").replace("'", "''") + "', X'00ff10',"
                                    + " '2024-02-29', '13:45:30.123456', '2024-02-29 13:45:30.123456',"
                                    + " '2024-02-29 13:45:30.123456', '" + U + "', '{\"a\": 1}')",
                            "INSERT INTO " + t + " (id) VALUES (2)",
                            "SET time_zone = DEFAULT"),
                    "SELECT * FROM " + t + " ORDER BY id",
                    List.of(
                            new E("id", "INTEGER", "Int(32, true)", 1L, "1"),
                            new E("i8", "SMALLINT", "Int(16, true)", -128L, "-128"),
                            new E("i16", "SMALLINT", "Int(16, true)", -32768L, "-32768"),
                            new E("i32", "INTEGER", "Int(32, true)", -2000000000L, "-2000000000"),
                            new E("i64", "BIGINT", "Int(64, true)", 9000000000000000000L, "9000000000000000000"),
                            dec("u64", 20, 0, "18446744073709551615"),
                            dec("dcm", 12, 3, "123456789.123"),
                            dec("dcm_big", 30, 10, "12345678901234567890.0123456789"),
                            new E("f32", "FLOAT", "FloatingPoint(SINGLE)", 1.5f, "1.5"),
                            new E("f64", "DOUBLE", "FloatingPoint(DOUBLE)", 0.1d, "0.1"),
                            new E("flag", "BOOLEAN", "Bool", true, "true"),
                            text("txt", TEXT),
                            new E("bin", "BLOB", "Binary", BIN_HEX, BIN_B64),
                            date("d"),
                            time("tm"),
                            timestamp("dt"),
                            instant("ts"),
                            uuid("u"),
                            text("j", "{\"a\": 1}")));
            case SQLITE -> new Case(
                    "CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, i INTEGER, r REAL, dec DECIMAL(12,3),"
                            + " flag BOOLEAN, txt TEXT, bin BLOB, d DATE, ts TIMESTAMP, dt DATETIME, tm TIME)",
                    List.of(
                            "INSERT INTO " + t + " VALUES (1, 9000000000000000000, 0.1, 123456789.123, 1, '"
                                    + TEXT.replace("'", "''") + "', X'00ff10', '2024-02-29',"
                                    + " '2024-02-29 13:45:30.123456', '2024-02-29T13:45:30.123456', '13:45:30.123456')",
                            "INSERT INTO " + t + " (id) VALUES (2)"),
                    "SELECT *, 1 + 1 AS two FROM " + t + " ORDER BY id",
                    List.of(
                            new E("id", "BIGINT", "Int(64, true)", 1L, "1"),
                            new E("i", "BIGINT", "Int(64, true)", 9000000000000000000L, "9000000000000000000"),
                            new E("r", "DOUBLE", "FloatingPoint(DOUBLE)", 0.1d, "0.1"),
                            dec("dec", 12, 3, "123456789.123"),
                            new E("flag", "BOOLEAN", "Bool", true, "true"),
                            text("txt", TEXT),
                            new E("bin", "BLOB", "Binary", BIN_HEX, BIN_B64),
                            date("d"),
                            timestamp("ts"),
                            timestamp("dt"),
                            time("tm"),
                            new E("two", "BIGINT", "Int(64, true)", 2L, "2")));
        };
    }

    private static E dec(String c, int p, int s, String v) {
        return new E(c, "DECIMAL(" + p + "," + s + ")", "Decimal(" + p + ", " + s + ", 128)", new BigDecimal(v), v);
    }

    private static E text(String c, String v) {
        return new E(c, "VARCHAR", "Utf8", v, v);
    }

    private static E date(String c) {
        return new E(c, "DATE", "Date(DAY)", DATE, "2024-02-29");
    }

    private static E time(String c) {
        return new E(c, "TIME", "Time(MICROSECOND, 64)", TIME, "13:45:30.123456");
    }

    private static E timestamp(String c) {
        return new E(c, "TIMESTAMP", "Timestamp(MICROSECOND, null)", TS, "2024-02-29T13:45:30.123456");
    }

    private static E instant(String c) {
        return new E(
                c, "TIMESTAMP WITH TIME ZONE", "Timestamp(MICROSECOND, UTC)", INSTANT, "2024-02-29T11:45:30.123456Z");
    }

    private static E uuid(String c) {
        return new E(c, "UUID", "FixedSizeBinary(16)", U, U.toString());
    }

    /** A store serving the case's query under every format. */
    private static Store store(TestDatabase db, Case c) throws SQLException {
        DataSource ds = db.dataSource();
        try (Connection con = ds.getConnection();
                Statement st = con.createStatement()) {
            st.execute(c.ddl());
            for (String insert : c.inserts()) {
                st.execute(insert);
            }
        }
        SqlQueryBackend.Builder b = SqlQueryBackend.builder().dataSource(ds);
        for (String ext : List.of("parquet", "arrow", "arrows", "csv", "jsonl")) {
            b.query("types/all." + ext, c.query());
        }
        return Store.of(b.build());
    }

    private static void assertNullRow(Map<String, ?> row, List<E> columns) {
        for (E e : columns) {
            if (!e.column().equalsIgnoreCase("id") && !e.column().equals("two")) {
                assertThat(row.get(e.column())).as("NULL in %s", e.column()).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("Parquet: DuckDB reads every column back with its logical type and value, and NULL in every type")
    void parquetReadsBackInDuckDb(TestDatabase db) throws Exception {
        Case c = caseFor(db, TestDatabase.newTableName());
        try (Store store = store(db, c)) {
            Readback.Duck duck = Readback.duckdb(store.readBytes("types/all.parquet"));
            List<String> types = new ArrayList<>();
            List<String> expectedTypes = new ArrayList<>();
            for (E e : c.columns()) {
                types.add(e.column() + " " + duck.types().get(e.column()));
                expectedTypes.add(e.column() + " " + e.duck());
            }
            assertThat(types).containsExactlyElementsOf(expectedTypes);
            assertThat(duck.rows()).hasSize(2);
            for (E e : c.columns()) {
                assertThat(duck.rows().get(0).get(e.column())).as(e.column()).isEqualTo(e.value());
            }
            assertNullRow(duck.rows().get(1), c.columns());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName(
            "Arrow IPC file and stream: Arrow's readers see the mapped types, UUID tagged arrow.uuid, and the values")
    void arrowReadsBack(TestDatabase db) throws Exception {
        Case c = caseFor(db, TestDatabase.newTableName());
        try (Store store = store(db, c)) {
            for (boolean file : new boolean[] {true, false}) {
                Readback.Arrow arrow =
                        Readback.arrow(store.readBytes(file ? "types/all.arrow" : "types/all.arrows"), file);
                List<String> types = new ArrayList<>();
                List<String> expectedTypes = new ArrayList<>();
                for (E e : c.columns()) {
                    types.add(e.column() + " " + arrow.types().get(e.column()));
                    expectedTypes.add(e.column() + " " + e.arrow());
                    if (e.duck().equals("UUID")) {
                        assertThat(arrow.metadata().get(e.column()))
                                .containsEntry("ARROW:extension:name", "arrow.uuid");
                    }
                }
                assertThat(types).as(file ? "file" : "stream").containsExactlyElementsOf(expectedTypes);
                assertThat(arrow.rows()).hasSize(2);
                for (E e : c.columns()) {
                    assertThat(arrow.rows().get(0).get(e.column()))
                            .as(e.column())
                            .isEqualTo(e.value());
                }
                assertNullRow(arrow.rows().get(1), c.columns());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("CSV: a header row, every value as the docs spell it, quoting intact, NULL an empty unquoted field")
    void csvReadsBack(TestDatabase db) throws Exception {
        Case c = caseFor(db, TestDatabase.newTableName());
        try (Store store = store(db, c)) {
            byte[] bytes = store.readBytes("types/all.csv");
            List<Map<String, String>> rows = Readback.csv(bytes);
            assertThat(rows).hasSize(2);
            for (E e : c.columns()) {
                assertThat(rows.get(0).get(e.column())).as(e.column()).isEqualTo(e.csv());
            }
            assertNullRow(rows.get(1), c.columns());
            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\r\n");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("JSON Lines: one object per row, exact decimals as numbers, NULL as null")
    void jsonLinesReadBack(TestDatabase db) throws Exception {
        Case c = caseFor(db, TestDatabase.newTableName());
        try (Store store = store(db, c)) {
            List<String> lines = new String(store.readBytes("types/all.jsonl"), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            assertThat(lines).hasSize(2);
            ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            JsonNode first = json.readTree(lines.get(0));
            JsonNode second = json.readTree(lines.get(1));
            for (E e : c.columns()) {
                JsonNode v = first.get(e.column());
                assertThat(v).as(e.column()).isNotNull();
                if (e.value() instanceof BigDecimal d) {
                    assertThat(v.isNumber()).as(e.column()).isTrue();
                    assertThat(new BigDecimal(v.asText())).as(e.column()).isEqualByComparingTo(d);
                } else if (e.value() instanceof Long l) {
                    assertThat(v.asLong()).as(e.column()).isEqualTo(l);
                } else if (e.value() instanceof String s
                        && e.arrow().equals("Utf8")
                        && !e.column().startsWith("j")
                        && !e.column().startsWith("J")) {
                    assertThat(v.asText()).as(e.column()).isEqualTo(s);
                }
                if (!e.column().equalsIgnoreCase("id") && !e.column().equals("two")) {
                    assertThat(second.get(e.column()).isNull())
                            .as("NULL in %s", e.column())
                            .isTrue();
                }
            }
            assertThat(HexFormat.of()
                            .formatHex(Base64.getDecoder()
                                    .decode(first.get(c.columns().stream()
                                                    .filter(e -> e.duck().equals("BLOB"))
                                                    .findFirst()
                                                    .orElseThrow()
                                                    .column())
                                            .asText())))
                    .isEqualTo("00ff10");
        }
    }
}

package dev.remotestore.sql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Independent readers for what a query backend serves: DuckDB for Parquet, Arrow's own readers for IPC,
 * Commons CSV for CSV. Each returns rows as column → canonical value: Long for integers, BigDecimal, Float,
 * Double, Boolean, String, {@code 0x…} hex for binary, LocalDate, LocalTime, LocalDateTime, Instant, UUID, and
 * lists as text {@code [1, NULL, 3]}.
 */
final class Readback {
    private Readback() {}

    /** A Parquet file as DuckDB sees it. */
    record Duck(Map<String, String> types, List<Map<String, Object>> rows) {}

    static Duck duckdb(byte[] parquet) throws IOException, SQLException {
        Path file = Files.createTempFile("readback-", ".parquet");
        try {
            Files.write(file, parquet);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement st = c.createStatement()) {
                String source = "read_parquet('" + file.toString().replace("'", "''") + "')";
                Map<String, String> types = new LinkedHashMap<>();
                try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                    while (rs.next()) {
                        types.put(rs.getString("column_name"), rs.getString("column_type"));
                    }
                }
                List<String> select = new ArrayList<>();
                for (Map.Entry<String, String> t : types.entrySet()) {
                    String col = "\"" + t.getKey().replace("\"", "\"\"") + "\"";
                    if (t.getValue().equals("TIMESTAMP WITH TIME ZONE")) {
                        select.add("epoch_us(" + col + ")");
                    } else if (t.getValue().endsWith("[]")) {
                        select.add("CAST(" + col + " AS VARCHAR)");
                    } else {
                        select.add(col);
                    }
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT " + String.join(", ", select) + " FROM " + source)) {
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        int i = 1;
                        for (Map.Entry<String, String> t : types.entrySet()) {
                            row.put(t.getKey(), duckValue(rs, i++, t.getValue()));
                        }
                        rows.add(row);
                    }
                }
                return new Duck(types, rows);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Rows of a Parquet file counted by DuckDB. */
    static long duckdbCount(Path parquet) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Object duckValue(ResultSet rs, int i, String type) throws SQLException {
        if (rs.getObject(i) == null) {
            return null;
        }
        if (type.startsWith("DECIMAL")) {
            return rs.getBigDecimal(i);
        }
        return switch (type) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" -> rs.getLong(i);
            case "FLOAT" -> rs.getFloat(i);
            case "DOUBLE" -> rs.getDouble(i);
            case "BOOLEAN" -> rs.getBoolean(i);
            case "BLOB" -> "0x" + HexFormat.of().formatHex(rs.getBytes(i));
            case "DATE" -> LocalDate.parse(rs.getString(i));
            case "TIME" -> LocalTime.parse(rs.getString(i));
            case "TIMESTAMP" -> LocalDateTime.parse(rs.getString(i).replace(' ', 'T'));
            case "TIMESTAMP WITH TIME ZONE" -> Instant.EPOCH.plus(rs.getLong(i), ChronoUnit.MICROS);
            case "UUID" -> UUID.fromString(rs.getString(i));
            default -> rs.getString(i);
        };
    }

    /** An Arrow IPC file or stream: field types and rows. */
    record Arrow(
            Map<String, String> types, Map<String, Map<String, String>> metadata, List<Map<String, Object>> rows) {}

    static Arrow arrow(byte[] ipc, boolean file) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = file
                        ? new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(ipc), allocator)
                        : new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Map<String, String> types = new LinkedHashMap<>();
            Map<String, Map<String, String>> metadata = new LinkedHashMap<>();
            for (Field f : root.getSchema().getFields()) {
                types.put(
                        f.getName(),
                        f.getType().toString()
                                + (f.getChildren().isEmpty()
                                        ? ""
                                        : "<" + f.getChildren().get(0).getType() + ">"));
                metadata.put(f.getName(), f.getMetadata());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            while (reader.loadNextBatch()) {
                for (int r = 0; r < root.getRowCount(); r++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (FieldVector v : root.getFieldVectors()) {
                        row.put(v.getName(), arrowValue(v, r));
                    }
                    rows.add(row);
                }
            }
            return new Arrow(types, metadata, rows);
        }
    }

    private static Object arrowValue(FieldVector v, int r) {
        if (v.isNull(r)) {
            return null;
        }
        if (v instanceof SmallIntVector || v instanceof IntVector || v instanceof BigIntVector) {
            return ((Number) v.getObject(r)).longValue();
        }
        if (v instanceof DecimalVector d) {
            return d.getObject(r);
        }
        if (v instanceof Float4Vector || v instanceof Float8Vector || v instanceof BitVector) {
            return v.getObject(r);
        }
        if (v instanceof VarCharVector s) {
            return s.getObject(r).toString();
        }
        if (v instanceof VarBinaryVector b) {
            return "0x" + HexFormat.of().formatHex(b.get(r));
        }
        if (v instanceof DateDayVector d) {
            return LocalDate.ofEpochDay(d.get(r));
        }
        if (v instanceof TimeMicroVector t) {
            return LocalTime.ofNanoOfDay(t.get(r) * 1000);
        }
        if (v instanceof TimeStampMicroTZVector t) {
            return Instant.EPOCH.plus(t.get(r), ChronoUnit.MICROS);
        }
        if (v instanceof TimeStampMicroVector t) {
            return t.getObject(r);
        }
        if (v instanceof FixedSizeBinaryVector f) {
            ByteBuffer b = ByteBuffer.wrap(f.get(r));
            return new UUID(b.getLong(), b.getLong());
        }
        if (v instanceof ListVector l) {
            List<?> values = l.getObject(r);
            List<String> parts = new ArrayList<>();
            for (Object e : values) {
                parts.add(e == null ? "NULL" : e.toString());
            }
            return "[" + String.join(", ", parts) + "]";
        }
        throw new AssertionError("no reader for " + v.getClass());
    }

    /** A CSV file: header, then records; an unquoted empty field is null, a quoted one the empty string. */
    static List<Map<String, String>> csv(byte[] csv) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .setNullString("")
                .get();
        List<Map<String, String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(csv, StandardCharsets.UTF_8)), format)) {
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String name : parser.getHeaderNames()) {
                    row.put(name, record.get(name));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Canonical value of a BigDecimal for comparisons that ignore trailing zeros of the scale. */
    static BigDecimal plain(Object v) {
        return new BigDecimal(v.toString());
    }
}

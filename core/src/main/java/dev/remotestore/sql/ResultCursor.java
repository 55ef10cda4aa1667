package dev.remotestore.sql;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.sql.format.Column;
import dev.remotestore.sql.format.ColumnType;
import dev.remotestore.sql.format.ColumnType.Kind;
import dev.remotestore.sql.format.ResultSchema;
import dev.remotestore.sql.format.RowCursor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * A JDBC result as a {@link RowCursor}: maps each column's JDBC type to a {@link ColumnType} (the table in
 * {@code docs/sql-query-backend.md}) and reads every value as that type's Java class. A value the type cannot
 * hold exactly fails with the column, row and value named, never converted into something else. Not
 * thread-safe.
 */
final class ResultCursor implements RowCursor {
    /** Reads one column of the current row. */
    @FunctionalInterface
    interface Reader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    private final ResultSet rs;
    private final ResultSchema schema;
    private final Reader[] readers;
    private final Object[] row;
    private final Function<SQLException, RemoteStoreException> failure;
    private final Function<String, RemoteStoreException> invalid;
    private long rowNumber;

    private ResultCursor(
            ResultSet rs,
            ResultSchema schema,
            Reader[] readers,
            Function<SQLException, RemoteStoreException> failure,
            Function<String, RemoteStoreException> invalid) {
        this.rs = rs;
        this.schema = schema;
        this.readers = readers;
        this.row = new Object[readers.length];
        this.failure = failure;
        this.invalid = invalid;
    }

    /**
     * @param failure maps a database failure to the API's exception
     * @param invalid makes the exception for a value its column cannot hold
     */
    static ResultCursor open(
            ResultSet rs,
            SqlDialect dialect,
            Function<SQLException, RemoteStoreException> failure,
            Function<String, RemoteStoreException> invalid)
            throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        Reader[] readers = new Reader[n];
        for (int i = 1; i <= n; i++) {
            Mapped m = map(md, i, dialect);
            String name = md.getColumnLabel(i);
            columns.add(new Column(name == null ? "" : name, m.type(), sourceType(md, i)));
            readers[i - 1] = m.reader();
        }
        return new ResultCursor(rs, new ResultSchema(columns), readers, failure, invalid);
    }

    ResultSchema schema() {
        return schema;
    }

    @Override
    public boolean next() {
        try {
            if (!rs.next()) {
                return false;
            }
        } catch (SQLException e) {
            throw failure.apply(e);
        }
        rowNumber++;
        for (int i = 0; i < readers.length; i++) {
            try {
                row[i] = readers[i].read(rs, i + 1);
            } catch (SQLException | RuntimeException e) {
                Column c = schema.column(i);
                String value = safeText(i + 1);
                throw invalid.apply("row " + rowNumber + ", column \"" + c.name() + "\" (" + c.sourceType() + " as "
                        + c.type() + "): " + (value == null ? "" : "the value " + value + " ") + "cannot be read as "
                        + c.type() + ": " + e.getMessage());
            }
        }
        return true;
    }

    private String safeText(int column) {
        try {
            String s = rs.getString(column);
            return s == null ? null : "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Object get(int index) {
        return row[index];
    }

    // ---- type mapping --------------------------------------------------------------------------------------

    record Mapped(ColumnType type, Reader reader) {}

    private static String sourceType(ResultSetMetaData md, int i) throws SQLException {
        String name = md.getColumnTypeName(i);
        return name == null || name.isEmpty() ? "untyped" : name;
    }

    /**
     * The mapping of column {@code i}: UUID and JSON by name, then the dialect's own rules
     * ({@link SqlDialect#mapColumn}), then intervals, arrays and the JDBC type.
     */
    static Mapped map(ResultSetMetaData md, int i, SqlDialect dialect) throws SQLException {
        int jdbc = md.getColumnType(i);
        String typeName = sourceType(md, i).toLowerCase(Locale.ROOT);
        boolean signed = md.isSigned(i);
        if (typeName.equals("uuid")) {
            return new Mapped(ColumnType.of(Kind.UUID), ResultCursor::uuid);
        }
        if (typeName.equals("json") || typeName.equals("jsonb")) {
            return new Mapped(ColumnType.of(Kind.JSON), ResultSet::getString);
        }
        Mapped own = dialect.mapColumn(md, i, jdbc, typeName);
        if (own != null) {
            return own;
        }
        if (typeName.equals("interval") || typeName.startsWith("interval ")) {
            return new Mapped(ColumnType.of(Kind.STRING), (rs, c) -> interval(rs, c, typeName));
        }
        if (jdbc == Types.ARRAY) {
            return array(typeName);
        }
        return switch (jdbc) {
            case Types.BOOLEAN -> new Mapped(ColumnType.of(Kind.BOOLEAN), ResultCursor::bool);
            case Types.BIT -> md.getPrecision(i) <= 1
                    ? new Mapped(ColumnType.of(Kind.BOOLEAN), ResultCursor::bool)
                    : new Mapped(ColumnType.of(Kind.BINARY), ResultSet::getBytes);
            case Types.TINYINT -> new Mapped(ColumnType.of(Kind.INT16), ResultCursor::int16);
            case Types.SMALLINT -> signed
                    ? new Mapped(ColumnType.of(Kind.INT16), ResultCursor::int16)
                    : new Mapped(ColumnType.of(Kind.INT32), ResultCursor::int32);
            case Types.INTEGER -> signed
                    ? new Mapped(ColumnType.of(Kind.INT32), ResultCursor::int32)
                    : new Mapped(ColumnType.of(Kind.INT64), ResultCursor::int64);
            case Types.BIGINT -> signed ? new Mapped(ColumnType.of(Kind.INT64), ResultCursor::int64) : decimal(20, 0);
            case Types.REAL -> new Mapped(ColumnType.of(Kind.FLOAT32), ResultCursor::float32);
            case Types.FLOAT, Types.DOUBLE -> new Mapped(ColumnType.of(Kind.FLOAT64), ResultCursor::float64);
            case Types.NUMERIC, Types.DECIMAL -> numeric(md.getPrecision(i), md.getScale(i));
            case Types.CHAR,
                    Types.VARCHAR,
                    Types.LONGVARCHAR,
                    Types.NCHAR,
                    Types.NVARCHAR,
                    Types.LONGNVARCHAR,
                    Types.CLOB,
                    Types.NCLOB -> new Mapped(ColumnType.of(Kind.STRING), ResultSet::getString);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> new Mapped(
                    ColumnType.of(Kind.BINARY), ResultSet::getBytes);
            case Types.DATE -> typeName.equals("year")
                    ? new Mapped(ColumnType.of(Kind.INT16), ResultCursor::int16)
                    : new Mapped(ColumnType.of(Kind.DATE), (rs, c) -> rs.getObject(c, LocalDate.class));
            case Types.TIME -> typeName.equals("timetz")
                    ? new Mapped(ColumnType.of(Kind.STRING), ResultSet::getString)
                    : new Mapped(ColumnType.of(Kind.TIME), ResultCursor::time);
            case Types.TIMESTAMP -> timestamp(typeName);
            case Types.TIMESTAMP_WITH_TIMEZONE -> new Mapped(ColumnType.of(Kind.TIMESTAMP_TZ), ResultCursor::offset);
            default -> new Mapped(ColumnType.of(Kind.STRING), ResultSet::getString);
        };
    }

    private static Mapped timestamp(String typeName) {
        if (typeName.equals("timestamptz") || typeName.contains("with time zone")) {
            return new Mapped(ColumnType.of(Kind.TIMESTAMP_TZ), ResultCursor::offset);
        }
        return new Mapped(ColumnType.of(Kind.TIMESTAMP), (rs, c) -> micros(rs.getObject(c, LocalDateTime.class)));
    }

    static Mapped numeric(int precision, int scale) {
        if (precision >= 1 && precision <= ColumnType.MAX_DECIMAL_PRECISION && scale >= 0 && scale <= precision) {
            return decimal(precision, scale);
        }
        // no precision (PostgreSQL's unconstrained NUMERIC) or more than 38 digits: exact text
        return new Mapped(ColumnType.of(Kind.STRING), (rs, c) -> {
            BigDecimal d = rs.getBigDecimal(c);
            return d == null ? null : d.toPlainString();
        });
    }

    private static Mapped decimal(int precision, int scale) {
        return new Mapped(
                ColumnType.decimal(precision, scale), (rs, c) -> fitDecimal(rs.getBigDecimal(c), precision, scale));
    }

    /** {@code d} at exactly {@code scale}, if that needs no rounding and fits {@code precision} digits. */
    static BigDecimal fitDecimal(BigDecimal d, int precision, int scale) {
        if (d == null) {
            return null;
        }
        BigDecimal scaled = d.setScale(scale, RoundingMode.UNNECESSARY);
        if (scaled.precision() > precision && scaled.signum() != 0) {
            throw new ArithmeticException("more than " + precision + " digits");
        }
        return scaled;
    }

    // ---- readers ---------------------------------------------------------------------------------------------

    private static Object bool(ResultSet rs, int c) throws SQLException {
        boolean b = rs.getBoolean(c);
        return rs.wasNull() ? null : b;
    }

    private static Object int16(ResultSet rs, int c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : (Object) (short) checked(v, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    private static Object int32(ResultSet rs, int c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : (Object) (int) checked(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static Object int64(ResultSet rs, int c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : (Object) v;
    }

    private static long checked(long v, long min, long max) {
        if (v < min || v > max) {
            throw new ArithmeticException("out of range");
        }
        return v;
    }

    private static Object float32(ResultSet rs, int c) throws SQLException {
        float v = rs.getFloat(c);
        return rs.wasNull() ? null : (Object) v;
    }

    private static Object float64(ResultSet rs, int c) throws SQLException {
        double v = rs.getDouble(c);
        return rs.wasNull() ? null : (Object) v;
    }

    private static Object time(ResultSet rs, int c) throws SQLException {
        LocalTime t = rs.getObject(c, LocalTime.class);
        if (t != null && t.getNano() % 1000 != 0) {
            throw new ArithmeticException("sub-microsecond precision");
        }
        return t;
    }

    private static Object offset(ResultSet rs, int c) throws SQLException {
        OffsetDateTime t = rs.getObject(c, OffsetDateTime.class);
        return t == null ? null : micros(t.toInstant());
    }

    /** Refuses what microseconds cannot hold (sub-microsecond digits, PostgreSQL's infinities). */
    static <T extends Temporal> T micros(T t) {
        if (t == null) {
            return null;
        }
        Instant i = t instanceof Instant instant
                ? instant
                : t instanceof LocalDateTime ldt ? ldt.toInstant(ZoneOffset.UTC) : null;
        if (i != null) {
            Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
            if (i.getNano() % 1000 != 0) {
                throw new ArithmeticException("sub-microsecond precision");
            }
        }
        return t;
    }

    private static Object uuid(ResultSet rs, int c) throws SQLException {
        Object v = rs.getObject(c);
        return v == null ? null : toUuid(v);
    }

    static UUID toUuid(Object v) {
        if (v instanceof UUID u) {
            return u;
        }
        if (v instanceof byte[] b && b.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(b);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return UUID.fromString(v.toString());
    }

    /** Intervals (H2's) as ISO 8601 durations. */
    private static Object interval(ResultSet rs, int c, String typeName) throws SQLException {
        if (rs.getObject(c) == null) {
            return null;
        }
        if (typeName.contains("year") || typeName.contains("month")) {
            Period p = rs.getObject(c, Period.class);
            return Intervals.iso(p.getYears(), p.getMonths(), p.getDays(), 0, 0, 0, 0);
        }
        Duration d = rs.getObject(c, Duration.class);
        return Intervals.iso(d);
    }

    // ---- arrays ----------------------------------------------------------------------------------------------

    private static Mapped array(String typeName) {
        String base = typeName.startsWith("_")
                ? typeName.substring(1)
                : typeName.endsWith(" array")
                        ? typeName.substring(0, typeName.length() - 6).trim()
                        : typeName;
        Kind element = elementKind(base);
        if (element == null) {
            return new Mapped(ColumnType.of(Kind.STRING), ResultSet::getString);
        }
        return new Mapped(ColumnType.list(ColumnType.of(element)), (rs, c) -> {
            Array a = rs.getArray(c);
            if (a == null) {
                return null;
            }
            try {
                Object[] values = (Object[]) a.getArray();
                List<Object> list = new ArrayList<>(values.length);
                for (Object v : values) {
                    list.add(element(element, v));
                }
                return Collections.unmodifiableList(list);
            } finally {
                try {
                    a.free();
                } catch (SQLException | UnsupportedOperationException ignored) {
                    // the driver keeps nothing to free
                }
            }
        });
    }

    private static Kind elementKind(String base) {
        return switch (base) {
            case "int2", "smallint" -> Kind.INT16;
            case "int4", "integer", "int" -> Kind.INT32;
            case "int8", "bigint" -> Kind.INT64;
            case "float4", "real" -> Kind.FLOAT32;
            case "float8", "double precision" -> Kind.FLOAT64;
            case "bool", "boolean" -> Kind.BOOLEAN;
            case "text", "varchar", "bpchar", "character varying", "character", "char", "name" -> Kind.STRING;
            case "bytea", "binary varying", "varbinary", "binary" -> Kind.BINARY;
            case "date" -> Kind.DATE;
            case "timestamp", "timestamp without time zone" -> Kind.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> Kind.TIMESTAMP_TZ;
            case "uuid" -> Kind.UUID;
            default -> null;
        };
    }

    private static Object element(Kind kind, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Object[]) {
            throw new IllegalArgumentException("multi-dimensional arrays are not supported");
        }
        return switch (kind) {
            case INT16 -> (short) checked(((Number) v).longValue(), Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> (int) checked(((Number) v).longValue(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> ((Number) v).longValue();
            case FLOAT32 -> ((Number) v).floatValue();
            case FLOAT64 -> ((Number) v).doubleValue();
            case BOOLEAN -> (Boolean) v;
            case STRING -> v.toString();
            case BINARY -> (byte[]) v;
            case DATE -> v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
            case TIMESTAMP -> micros(v instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) v);
            case TIMESTAMP_TZ -> micros(
                    v instanceof Timestamp t
                            ? t.toInstant()
                            : v instanceof OffsetDateTime o ? o.toInstant() : (Instant) v);
            case UUID -> toUuid(v);
            default -> throw new IllegalArgumentException("no array elements of " + kind);
        };
    }

    @Override
    public String toString() {
        return "rows of "
                + Arrays.toString(schema.columns().stream().map(Column::name).toArray());
    }
}

package dev.remotestore.sql;

import dev.remotestore.sql.format.ColumnType;
import dev.remotestore.sql.format.ColumnType.Kind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * SQLite's side of the type mapping. SQLite stores a value's own class (INTEGER, REAL, TEXT, BLOB) whatever
 * the column declares, and the driver converts silently (a REAL read as a long is truncated), so every value
 * is read as the object SQLite holds and checked against the declared type: a value of another class fails
 * with the column named. INTEGER is 64-bit and REAL is a double in SQLite, whatever the declaration says. Dates
 * and times are ISO 8601 text, as SQLite's own date functions write them.
 */
final class SqliteValues {
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private SqliteValues() {}

    /** The mapping for a SQLite column, or {@code null} where the generic one holds (text, blobs). */
    static ResultCursor.Mapped map(int jdbc, String typeName, int precision, int scale) {
        if (typeName.contains("datetime") || typeName.contains("timestamp")) {
            return new ResultCursor.Mapped(ColumnType.of(Kind.TIMESTAMP), (rs, c) -> {
                String s = text(rs, c, "TIMESTAMP");
                return s == null ? null : ResultCursor.micros(dateTime(s));
            });
        }
        if (typeName.equals("date")) {
            return new ResultCursor.Mapped(ColumnType.of(Kind.DATE), (rs, c) -> {
                String s = text(rs, c, "DATE");
                return s == null ? null : LocalDate.parse(s);
            });
        }
        if (typeName.equals("time")) {
            return new ResultCursor.Mapped(ColumnType.of(Kind.TIME), (rs, c) -> {
                String s = text(rs, c, "TIME");
                return s == null ? null : LocalTime.parse(s);
            });
        }
        return switch (jdbc) {
            case Types.BOOLEAN, Types.BIT -> new ResultCursor.Mapped(ColumnType.of(Kind.BOOLEAN), (rs, c) -> {
                Long v = integer(rs, c);
                if (v != null && v != 0 && v != 1) {
                    throw new IllegalArgumentException("a BOOLEAN is 0 or 1");
                }
                return v == null ? null : v == 1;
            });
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> new ResultCursor.Mapped(
                    ColumnType.of(Kind.INT64), SqliteValues::integer);
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> new ResultCursor.Mapped(
                    ColumnType.of(Kind.FLOAT64), SqliteValues::real);
            case Types.NUMERIC, Types.DECIMAL -> {
                ResultCursor.Mapped m = ResultCursor.numeric(precision, scale);
                yield m.type().kind() == Kind.DECIMAL
                        ? new ResultCursor.Mapped(
                                m.type(), (rs, c) -> ResultCursor.fitDecimal(decimal(rs, c), precision, scale))
                        : new ResultCursor.Mapped(m.type(), (rs, c) -> {
                            BigDecimal d = decimal(rs, c);
                            return d == null ? null : d.toPlainString();
                        });
            }
            case Types.NULL -> new ResultCursor.Mapped(ColumnType.of(Kind.STRING), ResultSet::getString);
            default -> null;
        };
    }

    /**
     * {@code s} as a date-time: {@code yyyy-MM-dd HH:mm:ss[.f…]} (or with {@code T}), as SQLite's functions write it,
     * read digit by digit; any other form through the {@link #DATE_TIME} formatter, which accepts the same values and
     * more. The formatter costs about as much as reading the row (measured: SqliteExportBenchmark).
     */
    static LocalDateTime dateTime(String s) {
        int n = s.length();
        if (n >= 19
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && (s.charAt(10) == ' ' || s.charAt(10) == 'T')
                && s.charAt(13) == ':'
                && s.charAt(16) == ':'
                && (n == 19 || (n >= 21 && n <= 29 && s.charAt(19) == '.'))) {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int nanos = 0;
            if (n > 19) {
                int fraction = digits(s, 20, n);
                nanos = fraction < 0 ? -1 : fraction * POWERS[9 - (n - 20)];
            }
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && nanos >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
                } catch (DateTimeException e) {
                    // out of range for LocalDateTime: the formatter decides (it resolves 02-30 and 24:00 smartly)
                }
            }
        }
        return LocalDateTime.parse(s, DATE_TIME);
    }

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** The decimal number in {@code s[from, to)}, or -1 when a character there is no ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Long integer(ResultSet rs, int c) throws SQLException {
        Object v = rs.getObject(c);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException("SQLite holds a " + storage(v) + " where an integer was declared");
    }

    private static Double real(ResultSet rs, int c) throws SQLException {
        Object v = rs.getObject(c);
        if (v == null) {
            return null;
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Integer || v instanceof Long) {
            long l = ((Number) v).longValue();
            if (Math.abs(l) > (1L << 53)) {
                throw new ArithmeticException("the integer " + l + " has no exact double");
            }
            return (double) l;
        }
        throw new IllegalArgumentException("SQLite holds a " + storage(v) + " where a REAL was declared");
    }

    private static BigDecimal decimal(ResultSet rs, int c) throws SQLException {
        Object v = rs.getObject(c);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double d) {
            // the shortest text that reads back as this double: 12.34, not
            // 12.339999999999999857891452847979962825775146484375
            return new BigDecimal(Double.toString(d));
        }
        if (v instanceof String s) {
            return new BigDecimal(s.trim());
        }
        throw new IllegalArgumentException("SQLite holds a " + storage(v) + " where a number was declared");
    }

    private static String text(ResultSet rs, int c, String declared) throws SQLException {
        Object v = rs.getObject(c);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(
                "SQLite holds a " + storage(v) + " where " + declared + " text (ISO 8601) was declared");
    }

    private static String storage(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return "INTEGER";
        }
        if (v instanceof Double || v instanceof Float) {
            return "REAL";
        }
        if (v instanceof byte[]) {
            return "BLOB";
        }
        return "TEXT";
    }
}

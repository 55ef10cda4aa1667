package dev.remotestore.sql.format;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.List;

/** How text formats (CSV, the elements of lists) spell a value: ISO 8601, plain decimals, base64. */
final class ValueText {
    /** {@code 2024-01-02T03:04:05.123456}: seconds always, fraction only when present. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(TIME)
            .toFormatter();

    private ValueText() {}

    /** The value's text, or {@code null} for null. */
    static String format(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case BINARY -> Base64.getEncoder().encodeToString((byte[]) value);
            case TIME -> TIME.format((LocalTime) value);
            case TIMESTAMP -> dateTime((LocalDateTime) value);
            case LIST -> jsonArray(type.element(), (List<?>) value);
            default -> value.toString();
        };
    }

    /**
     * {@code 2024-01-02T03:04:05[.fraction]} as {@link #DATE_TIME} spells it, written digit by digit for the years
     * 0000–9999 (the formatter cost a quarter of a CSV export's time); the formatter itself for the others (signs,
     * more digits).
     */
    static String dateTime(LocalDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return DATE_TIME.format(t);
        }
        char[] c = new char[29];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        int nano = t.getNano();
        if (nano == 0) {
            return new String(c, 0, 19);
        }
        c[19] = '.';
        digits(c, 20, nano, 9);
        int end = 29;
        while (c[end - 1] == '0') {
            end--; // the fraction's trailing zeros, as appendFraction(0, 9) drops them
        }
        return new String(c, 0, end);
    }

    /** {@code value} as exactly {@code width} decimal digits at {@code at}, zero-padded. */
    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** A list as a JSON array: numbers and booleans bare, everything else a JSON string. */
    static String jsonArray(ColumnType element, List<?> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                sb.append("null");
            } else if (isBare(element.kind(), v)) {
                sb.append(format(element, v));
            } else {
                quote(sb, format(element, v));
            }
        }
        return sb.append(']').toString();
    }

    private static boolean isBare(ColumnType.Kind kind, Object v) {
        return switch (kind) {
            case BOOLEAN, INT16, INT32, INT64, DECIMAL -> true;
            case FLOAT32, FLOAT64 -> Double.isFinite(((Number) v).doubleValue());
            default -> false;
        };
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}

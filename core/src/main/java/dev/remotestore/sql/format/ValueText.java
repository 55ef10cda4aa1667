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
            case TIMESTAMP -> DATE_TIME.format((LocalDateTime) value);
            case LIST -> jsonArray(type.element(), (List<?>) value);
            default -> value.toString();
        };
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

package dev.remotestore.sql.format;

import java.util.Objects;

/**
 * The type of a result column as serializers see it: a small, database-independent set that every format
 * can represent faithfully. The database's own type is kept in {@link Column#sourceType()}.
 *
 * <p>Each kind has one Java class for its values (what {@link RowCursor#get(int)} returns; {@code null} for
 * SQL NULL in every kind):
 *
 * <table>
 *   <caption>Values per kind</caption>
 *   <tr><th>kind</th><th>value</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 *   <tr><td>INT16 / INT32 / INT64</td><td>{@link Short} / {@link Integer} / {@link Long}</td></tr>
 *   <tr><td>FLOAT32 / FLOAT64</td><td>{@link Float} / {@link Double}</td></tr>
 *   <tr><td>DECIMAL</td><td>{@link java.math.BigDecimal} with exactly the column's scale</td></tr>
 *   <tr><td>STRING, JSON</td><td>{@link String} (JSON: the document's text)</td></tr>
 *   <tr><td>BINARY</td><td>{@code byte[]}</td></tr>
 *   <tr><td>DATE / TIME / TIMESTAMP</td><td>{@link java.time.LocalDate} / {@link java.time.LocalTime} /
 *       {@link java.time.LocalDateTime}, microsecond precision</td></tr>
 *   <tr><td>TIMESTAMP_TZ</td><td>{@link java.time.Instant} (an instant, written in UTC), microseconds</td></tr>
 *   <tr><td>UUID</td><td>{@link java.util.UUID}</td></tr>
 *   <tr><td>LIST</td><td>{@link java.util.List} of values of the element type (elements may be null)</td></tr>
 * </table>
 *
 * @param kind what the values are
 * @param precision total digits of a DECIMAL (1..38), otherwise 0
 * @param scale digits after the point of a DECIMAL (0..precision), otherwise 0
 * @param element the element type of a LIST, otherwise {@code null}
 */
public record ColumnType(Kind kind, int precision, int scale, ColumnType element) {
    /** The largest DECIMAL precision every format holds (Arrow's Decimal128, Parquet's common readers). */
    public static final int MAX_DECIMAL_PRECISION = 38;

    /** What the values of a column are. */
    public enum Kind {
        BOOLEAN,
        INT16,
        INT32,
        INT64,
        FLOAT32,
        FLOAT64,
        DECIMAL,
        STRING,
        JSON,
        BINARY,
        DATE,
        TIME,
        TIMESTAMP,
        TIMESTAMP_TZ,
        UUID,
        LIST
    }

    /** Checks the parameters against the kind. */
    public ColumnType {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException(
                        "DECIMAL(" + precision + "," + scale + ") is outside DECIMAL(1..38, 0..p)");
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException(kind + " has no precision or scale");
        }
        if ((kind == Kind.LIST) != (element != null)) {
            throw new IllegalArgumentException("a LIST, and only a LIST, has an element type");
        }
        if (element != null && element.kind() == Kind.LIST) {
            throw new IllegalArgumentException("nested lists are not supported");
        }
    }

    /** A type without parameters. */
    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0, null);
    }

    /** {@code DECIMAL(precision, scale)}. */
    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale, null);
    }

    /** A list of {@code element} values. */
    public static ColumnType list(ColumnType element) {
        return new ColumnType(Kind.LIST, 0, 0, element);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
            case LIST -> "LIST<" + element + ">";
            default -> kind.name();
        };
    }
}

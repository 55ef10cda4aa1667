package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SqliteValuesTest {
    /** The formatter alone, as SqliteValues read every timestamp before its digit-by-digit fast path. */
    private static final DateTimeFormatter FORMATTER = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    @Test
    @DisplayName("timestamps read as the formatter reads them: SQLite's forms, fractions of 1 to 9 digits, T or space,"
            + " and the formatter's own resolutions")
    void sameAsTheFormatter() {
        for (String s : List.of(
                "2024-01-01 00:00:00",
                "2024-02-29T23:59:59",
                "1999-12-31 12:34:56.7",
                "2026-11-26 18:05:01.123",
                "2026-11-26T18:05:01.123456",
                "2026-11-26 18:05:01.123456789",
                "0001-01-01 00:00:00.000001",
                "9999-12-31T23:59:59.999999999",
                "2026-11-26 18:05", // no seconds: the formatter's way
                "+12026-11-26T18:05:01", // a year of five digits: the formatter's way
                "2026-02-30 00:00:00", // resolved by the formatter to the month's last day
                "2026-11-26 24:00:00", // resolved by the formatter to the next midnight
                "2026-11-26 18:05:01.")) { // an empty fraction, which the formatter allows
            assertThat(SqliteValues.dateTime(s)).as(s).isEqualTo(LocalDateTime.parse(s, FORMATTER));
        }
    }

    @Test
    @DisplayName("what the formatter refuses is refused: impossible dates and times, stray characters")
    void refusesWhatTheFormatterRefuses() {
        for (String s : List.of(
                "2026-13-01 00:00:00",
                "2026-02-32 00:00:00",
                "2026-11-26 25:00:00",
                "2026-11-26 18:05:61",
                "2026-11-26 18:05:01.1234567890",
                "2026-11-26X18:05:01",
                "2026-1a-26 18:05:01",
                "2026-11-26 18:05:01Z")) {
            assertThatThrownBy(() -> LocalDateTime.parse(s, FORMATTER))
                    .as("formatter: " + s)
                    .isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> SqliteValues.dateTime(s)).as(s).isInstanceOf(DateTimeException.class);
        }
    }
}

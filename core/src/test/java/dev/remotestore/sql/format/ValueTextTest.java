package dev.remotestore.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ValueTextTest {
    /** The formatter alone, as CSV and JSON Lines spelled every timestamp before the digit-by-digit fast path. */
    private static final DateTimeFormatter FORMATTER = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    @Test
    @DisplayName("timestamps are spelled as the ISO formatter spells them: edges of the fast path and beyond it")
    void timestampsAsTheFormatter() {
        for (LocalDateTime t : List.of(
                LocalDateTime.of(2024, 1, 1, 0, 0),
                LocalDateTime.of(2024, 2, 29, 23, 59, 59),
                LocalDateTime.of(2026, 11, 26, 18, 5, 1, 100_000_000),
                LocalDateTime.of(2026, 11, 26, 18, 5, 1, 123_456_000),
                LocalDateTime.of(2026, 11, 26, 18, 5, 1, 123_456_789),
                LocalDateTime.of(2026, 11, 26, 18, 5, 1, 1),
                LocalDateTime.of(0, 1, 1, 0, 0, 0, 10),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(10_000, 1, 1, 0, 0), // five digits: the formatter's '+'
                LocalDateTime.of(-1, 6, 15, 12, 0), // before year 0: the formatter's '-'
                LocalDateTime.MIN,
                LocalDateTime.MAX)) {
            assertThat(ValueText.format(ColumnType.of(ColumnType.Kind.TIMESTAMP), t))
                    .as(t.toString())
                    .isEqualTo(FORMATTER.format(t));
        }
    }

    @Test
    @DisplayName("random timestamps of the years 0 to 9999 are spelled as the formatter spells them")
    void randomTimestampsAsTheFormatter() {
        Random random = new Random(15);
        for (int i = 0; i < 100_000; i++) {
            LocalDateTime t = LocalDateTime.of(
                    random.nextInt(10_000),
                    1 + random.nextInt(12),
                    1 + random.nextInt(28),
                    random.nextInt(24),
                    random.nextInt(60),
                    random.nextInt(60),
                    switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            assertThat(ValueText.format(ColumnType.of(ColumnType.Kind.TIMESTAMP), t))
                    .isEqualTo(FORMATTER.format(t));
        }
    }
}

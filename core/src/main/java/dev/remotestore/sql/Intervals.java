package dev.remotestore.sql;

import java.time.Duration;

/** Intervals as ISO 8601 durations, the text PostgreSQL gives with {@code intervalstyle = iso_8601}. */
final class Intervals {
    private Intervals() {}

    /** {@code P1Y2M3DT4H5M6.5S}; each part keeps its own sign; zero is {@code PT0S}. */
    static String iso(int years, int months, int days, int hours, int minutes, long seconds, long micros) {
        StringBuilder sb = new StringBuilder("P");
        part(sb, years, 'Y');
        part(sb, months, 'M');
        part(sb, days, 'D');
        if (hours != 0 || minutes != 0 || seconds != 0 || micros != 0) {
            sb.append('T');
            part(sb, hours, 'H');
            part(sb, minutes, 'M');
            if (seconds != 0 || micros != 0) {
                boolean negative = seconds < 0 || micros < 0;
                long s = Math.abs(seconds);
                long us = Math.abs(micros);
                sb.append(negative ? "-" : "").append(s);
                if (us != 0) {
                    String fraction = String.format("%06d", us).replaceAll("0+$", "");
                    sb.append('.').append(fraction);
                }
                sb.append('S');
            }
        }
        return sb.length() == 1 ? "PT0S" : sb.toString();
    }

    /** A duration in days, hours, minutes and seconds. */
    static String iso(Duration d) {
        long totalMicros = d.toNanos() / 1000;
        long micros = totalMicros % 1_000_000;
        long seconds = totalMicros / 1_000_000;
        int days = (int) (seconds / 86_400);
        seconds -= days * 86_400L;
        int hours = (int) (seconds / 3600);
        seconds -= hours * 3600L;
        int minutes = (int) (seconds / 60);
        seconds -= minutes * 60L;
        return iso(0, 0, days, hours, minutes, seconds, micros);
    }

    private static void part(StringBuilder sb, long value, char unit) {
        if (value != 0) {
            sb.append(value).append(unit);
        }
    }
}

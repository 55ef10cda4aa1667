package dev.remotestore.sql;

import org.postgresql.util.PGInterval;

/** PostgreSQL driver types; loaded only for PostgreSQL results, so other users need no pgjdbc. */
final class PostgresValues {
    private PostgresValues() {}

    static String interval(Object value) {
        if (value == null) {
            return null;
        }
        PGInterval pg = (PGInterval) value;
        return Intervals.iso(
                pg.getYears(),
                pg.getMonths(),
                pg.getDays(),
                pg.getHours(),
                pg.getMinutes(),
                pg.getWholeSeconds(),
                pg.getMicroSeconds());
    }
}

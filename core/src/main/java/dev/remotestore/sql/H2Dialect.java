package dev.remotestore.sql;

import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * H2: {@code BLOB} data kept in H2's LOB storage and streamed by the driver; {@code VARCHAR} keys compare by
 * UTF-16 unit, which matches byte order except between characters above U+FFFF and those in U+E000..U+FFFF.
 */
final class H2Dialect extends SqlDialect {
    @Override
    String name() {
        return "h2";
    }

    @Override
    List<String> createTable(String table) {
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " ("
                + "\"key\" VARCHAR(1024) NOT NULL PRIMARY KEY CHECK (CHAR_LENGTH(\"key\") > 0), "
                + "\"data\" BLOB NOT NULL, "
                + "\"size\" BIGINT NOT NULL, "
                + "\"modified_at\" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                + "\"content_type\" VARCHAR(255), "
                + "\"digest\" VARCHAR(64), "
                + "\"extra\" CHARACTER LARGE OBJECT)");
    }

    @Override
    int maxKeyBytes() {
        return 1024 * 4;
    }

    @Override
    String upsert(String table, String keyColumn, List<String> columns) {
        return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + keyColumn + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    @Override
    boolean isValueTooLong(SQLException e) {
        return "22001".equals(e.getSQLState()) || e.getErrorCode() == 22001;
    }
}

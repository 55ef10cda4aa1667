package dev.remotestore.sql.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * RFC 4180 CSV in UTF-8 (Apache Commons CSV): a header row with the column names (a repeated name gets
 * {@code _2}, ...), CRLF line ends, every
 * non-null value quoted (quotes doubled), and SQL NULL as an empty unquoted field, so that NULL and the empty
 * string stay apart ({@code ,,} versus {@code ,"",}). Values are spelled as {@code docs/sql-query-backend.md}
 * lists: ISO 8601 dates and times, plain decimals, base64 for binary, JSON arrays for lists. Needs {@code org.apache.commons:commons-csv}
 * only when it writes. Thread-safe.
 */
public final class CsvSerializer implements ResultSerializer {
    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException {
        try {
            CsvWriting.write(schema, rows, out);
        } catch (NoClassDefFoundError e) {
            throw Libraries.missing("CSV", "org.apache.commons:commons-csv", e);
        }
    }
}

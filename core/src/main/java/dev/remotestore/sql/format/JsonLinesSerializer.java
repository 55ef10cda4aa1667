package dev.remotestore.sql.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * JSON Lines (Jackson): one object per row, keys the column names (a repeated name gets {@code _2}, ...), newline-separated, UTF-8. Numbers are JSON
 * numbers (decimals exact and never in exponent form; NaN and infinities as strings), JSON columns are embedded
 * as documents, binary is base64, dates and times ISO 8601 strings, lists arrays, NULL is {@code null}.
 * Needs {@code com.fasterxml.jackson.core:jackson-core} only when it writes. Thread-safe.
 */
public final class JsonLinesSerializer implements ResultSerializer {
    @Override
    public String format() {
        return "jsonl";
    }

    @Override
    public String contentType() {
        return "application/jsonl";
    }

    @Override
    public void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException {
        try {
            JsonLinesWriting.write(schema, rows, out);
        } catch (NoClassDefFoundError e) {
            throw Libraries.missing("JSON Lines", "com.fasterxml.jackson.core:jackson-core", e);
        }
    }
}

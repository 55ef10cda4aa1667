package dev.remotestore.sql.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * RFC 4180 CSV in UTF-8 (Apache Commons CSV): a header row with the column names (a repeated name gets
 * {@code _2}, ...), CRLF line ends, every
 * non-null value quoted (quotes doubled), and SQL NULL as an empty unquoted field, so that NULL and the empty
 * string stay apart ({@code ,,} versus {@code ,"",}). Values are spelled as {@code docs/sql-query-backend.md}
 * lists: ISO 8601 dates and times, plain decimals, base64 for binary, JSON arrays for lists. Thread-safe.
 */
public final class CsvSerializer implements ResultSerializer {
    private static final CSVFormat BASE = CSVFormat.RFC4180
            .builder()
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString(null)
            .setRecordSeparator("\r\n")
            .get();

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
        String[] header = Names.unique(schema).toArray(String[]::new);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter printer =
                new CSVPrinter(writer, BASE.builder().setHeader(header).get());
        int n = schema.size();
        while (rows.next()) {
            for (int i = 0; i < n; i++) {
                printer.print(ValueText.format(schema.column(i).type(), rows.get(i)));
            }
            printer.println();
        }
        printer.flush();
    }
}

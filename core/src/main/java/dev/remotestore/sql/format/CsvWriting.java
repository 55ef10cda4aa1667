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

/** The Commons CSV part of {@link CsvSerializer}: loaded only when CSV is written. */
final class CsvWriting {
    private static final CSVFormat BASE = CSVFormat.RFC4180
            .builder()
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString(null)
            .setRecordSeparator("\r\n")
            .get();

    private CsvWriting() {}

    static void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException {
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

package dev.remotestore.sql.format;

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

    /** How much text is gathered before it is encoded to the output. */
    private static final int BATCH_CHARS = 1 << 16;

    private CsvWriting() {}

    static void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException {
        String[] header = Names.unique(schema).toArray(String[]::new);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        // Commons CSV appends each value in pieces: into a StringBuilder that is a copy of chars, where a Writer's
        // append(CharSequence, start, end) makes a String of every piece (a fifth of the export's time). The
        // builder goes to the writer whenever it holds a batch of rows.
        StringBuilder text = new StringBuilder(BATCH_CHARS + 4096);
        CSVPrinter printer =
                new CSVPrinter(text, BASE.builder().setHeader(header).get());
        int n = schema.size();
        while (rows.next()) {
            for (int i = 0; i < n; i++) {
                printer.print(ValueText.format(schema.column(i).type(), rows.get(i)));
            }
            printer.println();
            if (text.length() >= BATCH_CHARS) {
                writer.append(text);
                text.setLength(0);
            }
        }
        writer.append(text);
        writer.flush();
    }
}

package dev.remotestore.sql.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/** The Jackson part of {@link JsonLinesSerializer}: loaded only when JSON Lines are written. */
final class JsonLinesWriting {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonLinesWriting() {}

    static void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setRootValueSeparator(null);
            int n = schema.size();
            List<String> names = Names.unique(schema);
            while (rows.next()) {
                json.writeStartObject();
                for (int i = 0; i < n; i++) {
                    json.writeFieldName(names.get(i));
                    value(json, schema.column(i).type(), rows.get(i));
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }
        }
    }

    private static void value(JsonGenerator json, ColumnType type, Object v) throws IOException {
        if (v == null) {
            json.writeNull();
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> json.writeBoolean((Boolean) v);
            case INT16, INT32, INT64 -> json.writeNumber(((Number) v).longValue());
            case FLOAT32, FLOAT64 -> {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) {
                    if (v instanceof Float f) {
                        json.writeNumber(f);
                    } else {
                        json.writeNumber(d);
                    }
                } else {
                    json.writeString(Double.toString(d));
                }
            }
            case DECIMAL -> json.writeNumber((BigDecimal) v);
            case JSON -> json.writeRawValue((String) v);
            case BINARY -> json.writeBinary((byte[]) v);
            case LIST -> {
                json.writeStartArray();
                for (Object e : (List<?>) v) {
                    value(json, type.element(), e);
                }
                json.writeEndArray();
            }
            default -> json.writeString(ValueText.format(type, v));
        }
    }
}

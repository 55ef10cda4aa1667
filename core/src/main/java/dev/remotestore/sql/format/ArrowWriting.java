package dev.remotestore.sql.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The Arrow side of {@link ArrowSerializer}; loaded only when Arrow is written. */
final class ArrowWriting {
    private static final long BATCH_BYTES = 16L << 20;
    private static final int CHECK_EVERY = 256;

    private ArrowWriting() {}

    static IllegalStateException needsOption(Throwable cause) {
        return new IllegalStateException(
                "Arrow output needs the JVM option " + ArrowSerializer.REQUIRED_JVM_OPTION
                        + " (Arrow's memory layer reads java.nio internals); add it to the java command line or"
                        + " JAVA_TOOL_OPTIONS",
                cause);
    }

    private static BufferAllocator allocator() {
        try {
            return new RootAllocator();
        } catch (RuntimeException | LinkageError e) {
            throw needsOption(e);
        }
    }

    static void write(ResultSchema schema, RowCursor rows, OutputStream out, boolean file, int batchRows)
            throws IOException {
        List<String> names = Names.unique(schema);
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            fields.add(field(names.get(i), schema.column(i).type()));
        }
        OutputStream shielded = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        try (BufferAllocator allocator = allocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                ArrowWriter writer = file
                        ? new ArrowFileWriter(root, null, Channels.newChannel(shielded))
                        : new ArrowStreamWriter(root, null, Channels.newChannel(shielded))) {
            writer.start();
            List<FieldVector> vectors = root.getFieldVectors();
            int n = schema.size();
            int count = 0;
            root.allocateNew();
            while (rows.next()) {
                for (int i = 0; i < n; i++) {
                    set(vectors.get(i), schema.column(i).type(), count, rows.get(i));
                }
                count++;
                if (count == batchRows || (count % CHECK_EVERY == 0 && bytes(vectors) > BATCH_BYTES)) {
                    root.setRowCount(count);
                    writer.writeBatch();
                    root.allocateNew();
                    count = 0;
                }
            }
            if (count > 0) {
                root.setRowCount(count);
                writer.writeBatch();
            }
            writer.end();
        }
        out.flush();
    }

    private static long bytes(List<FieldVector> vectors) {
        long total = 0;
        for (FieldVector v : vectors) {
            total += v.getBufferSize();
        }
        return total;
    }

    static Field field(String name, ColumnType type) {
        if (type.kind() == ColumnType.Kind.LIST) {
            return new Field(name, FieldType.nullable(new ArrowType.List()), List.of(field("item", type.element())));
        }
        if (type.kind() == ColumnType.Kind.UUID) {
            return new Field(
                    name,
                    new FieldType(
                            true,
                            new ArrowType.FixedSizeBinary(16),
                            null,
                            Map.of("ARROW:extension:name", "arrow.uuid", "ARROW:extension:metadata", "")),
                    null);
        }
        return new Field(name, FieldType.nullable(arrowType(type)), null);
    }

    static ArrowType arrowType(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INT16 -> new ArrowType.Int(16, true);
            case INT32 -> new ArrowType.Int(32, true);
            case INT64 -> new ArrowType.Int(64, true);
            case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
            case STRING, JSON -> ArrowType.Utf8.INSTANCE;
            case BINARY -> ArrowType.Binary.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case TIMESTAMP_TZ -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            case UUID -> new ArrowType.FixedSizeBinary(16);
            case LIST -> new ArrowType.List();
        };
    }

    private static void set(FieldVector vector, ColumnType type, int index, Object v) {
        if (v == null) {
            setNull(vector, index);
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> ((BitVector) vector).setSafe(index, (Boolean) v ? 1 : 0);
            case INT16 -> ((SmallIntVector) vector).setSafe(index, (Short) v);
            case INT32 -> ((IntVector) vector).setSafe(index, (Integer) v);
            case INT64 -> ((BigIntVector) vector).setSafe(index, (Long) v);
            case FLOAT32 -> ((Float4Vector) vector).setSafe(index, (Float) v);
            case FLOAT64 -> ((Float8Vector) vector).setSafe(index, (Double) v);
            case DECIMAL -> ((DecimalVector) vector).setSafe(index, (BigDecimal) v);
            case STRING, JSON -> ((VarCharVector) vector).setSafe(index, ((String) v).getBytes(StandardCharsets.UTF_8));
            case BINARY -> ((VarBinaryVector) vector).setSafe(index, (byte[]) v);
            case DATE -> ((DateDayVector) vector).setSafe(index, Math.toIntExact(((LocalDate) v).toEpochDay()));
            case TIME -> ((TimeMicroVector) vector).setSafe(index, ((LocalTime) v).toNanoOfDay() / 1000);
            case TIMESTAMP -> ((TimeStampMicroVector) vector).setSafe(index, Values.micros((LocalDateTime) v));
            case TIMESTAMP_TZ -> ((TimeStampMicroTZVector) vector).setSafe(index, Values.micros((Instant) v));
            case UUID -> ((FixedSizeBinaryVector) vector).setSafe(index, Values.bytes((UUID) v));
            case LIST -> {
                ListVector list = (ListVector) vector;
                List<?> values = (List<?>) v;
                int start = list.startNewValue(index);
                FieldVector data = list.getDataVector();
                for (int j = 0; j < values.size(); j++) {
                    set(data, type.element(), start + j, values.get(j));
                }
                list.endValue(index, values.size());
            }
        }
    }

    private static void setNull(FieldVector vector, int index) {
        if (vector instanceof org.apache.arrow.vector.BaseFixedWidthVector fixed) {
            fixed.setNull(index);
        } else if (vector instanceof org.apache.arrow.vector.BaseVariableWidthVector variable) {
            variable.setNull(index);
        } else if (vector instanceof ListVector list) {
            list.setNull(index);
        } else {
            throw new IllegalStateException("no null for " + vector.getClass().getSimpleName());
        }
    }
}

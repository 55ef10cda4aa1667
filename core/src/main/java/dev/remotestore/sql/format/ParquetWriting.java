package dev.remotestore.sql.format;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** The parquet-java side of {@link ParquetSerializer}; loaded only when Parquet is written. */
final class ParquetWriting {
    private static final int PAGE_SIZE = 1 << 20;

    private ParquetWriting() {}

    static void write(
            ResultSchema schema,
            RowCursor rows,
            OutputStream out,
            ParquetSerializer.Compression compression,
            long rowGroupSize)
            throws IOException {
        List<String> names = Names.unique(schema);
        MessageType message = messageType(schema, names);
        try (ParquetWriter<RowCursor> writer = new Builder(
                        new StreamOutputFile(out), new RowWriteSupport(schema, names, message))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(ParquetCodecs.codecName(compression))
                .withRowGroupSize(rowGroupSize)
                .withPageSize(PAGE_SIZE)
                .withDictionaryEncoding(true)
                .build()) {
            while (rows.next()) {
                writer.write(rows);
            }
        }
        out.flush();
    }

    static MessageType messageType(ResultSchema schema, List<String> names) {
        List<Type> fields = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            ColumnType type = schema.column(i).type();
            if (type.kind() == ColumnType.Kind.LIST) {
                Type element = primitive(type.element()).named("element");
                fields.add(Types.optionalGroup()
                        .as(LogicalTypeAnnotation.listType())
                        .addField(new GroupType(Type.Repetition.REPEATED, "list", element))
                        .named(names.get(i)));
            } else {
                fields.add(primitive(type).named(names.get(i)));
            }
        }
        return new MessageType("result", fields);
    }

    private static Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> primitive(ColumnType type) {
        PrimitiveTypeName physical =
                switch (type.kind()) {
                    case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
                    case INT16, INT32, DATE -> PrimitiveTypeName.INT32;
                    case INT64, TIME, TIMESTAMP, TIMESTAMP_TZ -> PrimitiveTypeName.INT64;
                    case FLOAT32 -> PrimitiveTypeName.FLOAT;
                    case FLOAT64 -> PrimitiveTypeName.DOUBLE;
                    case DECIMAL -> type.precision() <= 9
                            ? PrimitiveTypeName.INT32
                            : type.precision() <= 18 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
                    case STRING, JSON, BINARY -> PrimitiveTypeName.BINARY;
                    case UUID -> PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
                    case LIST -> throw new IllegalArgumentException("nested list");
                };
        return Types.optional(physical).as(annotation(type)).length(length(type));
    }

    private static int length(ColumnType type) {
        return switch (type.kind()) {
            case UUID -> 16;
            case DECIMAL -> type.precision() > 18 ? decimalBytes(type.precision()) : 0;
            default -> 0;
        };
    }

    /** The fewest bytes whose two's complement holds every value of {@code precision} digits. */
    static int decimalBytes(int precision) {
        BigInteger max = BigInteger.TEN.pow(precision);
        return (max.bitLength() + 1 + 7) / 8;
    }

    private static LogicalTypeAnnotation annotation(ColumnType type) {
        return switch (type.kind()) {
            case INT16 -> LogicalTypeAnnotation.intType(16, true);
            case INT32 -> LogicalTypeAnnotation.intType(32, true);
            case INT64 -> LogicalTypeAnnotation.intType(64, true);
            case DECIMAL -> LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
            case STRING, JSON -> LogicalTypeAnnotation.stringType();
            case DATE -> LogicalTypeAnnotation.dateType();
            case TIME -> LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS);
            case TIMESTAMP -> LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS);
            case TIMESTAMP_TZ -> LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS);
            case UUID -> LogicalTypeAnnotation.uuidType();
            default -> null;
        };
    }

    private static final class Builder extends ParquetWriter.Builder<RowCursor, Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RowCursor> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<RowCursor> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Writes the cursor's current row as one record. */
    private static final class RowWriteSupport extends WriteSupport<RowCursor> {
        private final ResultSchema schema;
        private final List<String> names;
        private final MessageType message;
        private final byte[][] fixed;
        private RecordConsumer consumer;

        RowWriteSupport(ResultSchema schema, List<String> names, MessageType message) {
            this.schema = schema;
            this.names = names;
            this.message = message;
            this.fixed = new byte[schema.size()][];
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(message, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(message, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(RowCursor row) {
            consumer.startMessage();
            for (int i = 0; i < schema.size(); i++) {
                Object value = row.get(i);
                if (value == null) {
                    continue;
                }
                String name = names.get(i);
                ColumnType type = schema.column(i).type();
                consumer.startField(name, i);
                if (type.kind() == ColumnType.Kind.LIST) {
                    list(type.element(), (List<?>) value);
                } else {
                    primitive(type, value);
                }
                consumer.endField(name, i);
            }
            consumer.endMessage();
        }

        private void list(ColumnType element, List<?> values) {
            consumer.startGroup();
            if (!values.isEmpty()) {
                consumer.startField("list", 0);
                for (Object v : values) {
                    consumer.startGroup();
                    if (v != null) {
                        consumer.startField("element", 0);
                        primitive(element, v);
                        consumer.endField("element", 0);
                    }
                    consumer.endGroup();
                }
                consumer.endField("list", 0);
            }
            consumer.endGroup();
        }

        private void primitive(ColumnType type, Object v) {
            switch (type.kind()) {
                case BOOLEAN -> consumer.addBoolean((Boolean) v);
                case INT16, INT32 -> consumer.addInteger(((Number) v).intValue());
                case INT64 -> consumer.addLong((Long) v);
                case FLOAT32 -> consumer.addFloat((Float) v);
                case FLOAT64 -> consumer.addDouble((Double) v);
                case DECIMAL -> decimal(type, (BigDecimal) v);
                case STRING, JSON -> consumer.addBinary(Binary.fromString((String) v));
                case BINARY -> consumer.addBinary(Binary.fromConstantByteArray((byte[]) v));
                case DATE -> consumer.addInteger(Math.toIntExact(((LocalDate) v).toEpochDay()));
                case TIME -> consumer.addLong(((LocalTime) v).toNanoOfDay() / 1000);
                case TIMESTAMP -> consumer.addLong(Values.micros((LocalDateTime) v));
                case TIMESTAMP_TZ -> consumer.addLong(Values.micros((Instant) v));
                case UUID -> consumer.addBinary(Binary.fromConstantByteArray(Values.bytes((UUID) v)));
                case LIST -> throw new IllegalArgumentException("nested list");
            }
        }

        private void decimal(ColumnType type, BigDecimal v) {
            BigInteger unscaled = v.unscaledValue();
            if (type.precision() <= 9) {
                consumer.addInteger(unscaled.intValueExact());
            } else if (type.precision() <= 18) {
                consumer.addLong(unscaled.longValueExact());
            } else {
                int n = decimalBytes(type.precision());
                byte[] raw = unscaled.toByteArray();
                byte[] out = new byte[n];
                byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
                java.util.Arrays.fill(out, 0, n - raw.length, pad);
                System.arraycopy(raw, 0, out, n - raw.length, raw.length);
                consumer.addBinary(Binary.fromConstantByteArray(out));
            }
        }
    }
}

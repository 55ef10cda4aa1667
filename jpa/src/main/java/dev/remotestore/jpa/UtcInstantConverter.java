package dev.remotestore.jpa;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An {@link Instant} kept in a {@code TIMESTAMP} column without time zone that holds UTC, as the blob table's
 * {@code modified_at} does ({@code docs/spec/blob-table.md}, TABLE-006). A JPA provider maps {@code Instant} to
 * {@code TIMESTAMP WITH TIME ZONE} by default, which the schema validator refuses against that column. Not
 * auto-applied; stateless and thread-safe.
 */
@Converter
public class UtcInstantConverter implements AttributeConverter<Instant, LocalDateTime> {
    /** For the persistence provider. */
    public UtcInstantConverter() {}

    @Override
    public LocalDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}

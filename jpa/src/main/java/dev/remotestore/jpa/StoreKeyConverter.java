package dev.remotestore.jpa;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a {@link StoreKey} attribute as its string ({@code VARCHAR}/{@code TEXT} column), applied to every
 * {@code StoreKey} attribute of the persistence unit. List it with the unit's classes
 * ({@code <class>dev.remotestore.jpa.StoreKeyConverter</class>}) unless the container discovers it (Quarkus does,
 * from this jar's Jandex index). Stateless and thread-safe.
 */
@Converter(autoApply = true)
public class StoreKeyConverter implements AttributeConverter<StoreKey, String> {
    /** For the persistence provider. */
    public StoreKeyConverter() {}

    @Override
    public String convertToDatabaseColumn(StoreKey key) {
        return key == null ? null : key.value();
    }

    /**
     * @throws dev.remotestore.InvalidPathException if the column holds no valid key (the provider reports it as
     *     the cause of its own exception)
     */
    @Override
    public StoreKey convertToEntityAttribute(String column) {
        return column == null ? null : StoreKey.of(column);
    }
}

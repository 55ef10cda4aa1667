package dev.remotestore.jpa;

import dev.remotestore.InvalidPathException;
import dev.remotestore.RemotePath;
import java.io.Serializable;

/**
 * The key of an object in a {@link dev.remotestore.Store}, held by an entity attribute
 * ({@code Document.content}): a value type that {@link StoreKeyConverter} stores as its string. A key is
 * validated and normalized as {@link RemotePath} does ({@code "a//b/"} is {@code "a/b"}; {@code ..}, NUL, an
 * unpaired surrogate and the empty key are refused), so {@link #value()} equals the path the store reports for
 * it. Immutable and thread-safe; equality is by {@link #value()}.
 */
public final class StoreKey implements Comparable<StoreKey>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;

    private StoreKey(String value) {
        this.value = value;
    }

    /**
     * The key {@code key}, normalized.
     *
     * @throws InvalidPathException naming the key and the rule (PATH-005 {@code ..}, PATH-006 NUL, PATH-007 empty,
     *     PATH-010 unpaired surrogate) if it is no valid store key
     */
    public static StoreKey of(String key) {
        return new StoreKey(RemotePath.of(key).toString());
    }

    /** The normalized key, as stored in the entity's column and as the store knows it. */
    public String value() {
        return value;
    }

    /** Code point order, which is the byte order the blob tables list keys in. */
    @Override
    public int compareTo(StoreKey other) {
        return RemotePath.compareKeys(value, other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreKey && ((StoreKey) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The key itself. */
    @Override
    public String toString() {
        return value;
    }
}

package dev.remotestore.quarkus.deployment;

import io.quarkus.builder.item.MultiBuildItem;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured store, as the build knows it: name ({@code <default>} for the default store), {@code type} and
 * {@code datasource}. Build steps that serve stores (named queries for {@code sql-query} stores, say) read these.
 */
public final class RemoteStoreBuildItem extends MultiBuildItem {
    private final String name;
    private final String type;
    private final Optional<String> dataSource;

    /** A configured store. */
    public RemoteStoreBuildItem(String name, String type, Optional<String> dataSource) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The store's name; {@code <default>} for the default store. */
    public String name() {
        return name;
    }

    /** The store's {@code type}, trimmed. */
    public String type() {
        return type;
    }

    /** The datasource the store names, if it names one (else it uses the default datasource, or a {@code url}). */
    public Optional<String> dataSource() {
        return dataSource;
    }

    /** Whether this is a {@code composite}. */
    public boolean isComposite() {
        return type.equals("composite");
    }

    /** Whether this store's type is {@code sql-blob} or {@code sql-query}. */
    public boolean isSql() {
        return type.equals("sql-blob") || type.equals("sql-query");
    }
}

package dev.remotestore.quarkus.deployment;

import dev.remotestore.sql.QuerySource;
import io.quarkus.builder.item.MultiBuildItem;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The named queries a {@code sql-query} store serves (with {@code named-queries}, which then defaults to
 * {@code true}), instead of those the extension reads itself where the application has Hibernate ORM (the named
 * native queries of the persistence units on the store's datasource). The supplier is a recorder's proxy
 * (or an object the recorder can rebuild: a public class with a public no-argument constructor); it runs once at
 * startup, after the datasources and persistence units started and the migrations ran.
 */
public final class RemoteStoreQuerySourceBuildItem extends MultiBuildItem {
    private final String storeName;
    private final Supplier<QuerySource> querySource;

    /** The named queries of the store {@code storeName}. */
    public RemoteStoreQuerySourceBuildItem(String storeName, Supplier<QuerySource> querySource) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.querySource = Objects.requireNonNull(querySource, "querySource");
    }

    /** The store's name; {@code <default>} for the default store. */
    public String storeName() {
        return storeName;
    }

    /** Supplies the queries at run time. */
    public Supplier<QuerySource> querySource() {
        return querySource;
    }
}

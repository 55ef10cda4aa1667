package dev.remotestore.quarkus.runtime;

import dev.remotestore.sql.QuerySource;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the build found out about the stores, handed to {@link RemoteStores#create} at run time.
 *
 * @param types store name → {@code type} (build-time property)
 * @param dataSources store name → {@code datasource}, for the stores that name one (build-time property)
 * @param jdbcDataSources the names of the application's JDBC datasources ({@code <default>} for the default one)
 * @param managedDataSources datasource → the migration tool (Flyway) that manages its schema: {@code sql-blob} stores
 *     on them do not create their table unless {@code create-table} says so
 * @param querySources store name → its named queries (Hibernate ORM named native queries), for {@code sql-query}
 *     stores; a supplier answers {@code null} when the store's datasource has none
 * @param hibernateOrm whether the application has Hibernate ORM: {@code named-queries} then defaults to {@code true},
 *     and without it {@code named-queries=true} is refused naming the extension to add
 */
public record StoreSetup(
        Map<String, String> types,
        Map<String, String> dataSources,
        Set<String> jdbcDataSources,
        Map<String, String> managedDataSources,
        Map<String, Supplier<QuerySource>> querySources,
        boolean hibernateOrm) {
    /** Copies the collections. */
    public StoreSetup {
        types = Map.copyOf(types);
        dataSources = Map.copyOf(dataSources);
        jdbcDataSources = Set.copyOf(jdbcDataSources);
        managedDataSources = Map.copyOf(managedDataSources);
        querySources = Map.copyOf(querySources);
    }
}

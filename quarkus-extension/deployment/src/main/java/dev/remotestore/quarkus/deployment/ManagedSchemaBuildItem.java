package dev.remotestore.quarkus.deployment;

import io.quarkus.builder.item.MultiBuildItem;
import java.util.Objects;

/**
 * A schema migration tool (Flyway) manages the tables of a datasource: {@code sql-blob} stores on it leave their
 * table to the migrations ({@code create-table} defaults to {@code false}), so that a store never races them. The
 * one decision "does a migration tool manage this datasource" is made where this item is produced; what it means
 * for a store is decided in one place at run time ({@code RemoteStores.leavesTableToMigrations}). Stores are
 * created after the migrations ran in any case. {@link FlywayIntegration} produces one per datasource that Flyway
 * migrates; the items reach the run time in a step of their own, so a producer may depend on what happens after the
 * beans are defined (as Flyway's announcement of its datasources does).
 */
public final class ManagedSchemaBuildItem extends MultiBuildItem {
    private final String dataSourceName;
    private final String managedBy;

    /**
     * @param dataSourceName the datasource ({@code <default>} for the default one)
     * @param managedBy the tool, for messages ({@code Flyway})
     */
    public ManagedSchemaBuildItem(String dataSourceName, String managedBy) {
        this.dataSourceName = Objects.requireNonNull(dataSourceName, "dataSourceName");
        this.managedBy = Objects.requireNonNull(managedBy, "managedBy");
    }

    /** The datasource; {@code <default>} for the default one. */
    public String dataSourceName() {
        return dataSourceName;
    }

    /** The tool that manages it. */
    public String managedBy() {
        return managedBy;
    }
}

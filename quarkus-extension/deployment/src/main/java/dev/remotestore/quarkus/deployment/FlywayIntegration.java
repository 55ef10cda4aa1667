package dev.remotestore.quarkus.deployment;

import io.quarkus.agroal.spi.JdbcDataSourceSchemaReadyBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the application has Flyway ({@link Capability#FLYWAY}): a {@code sql-blob} store on a datasource that Flyway
 * migrates leaves its table to the migrations ({@link ManagedSchemaBuildItem}), and the application's migrations that
 * extend {@code dev.remotestore.flyway.CreateBlobTable} are found.
 */
class FlywayIntegration {
    static final String FLYWAY = "Flyway";
    static final String CREATE_BLOB_TABLE = "dev.remotestore.flyway.CreateBlobTable";

    /**
     * The datasources Flyway migrates: those that have migrations in their {@code locations}, as Flyway announces
     * them to the other extensions (the item Hibernate ORM also waits for). It is known after Flyway's start actions
     * ran: a datasource Flyway migrates at start is migrated before any store exists.
     */
    @BuildStep
    void managedSchemas(
            Capabilities capabilities,
            List<JdbcDataSourceSchemaReadyBuildItem> schemaReady,
            BuildProducer<ManagedSchemaBuildItem> managed) {
        if (!capabilities.isPresent(Capability.FLYWAY)) {
            return; // another tool's (Liquibase) datasources are not Flyway's
        }
        Set<String> dataSources = new TreeSet<>();
        schemaReady.forEach(s -> dataSources.addAll(s.getDatasourceNames()));
        dataSources.forEach(d -> managed.produce(new ManagedSchemaBuildItem(d, FLYWAY)));
    }

    /**
     * {@code CreateBlobTable} (and with it Flyway's base classes) in the index: Quarkus' Flyway registers the Java
     * migrations it finds in the index as implementations of {@code JavaMigration}, and a subclass is found only
     * through an indexed hierarchy. Only where the application has {@code remote-store-flyway}.
     */
    @BuildStep
    AdditionalIndexedClassesBuildItem indexCreateBlobTable(Capabilities capabilities) {
        if (!capabilities.isPresent(Capability.FLYWAY)
                || Thread.currentThread()
                                .getContextClassLoader()
                                .getResource(CREATE_BLOB_TABLE.replace('.', '/') + ".class")
                        == null) {
            return null;
        }
        return new AdditionalIndexedClassesBuildItem(CREATE_BLOB_TABLE);
    }
}

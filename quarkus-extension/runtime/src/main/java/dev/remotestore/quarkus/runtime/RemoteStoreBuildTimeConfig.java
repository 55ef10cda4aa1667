package dev.remotestore.quarkus.runtime;

import dev.remotestore.config.StoreFactory;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;
import java.util.Map;
import java.util.Optional;

/**
 * What the build needs to know of the stores: their names and types (which beans exist, of which types) and their
 * datasources (which Agroal datasources they use). The default store's properties stand right under
 * {@code quarkus.remote-store.}, a named store's under {@code quarkus.remote-store."<name>".}; the other properties
 * are in {@link RemoteStoreRuntimeConfig}.
 */
@ConfigMapping(prefix = "quarkus.remote-store")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface RemoteStoreBuildTimeConfig {
    /** The stores: the default one (injected with {@code @Inject Store}) and named ones. */
    @ConfigDocMapKey("store-name")
    @ConfigDocSection
    @WithParentName
    @WithDefaults
    @WithUnnamedKey(StoreFactory.DEFAULT)
    Map<String, StoreBuildTimeConfig> stores();

    /**
     * Whether a readiness check of the stores is published when the {@code quarkus-smallrye-health} extension is
     * present. A setting for all stores.
     */
    @WithName("health.enabled")
    @WithDefault("true")
    boolean healthEnabled();

    /**
     * Whether the stores' operations are measured (meters {@code remote.store.operations},
     * {@code remote.store.bytes}, {@code remote.store.errors}) when the {@code quarkus-micrometer} extension is
     * present. A setting for all stores.
     */
    @WithName("metrics.enabled")
    @WithDefault("true")
    boolean metricsEnabled();

    /** The blob-table entity {@code dev.remotestore.jpa.StoredObject}, where the application has Hibernate ORM. */
    EntityConfig entity();

    /** The blob-table entity. */
    @ConfigGroup
    interface EntityConfig {
        /**
         * Whether the JPA entity {@code dev.remotestore.jpa.StoredObject} (the blob table's metadata: key, size,
         * modification time, content type, digest; no content) is part of a persistence unit, for JPQL over the
         * stored objects. Off unless asked for: an entity joins a unit's schema validation, which fails where the
         * table does not exist yet. Requires the {@code quarkus-hibernate-orm} extension. Hibernate's schema
         * management other than {@code validate} never creates, updates or drops the blob table (the entity does not
         * map its {@code data} column): let a migration ({@code CreateBlobTable}) or the {@code sql-blob} store
         * ({@code create-table}) create it.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * The persistence unit the entity joins. Where the application has only the default unit and no
         * {@code packages} settings, every entity is in the default unit, and this setting is not consulted.
         */
        @WithDefault(StoreFactory.DEFAULT)
        String persistenceUnit();
    }

    /** The build-time properties of one store. */
    @ConfigGroup
    interface StoreBuildTimeConfig {
        /**
         * The store's type: {@code sql-blob} (a blob table), {@code sql-query} (SQL results served as files),
         * {@code local} (a directory), {@code memory}, {@code composite} (tiers of other stores), or a type that a
         * module on the class path adds. Every store needs one.
         */
        Optional<String> type();

        /**
         * For {@code sql-blob} and {@code sql-query}: the name of the Quarkus datasource the store uses
         * ({@code quarkus.datasource."<name>".*}). Absent: the default datasource, unless {@code url} is set. The
         * store borrows it and never closes it; its writes join the caller's transaction.
         */
        Optional<String> datasource();
    }
}

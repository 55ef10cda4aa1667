package dev.remotestore.quarkus.deployment;

import dev.remotestore.quarkus.runtime.RemoteStoreBuildTimeConfig;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.hibernate.orm.deployment.spi.AdditionalJpaModelBuildItem;
import java.util.Set;

/**
 * Where the application has Hibernate ORM ({@link Capability#HIBERNATE_ORM}): the classes of {@code remote-store-jpa}
 * join its persistence units. Named native queries need no build step: {@code sql-query} stores read them from the
 * persistence units on their datasource when they are created ({@code named-queries}, default {@code true} with
 * Hibernate ORM), unless a {@link RemoteStoreQuerySourceBuildItem} provides a store's queries.
 *
 * <p>{@code remote-store-jpa} ships no Jandex index, so that its entity is in no persistence unit unless asked for:
 * Quarkus puts every indexed entity into the default unit (which would then validate, or generate, a blob table the
 * application may not have, and exist even where the application has no default datasource).
 */
class HibernateOrmIntegration {
    static final String STORED_OBJECT = "dev.remotestore.jpa.StoredObject";
    static final String STORE_KEY_CONVERTER = "dev.remotestore.jpa.StoreKeyConverter";
    static final String ENTITY_ENABLED = "quarkus.remote-store.entity.enabled";

    /**
     * The auto-applied {@code StoreKeyConverter}, for entities that hold {@code StoreKey}s (in the default unit, or in
     * the units whose {@code packages} name {@code dev.remotestore.jpa}); {@code StoredObject} in the unit
     * {@code quarkus.remote-store.entity.persistence-unit} when {@code quarkus.remote-store.entity.enabled}.
     */
    @BuildStep
    void jpaModel(
            Capabilities capabilities,
            RemoteStoreBuildTimeConfig config,
            BuildProducer<AdditionalJpaModelBuildItem> model) {
        if (!capabilities.isPresent(Capability.HIBERNATE_ORM)) {
            return; // entity.enabled without it fails in RemoteStoreProcessor#stores, a step that always runs
        }
        // No unit named: indexed and enhanced, in the default unit when it is the only one, else where packages say.
        model.produce(new AdditionalJpaModelBuildItem(STORE_KEY_CONVERTER, Set.of()));
        if (config.entity().enabled()) {
            model.produce(new AdditionalJpaModelBuildItem(
                    STORED_OBJECT, Set.of(config.entity().persistenceUnit().trim())));
        }
    }
}

package dev.remotestore.quarkus.deployment;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.config.StoreFactory;
import dev.remotestore.quarkus.runtime.RemoteStoreBuildTimeConfig;
import dev.remotestore.quarkus.runtime.RemoteStoreBuildTimeConfig.StoreBuildTimeConfig;
import dev.remotestore.quarkus.runtime.RemoteStoreRecorder;
import dev.remotestore.quarkus.runtime.RemoteStores;
import dev.remotestore.quarkus.runtime.StoreObserver;
import dev.remotestore.sql.QuerySource;
import io.quarkus.agroal.spi.JdbcDataSourceBuildItem;
import io.quarkus.arc.BeanDestroyer;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.processor.DotNames;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ModuleOpenBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.metrics.MetricsFactory;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;

/**
 * The extension's build steps: one {@code Store} bean per configured store ({@code @Default} for the default store,
 * {@code @Identifier("<name>")} for named ones, also a {@code CompositeStore} bean for a composite), all held by one
 * {@link RemoteStores} bean that creates them at startup and closes them at shutdown; a readiness check with
 * SmallRye Health, meters with Micrometer.
 */
class RemoteStoreProcessor {
    static final String FEATURE = "remote-store";

    private static final DotName REMOTE_STORES = DotName.createSimple(RemoteStores.class);
    private static final DotName STORE_OBSERVER = DotName.createSimple(StoreObserver.class);
    private static final DotName STORE = DotName.createSimple(Store.class);
    private static final DotName COMPOSITE_STORE = DotName.createSimple(CompositeStore.class);
    private static final DotName IDENTIFIER = DotName.createSimple(Identifier.class);
    // By name: they implement or use types of optional extensions, which the build may not have.
    private static final String HEALTH_CHECK = "dev.remotestore.quarkus.runtime.health.RemoteStoreHealthCheck";
    private static final String METERS = "dev.remotestore.quarkus.runtime.metrics.RemoteStoreMeters";
    private static final String ARROW_MEMORY = "org.apache.arrow.memory.BufferAllocator";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    void index(BuildProducer<AdditionalIndexedClassesBuildItem> indexed, BuildProducer<AdditionalBeanBuildItem> beans) {
        // Synthetic beans need their classes in the index, and ArC knows @Identifier as a qualifier only when indexed.
        indexed.produce(new AdditionalIndexedClassesBuildItem(
                Store.class.getName(), CompositeStore.class.getName(), RemoteStores.class.getName()));
        beans.produce(new AdditionalBeanBuildItem(Identifier.class));
    }

    /**
     * Arrow's memory module reads {@code java.nio} internals: with Arrow on the class path (sql-query stores that
     * serve {@code .arrow}/{@code .arrows}), the application opens {@code java.base/java.nio} to it — in the runner
     * jar's manifest, and in dev mode and tests — as Quarkus' Netty support does for Netty, so nobody passes
     * {@code --add-opens} by hand.
     */
    @BuildStep
    void openJavaNioToArrow(BuildProducer<ModuleOpenBuildItem> opens) {
        if (QuarkusClassLoader.isClassPresentAtRuntime(ARROW_MEMORY)) {
            opens.produce(new ModuleOpenBuildItem("java.base", "org.apache.arrow.memory.core", "java.nio"));
        }
    }

    /**
     * The configured stores, from the build-time configuration: every store that has a {@code type}. A
     * {@code datasource} must name one of the application's JDBC datasources; the blob-table entity needs Hibernate
     * ORM.
     *
     * @throws ConfigurationException naming every {@code datasource} property that names none, and
     *     {@code entity.enabled} without Hibernate ORM
     */
    @BuildStep
    void stores(
            RemoteStoreBuildTimeConfig config,
            List<JdbcDataSourceBuildItem> jdbcDataSources,
            Capabilities capabilities,
            BuildProducer<RemoteStoreBuildItem> stores) {
        Set<String> known = new TreeSet<>();
        jdbcDataSources.forEach(d -> known.add(d.getName()));
        List<String> problems = new ArrayList<>();
        Set<String> properties = new LinkedHashSet<>();
        for (Map.Entry<String, StoreBuildTimeConfig> e : new java.util.TreeMap<>(config.stores()).entrySet()) {
            String name = e.getKey();
            Optional<String> type = nonBlank(e.getValue().type());
            Optional<String> dataSource = nonBlank(e.getValue().datasource());
            if (dataSource.isPresent() && !known.contains(dataSource.get())) {
                String property = RemoteStores.prefix(name) + "datasource";
                properties.add(property);
                problems.add(property + ": names the datasource \"" + dataSource.get() + "\", which is not one of the"
                        + " application's JDBC datasources; "
                        + (!capabilities.isPresent(Capability.AGROAL)
                                ? "the application has none: add io.quarkus:quarkus-agroal and a JDBC driver extension"
                                        + " (io.quarkus:quarkus-jdbc-h2, -postgresql, -mariadb…) and configure"
                                        + " quarkus.datasource.\"" + dataSource.get() + "\".*"
                                : known.isEmpty()
                                        ? "none is configured (quarkus.datasource.\"" + dataSource.get() + "\".db-kind)"
                                        : "they are " + known));
            }
            type.ifPresent(t -> stores.produce(new RemoteStoreBuildItem(name, t, dataSource)));
        }
        if (config.entity().enabled() && !capabilities.isPresent(Capability.HIBERNATE_ORM)) {
            properties.add(HibernateOrmIntegration.ENTITY_ENABLED);
            problems.add(HibernateOrmIntegration.ENTITY_ENABLED
                    + ": is true, but the application has no Hibernate ORM: add the Quarkus extension"
                    + " io.quarkus:quarkus-hibernate-orm (the entity " + HibernateOrmIntegration.STORED_OBJECT
                    + " joins one of its persistence units), or set " + HibernateOrmIntegration.ENTITY_ENABLED
                    + "=false");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(
                    "the remote-store configuration has " + problems.size()
                            + (problems.size() == 1 ? " problem:\n  " : " problems:\n  ")
                            + String.join("\n  ", problems),
                    properties);
        }
    }

    /**
     * The beans: {@link RemoteStores} (created at startup, closed at shutdown) and one {@code Store} bean per store.
     * Every bean is a {@code @Singleton}: {@code Store} has no no-argument constructor and {@code CompositeStore} is
     * final, so neither can have a client proxy; the stores are immutable and thread-safe, so one instance each is
     * what an application wants anyway.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void beans(
            RemoteStoreRecorder recorder,
            RemoteStoreBuildTimeConfig config,
            List<RemoteStoreBuildItem> stores,
            List<JdbcDataSourceBuildItem> jdbcDataSources,
            List<RemoteStoreQuerySourceBuildItem> querySources,
            Capabilities capabilities,
            Optional<MetricsCapabilityBuildItem> metricsCapability,
            BuildProducer<SyntheticBeanBuildItem> beans,
            BuildProducer<AdditionalBeanBuildItem> additionalBeans) {
        Map<String, String> types = new HashMap<>();
        Map<String, String> dataSources = new HashMap<>();
        for (Map.Entry<String, StoreBuildTimeConfig> e : config.stores().entrySet()) {
            nonBlank(e.getValue().type()).ifPresent(t -> types.put(e.getKey(), t));
            nonBlank(e.getValue().datasource()).ifPresent(d -> dataSources.put(e.getKey(), d));
        }
        Set<String> jdbc = new HashSet<>();
        jdbcDataSources.forEach(d -> jdbc.add(d.getName()));
        Map<String, Supplier<QuerySource>> named = new HashMap<>();
        for (RemoteStoreQuerySourceBuildItem q : querySources) {
            if (named.put(q.storeName(), q.querySource()) != null) {
                throw new IllegalStateException("two build steps provide named queries for the store \"" + q.storeName()
                        + "\"; a store has one query source");
            }
        }
        boolean observed = config.metricsEnabled()
                && metricsCapability
                        .map(m -> m.metricsSupported(MetricsFactory.MICROMETER))
                        .orElse(false);

        SyntheticBeanBuildItem.ExtendedBeanConfigurator all = SyntheticBeanBuildItem.configure(RemoteStores.class)
                .scope(Singleton.class)
                .setRuntimeInit()
                .startup() // created, and the configuration checked, when the application starts
                .unremovable()
                .destroyer(BeanDestroyer.AutoCloseableDestroyer.class)
                .createWith(recorder.remoteStores(
                        types, dataSources, jdbc, named, capabilities.isPresent(Capability.HIBERNATE_ORM), observed));
        if (observed) {
            additionalBeans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClass(METERS)
                    .setUnremovable()
                    .build());
            all.addInjectionPoint(ClassType.create(STORE_OBSERVER));
        }
        beans.produce(all.done());

        for (RemoteStoreBuildItem store : stores) {
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem.configure(
                            store.isComposite() ? CompositeStore.class : Store.class)
                    .types(
                            store.isComposite()
                                    ? new Class<?>[] {Store.class, CompositeStore.class}
                                    : new Class<?>[] {Store.class})
                    .scope(Singleton.class)
                    .setRuntimeInit()
                    .unremovable()
                    .addInjectionPoint(ClassType.create(REMOTE_STORES))
                    .createWith(recorder.store(store.name()));
            if (StoreFactory.DEFAULT.equals(store.name())) {
                bean.addQualifier(Default.class);
            } else {
                bean.addQualifier(AnnotationInstance.builder(Identifier.class)
                        .value(store.name())
                        .build());
            }
            beans.produce(bean.done());
        }
    }

    /**
     * Which datasources' schemas migration tools manage ({@link ManagedSchemaBuildItem}), handed to the run time
     * before the stores are created. A step of its own, not part of {@link #beans}: Flyway knows its datasources only
     * after its start actions, which come after the beans are defined.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void managedSchemas(RemoteStoreRecorder recorder, List<ManagedSchemaBuildItem> managedSchemas) {
        Map<String, String> managed = new HashMap<>();
        managedSchemas.forEach(m -> managed.merge(m.dataSourceName(), m.managedBy(), (a, b) -> a + " and " + b));
        recorder.managedSchemas(managed);
    }

    /**
     * An injection point of a {@code Store} (or {@code CompositeStore}) that no configured store serves fails the
     * build naming the property to set. It runs before ArC validates the deployment (it produces an item ArC's
     * validation consumes), since ArC stops at the first unsatisfied dependency with a message that cannot say
     * which property is missing.
     *
     * @throws ConfigurationException naming every such injection point and its property
     */
    @BuildStep
    UnremovableBeanBuildItem injectionPoints(
            BeanDiscoveryFinishedBuildItem discovery, List<RemoteStoreBuildItem> stores) {
        Map<String, RemoteStoreBuildItem> byName = new HashMap<>();
        stores.forEach(s -> byName.put(s.name(), s));
        List<String> problems = new ArrayList<>();
        Set<String> properties = new TreeSet<>();
        for (InjectionPointInfo ip : discovery.getInjectionPoints()) {
            DotName type = ip.getRequiredType().name();
            if (ip.isProgrammaticLookup() || !(type.equals(STORE) || type.equals(COMPOSITE_STORE))) {
                continue;
            }
            String name = null;
            for (AnnotationInstance q : ip.getRequiredQualifiers()) {
                if (q.name().equals(IDENTIFIER)) {
                    name = q.value().asString();
                } else if (q.name().equals(DotNames.DEFAULT)) {
                    name = StoreFactory.DEFAULT;
                }
            }
            if (name == null) {
                continue; // a qualifier of the application's own: its business
            }
            RemoteStoreBuildItem store = byName.get(name);
            String property = RemoteStores.prefix(name) + "type";
            if (store == null) {
                properties.add(property);
                problems.add(ip.getTargetInfo() + " injects the " + describe(name) + ", which is not configured: set "
                        + property + " (the configured stores are " + new TreeSet<>(byName.keySet()) + ")");
            } else if (type.equals(COMPOSITE_STORE) && !store.isComposite()) {
                properties.add(property);
                problems.add(ip.getTargetInfo() + " injects the " + describe(name) + " as a CompositeStore, but "
                        + property + " is " + store.type() + "; inject it as a Store");
            }
        }
        if (!problems.isEmpty()) {
            Collections.sort(problems);
            throw new ConfigurationException(
                    "the remote-store configuration does not serve " + problems.size()
                            + (problems.size() == 1 ? " injection point:\n  " : " injection points:\n  ")
                            + String.join("\n  ", problems),
                    properties);
        }
        return UnremovableBeanBuildItem.beanTypes(REMOTE_STORES);
    }

    private static String describe(String store) {
        return StoreFactory.DEFAULT.equals(store) ? "default store" : "store \"" + store + "\"";
    }

    @BuildStep
    HealthBuildItem health(Capabilities capabilities, RemoteStoreBuildTimeConfig config) {
        return capabilities.isPresent(Capability.SMALLRYE_HEALTH)
                ? new HealthBuildItem(HEALTH_CHECK, config.healthEnabled())
                : null;
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }
}

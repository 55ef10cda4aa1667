package dev.remotestore.quarkus.runtime;

import dev.remotestore.Store;
import dev.remotestore.sql.QuerySource;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Creates the stores and their beans at run time, from what the build recorded. */
@Recorder
public class RemoteStoreRecorder {
    /**
     * Datasource → the migration tool that manages its schema, as the build found it. Known only once the tools ran
     * (Flyway says so after its start actions, which come after the beans are defined), so it is handed over here at
     * run-time init and read when the stores are created, at startup.
     */
    private static volatile Map<String, String> managedSchemas = Map.of();

    private final RuntimeValue<RemoteStoreRuntimeConfig> config;

    /** Quarkus injects the run-time configuration. */
    @Inject
    public RemoteStoreRecorder(RuntimeValue<RemoteStoreRuntimeConfig> config) {
        this.config = config;
    }

    /**
     * Creates the {@link RemoteStores} bean: checks the configuration, creates every store.
     *
     * @param hibernateOrm whether the application has Hibernate ORM (named queries default to on)
     * @param observed whether the stores are measured (the bean then injects a {@link StoreObserver})
     */
    public Function<SyntheticCreationalContext<RemoteStores>, RemoteStores> remoteStores(
            Map<String, String> types,
            Map<String, String> dataSources,
            Set<String> jdbcDataSources,
            Map<String, Supplier<QuerySource>> querySources,
            boolean hibernateOrm,
            boolean observed) {
        return context -> {
            StoreSetup setup =
                    new StoreSetup(types, dataSources, jdbcDataSources, managedSchemas, querySources, hibernateOrm);
            StoreObserver observer = observed ? context.getInjectedReference(StoreObserver.class) : null;
            Function<String, DataSource> lookup =
                    name -> setup.jdbcDataSources().contains(name) ? AgroalDataSources.lookup(name) : null;
            return RemoteStores.create(setup, config.getValue(), lookup, observer);
        };
    }

    /** Creates the bean of the store {@code name}: the store {@link RemoteStores} holds under that name. */
    public Function<SyntheticCreationalContext<Store>, Store> store(String name) {
        return context -> context.getInjectedReference(RemoteStores.class).get(name);
    }

    /**
     * Hands over which datasources' schemas migration tools manage (datasource → tool), before the stores are
     * created.
     */
    public void managedSchemas(Map<String, String> managed) {
        managedSchemas = Map.copyOf(managed);
    }
}

package dev.remotestore.cdi;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.config.StoreConfigurationException;
import dev.remotestore.config.StoreFactory;
import dev.remotestore.config.Stores;
import dev.remotestore.jpa.NamedQuerySource;
import dev.remotestore.sql.QuerySource;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManagerFactory;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@link Store} beans for a plain Jakarta CDI application (no Quarkus), configured through MicroProfile Config
 * with the properties of {@code docs/configuration.md} under the prefix {@value #PREFIX}: the default store
 * ({@code remote-store.type=…}) is injected with {@code @Inject Store}, a named one
 * ({@code remote-store."hot".type=…}) with {@code @Inject @Identifier("hot") Store}; a composite is also
 * injectable as {@link CompositeStore}.
 *
 * <p>SQL stores use the application's {@link DataSource} beans: the {@code @Default} one, or the one a store
 * names with {@code datasource=<name>} ({@code @Identifier("<name>")} or {@code @Named("<name>")}). Where an
 * {@link EntityManagerFactory} bean exists, {@code sql-query} stores serve its named native queries
 * ({@code named-queries}, default {@code true} then).
 *
 * <p>A misconfiguration fails the deployment, naming the property: the shape of the configuration (types,
 * tiers, values) when beans are discovered, datasources and named queries when the deployment is validated, when
 * every store is created. Stores are {@code @Singleton}s ({@link Store} has no constructor a client proxy could
 * use), closed at shutdown; datasources are the application's and stay open.
 *
 * <p>Registered through {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public class RemoteStoreExtension implements Extension {
    /** The prefix of the configuration properties. */
    public static final String PREFIX = "remote-store.";

    /** Stands in for datasources while only the configuration's shape is checked. */
    private static final DataSource SHAPE_ONLY = (DataSource) Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "toString":
                        return "a datasource of the application, known when the deployment is validated";
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    default:
                        throw new IllegalStateException("only the configuration's shape is checked here");
                }
            });

    private static final QuerySource SHAPE_ONLY_QUERIES = new QuerySource() {
        @Override
        public String name() {
            return NamedQuerySource.NAME;
        }

        @Override
        public Map<String, String> queries() {
            return Map.of();
        }
    };

    private Map<String, String> properties;
    private StoreFactory shape;
    private volatile Stores stores;

    void addStoreBeans(@Observes AfterBeanDiscovery abd) {
        properties = properties(ConfigProvider.getConfig());
        if (properties.isEmpty()) {
            return;
        }
        try {
            // named queries stand in as present: whether they are is known once the beans can be asked
            shape = factory(name -> SHAPE_ONLY, store -> SHAPE_ONLY_QUERIES).build();
        } catch (StoreConfigurationException | IllegalStateException e) {
            abd.addDefinitionError(e);
            return;
        }
        for (String name : shape.names()) {
            boolean composite = shape.isComposite(name);
            Annotation qualifier =
                    name.equals(StoreFactory.DEFAULT) ? Default.Literal.INSTANCE : Identifier.Literal.of(name);
            var bean = abd.addBean()
                    .beanClass(RemoteStoreExtension.class)
                    .scope(Singleton.class)
                    .qualifiers(qualifier, Any.Literal.INSTANCE)
                    .createWith(context -> stores.get(name));
            if (composite) {
                bean.types(Store.class, CompositeStore.class, Object.class);
            } else {
                bean.types(Store.class, Object.class);
            }
        }
    }

    /** Creates every store now, on the application's datasources: any failure fails the deployment. */
    void createStores(@Observes AfterDeploymentValidation adv, BeanManager beans) {
        if (shape == null) {
            return;
        }
        try {
            stores = factory(name -> dataSource(beans, name), namedQueries(beans))
                    .build()
                    .createAll();
        } catch (RuntimeException e) {
            adv.addDeploymentProblem(e);
        }
    }

    void closeStores(@Observes BeforeShutdown shutdown) {
        Stores open = stores;
        if (open != null) {
            stores = null;
            open.close();
        }
    }

    private StoreFactory.Builder factory(
            Function<String, DataSource> dataSources, Function<String, QuerySource> named) {
        StoreFactory.Builder builder =
                StoreFactory.builder().prefix(PREFIX).properties(properties).dataSources(dataSources);
        if (named != null) {
            builder.namedQueries(named);
        }
        return builder;
    }

    /** The configuration's {@value #PREFIX} properties, without the prefix. */
    private static Map<String, String> properties(Config config) {
        Map<String, String> found = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> found.put(name.substring(PREFIX.length()), value));
            }
        }
        return found;
    }

    /** The application's datasource bean of {@code name}, or null if it has none. */
    private static DataSource dataSource(BeanManager beans, String name) {
        if (name.equals(StoreFactory.DEFAULT)) {
            return reference(beans, DataSource.class, Default.Literal.INSTANCE);
        }
        DataSource identified = reference(beans, DataSource.class, Identifier.Literal.of(name));
        return identified != null ? identified : reference(beans, DataSource.class, NamedLiteral.of(name));
    }

    /** The named native queries of the application's default EntityManagerFactory, if it has one. */
    private static Function<String, QuerySource> namedQueries(BeanManager beans) {
        EntityManagerFactory emf = reference(beans, EntityManagerFactory.class, Default.Literal.INSTANCE);
        if (emf == null) {
            return null;
        }
        NamedQuerySource source = NamedQuerySource.of(emf);
        return store -> source;
    }

    private static <T> T reference(BeanManager beans, Class<T> type, Annotation qualifier) {
        Set<Bean<?>> candidates = beans.getBeans(type, qualifier);
        if (candidates.isEmpty()) {
            return null;
        }
        Bean<?> bean = beans.resolve(candidates);
        return type.cast(beans.getReference(bean, type, beans.createCreationalContext(bean)));
    }
}

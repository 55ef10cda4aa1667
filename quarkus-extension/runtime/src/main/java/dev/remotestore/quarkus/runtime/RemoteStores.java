package dev.remotestore.quarkus.runtime;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.composite.Tier;
import dev.remotestore.config.StoreConfigurationException;
import dev.remotestore.config.StoreConfigurationException.Problem;
import dev.remotestore.config.StoreFactory;
import dev.remotestore.config.Stores;
import dev.remotestore.ext.ObservingStore;
import dev.remotestore.quarkus.runtime.RemoteStoreRuntimeConfig.StoreRuntimeConfig;
import dev.remotestore.quarkus.runtime.orm.PersistenceUnitQueries;
import dev.remotestore.sql.QuerySource;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The application's stores, created together when the application starts (a singleton bean of the extension) and
 * closed together when it stops: each store closes a pool it built from a {@code url}, never a datasource it
 * borrowed. The {@code Store} beans hand out the stores held here. Thread-safe.
 */
public final class RemoteStores implements AutoCloseable {
    /** The configuration prefix, for messages. */
    public static final String PREFIX = "quarkus.remote-store.";

    /** The tier tag of a store that is no composite's tier. */
    public static final String NO_TIER = "none";

    private static final Logger LOG = Logger.getLogger(RemoteStores.class);

    private final Stores stores;
    private final Map<String, Store> undecorated;
    private final Map<String, String> composites;

    private RemoteStores(Stores stores, Map<String, Store> undecorated) {
        this.stores = stores;
        this.undecorated = Map.copyOf(undecorated);
        Map<String, String> owners = new LinkedHashMap<>();
        stores.asMap().forEach((name, store) -> {
            if (store instanceof CompositeStore c) {
                c.tiers().forEach(t -> owners.put(t.name(), name));
            }
        });
        this.composites = Collections.unmodifiableMap(owners);
    }

    /**
     * Checks the configuration with remote-store's factory (every problem at once, each naming its property) and
     * creates every store.
     *
     * @param dataSources the application's datasource of a name ({@code <default>} for the default one), or
     *     {@code null}
     * @param observer measures every store's operations, or {@code null}
     * @throws dev.remotestore.config.StoreConfigurationException naming every wrong property
     * @throws ConfigurationException naming every wrong property, remote-store's factory's problems and those of the
     *     extension ({@code named-queries=true} where a store can have none: without Hibernate ORM, with a
     *     {@code url}, on a datasource without persistence unit), the factory's exception as cause
     * @throws dev.remotestore.RemoteStoreException if a store cannot be created (whatever was created is closed)
     */
    public static RemoteStores create(
            StoreSetup setup,
            RemoteStoreRuntimeConfig config,
            Function<String, DataSource> dataSources,
            StoreObserver observer) {
        Map<String, Map<String, String>> properties = properties(setup, config);
        Set<String> leftToMigrations = new TreeSet<>();
        properties.forEach((name, p) -> {
            if (leavesTableToMigrations(p, setup.managedDataSources().keySet())) {
                leftToMigrations.add(name);
                p.put("create-table", "false");
                LOG.infof(
                        "remote-store: the store %s leaves its table to the migrations of %s (set %screate-table=true"
                                + " to create it anyway)",
                        name, managedBy(p, setup), prefix(name));
            }
        });
        NamedQueries named = new NamedQueries(setup, properties);
        List<Problem> problems = named.refuseUnavailable();
        StoreFactory.Builder builder = StoreFactory.builder().prefix(PREFIX).dataSources(dataSources);
        properties.forEach(builder::store);
        if (setup.hibernateOrm() || !setup.querySources().isEmpty()) {
            builder.namedQueries(named::of);
        }
        Map<String, Store> undecorated = new ConcurrentHashMap<>();
        if (observer != null) {
            builder.decorator((name, store) -> {
                undecorated.put(name, store);
                // A composite is measured through its tiers, so that no operation counts twice.
                return store instanceof CompositeStore ? store : ObservingStore.of(store);
            });
        }
        StoreFactory factory;
        try {
            factory = builder.build();
        } catch (StoreConfigurationException e) {
            if (problems.isEmpty()) {
                throw e;
            }
            problems.addAll(0, e.problems());
            throw configurationException(problems, e);
        }
        if (!problems.isEmpty()) {
            throw configurationException(problems, null);
        }
        Stores stores;
        try {
            stores = factory.createAll();
        } catch (IllegalStateException e) {
            if (leftToMigrations.isEmpty()) {
                throw e;
            }
            // Likely the builder's "table does not exist": say which stores left their table to migrations.
            StringBuilder note = new StringBuilder(e.getMessage());
            for (String name : leftToMigrations) {
                note.append("\n  ")
                        .append(prefix(name))
                        .append("create-table defaults to false because ")
                        .append(managedBy(properties.get(name), setup))
                        .append(": let a migration create the table (one that extends"
                                + " dev.remotestore.flyway.CreateBlobTable), or set ")
                        .append(prefix(name))
                        .append("create-table=true");
            }
            throw new IllegalStateException(note.toString(), e);
        }
        if (observer == null) {
            undecorated.putAll(stores.asMap());
        }
        RemoteStores created = new RemoteStores(stores, undecorated);
        if (observer != null) {
            created.observe(observer);
        }
        LOG.debugf("remote-store: created the stores %s", stores.names());
        return created;
    }

    /** The problems the extension found, with remote-store's factory's ({@code cause}) if any, as Quarkus reports. */
    private static ConfigurationException configurationException(List<Problem> problems, Throwable cause) {
        Set<String> names = new TreeSet<>();
        StringBuilder message = new StringBuilder("the remote-store configuration has ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (Problem p : problems) {
            names.add(p.property());
            message.append("\n  ").append(p);
        }
        ConfigurationException e = new ConfigurationException(message.toString(), names);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /**
     * The named queries of {@code sql-query} stores: each store's query source (resolved once), and the reasons a
     * store that sets {@code named-queries=true} cannot have any, in Quarkus' terms (the extension to add), before
     * remote-store's factory would give its own, more general ones.
     */
    private static final class NamedQueries {
        private final StoreSetup setup;
        private final Map<String, Map<String, String>> properties;
        private final Map<String, Optional<QuerySource>> resolved = new ConcurrentHashMap<>();

        NamedQueries(StoreSetup setup, Map<String, Map<String, String>> properties) {
            this.setup = setup;
            this.properties = properties;
        }

        /**
         * The query source of the store {@code name}, or {@code null}: the one a build step provided for it, else
         * (with Hibernate ORM) the named native queries of the persistence units on its datasource; none for a store
         * with a {@code url}, which is another database than the persistence units'.
         */
        QuerySource of(String name) {
            Map<String, String> p = properties.getOrDefault(name, Map.of());
            Supplier<QuerySource> provided = setup.querySources().get(name);
            if (p.containsKey("url") || (provided == null && !setup.hibernateOrm())) {
                return null;
            }
            String dataSource = trim(p.getOrDefault("datasource", StoreFactory.DEFAULT));
            Supplier<QuerySource> source =
                    provided != null ? provided : () -> PersistenceUnitQueries.onDataSource(dataSource);
            return resolved.computeIfAbsent(name, n -> Optional.ofNullable(source.get()))
                    .orElse(null);
        }

        /**
         * The problem of every {@code sql-query} store that sets {@code named-queries=true} but can have no named
         * queries; its property is taken out of what the factory checks, so that it is reported once.
         */
        List<Problem> refuseUnavailable() {
            List<Problem> problems = new ArrayList<>();
            properties.forEach((name, p) -> {
                String wanted = p.get("named-queries");
                if (!"sql-query".equals(trim(p.get("type")))
                        || wanted == null
                        || !wanted.trim().equalsIgnoreCase("true")) {
                    return;
                }
                String why = whyNone(name, p);
                if (why != null) {
                    p.remove("named-queries");
                    problems.add(new Problem(
                            prefix(name) + "named-queries",
                            "is true, but " + why + "; or set " + prefix(name) + "named-queries=false"));
                }
            });
            return problems;
        }

        private String whyNone(String name, Map<String, String> p) {
            String dataSource = trim(p.getOrDefault("datasource", StoreFactory.DEFAULT));
            if (!setup.hibernateOrm() && !setup.querySources().containsKey(name)) {
                return "the application has no Hibernate ORM, where named native queries come from: add the Quarkus"
                        + " extension io.quarkus:quarkus-hibernate-orm, with an entity that declares the"
                        + " @NamedNativeQuery in a persistence unit on the datasource " + dataSource;
            }
            if (p.containsKey("url")) {
                return "the store has a url, and named native queries come from the persistence units on the"
                        + " application's datasources: name a datasource (" + prefix(name) + "datasource) instead";
            }
            try {
                if (of(name) != null) {
                    return null;
                }
            } catch (IllegalArgumentException invalidQueries) {
                return null; // the factory reports it, as a problem of named-queries naming the query
            }
            return setup.querySources().containsKey(name)
                    ? "the named-query source provided for this store has none"
                    : "no Hibernate ORM persistence unit uses the datasource " + dataSource
                            + " (quarkus.hibernate-orm.datasource, quarkus.hibernate-orm.\"<unit>\".datasource)";
        }
    }

    private static String managedBy(Map<String, String> store, StoreSetup setup) {
        String dataSource =
                store.getOrDefault("datasource", StoreFactory.DEFAULT).trim();
        return setup.managedDataSources().get(dataSource) + " on the datasource " + dataSource;
    }

    private void observe(StoreObserver observer) {
        stores.asMap().forEach((name, store) -> {
            if (store instanceof ObservingStore observed) {
                String composite = composites.get(name);
                observed.addListener(
                        composite == null ? observer.listener(name, NO_TIER) : observer.listener(composite, name));
            }
        });
    }

    /**
     * Each store's properties as remote-store's factory reads them (named relative to the store), from the build-
     * and run-time configuration, as written.
     */
    static Map<String, Map<String, String>> properties(StoreSetup setup, RemoteStoreRuntimeConfig config) {
        Set<String> names = new TreeSet<>(setup.types().keySet());
        names.addAll(setup.dataSources().keySet());
        names.addAll(config.stores().keySet());
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, String> p = new LinkedHashMap<>();
            put(p, "type", Optional.ofNullable(setup.types().get(name)));
            put(p, "datasource", Optional.ofNullable(setup.dataSources().get(name)));
            StoreRuntimeConfig c = config.stores().get(name);
            if (c != null) {
                put(p, "url", c.url());
                put(p, "username", c.username());
                put(p, "password", c.password());
                put(p, "max-pool-size", c.maxPoolSize());
                put(p, "connection-timeout", c.connectionTimeout());
                put(p, "table", c.table());
                put(p, "create-table", c.createTable());
                put(p, "max-blob-size", c.maxBlobSize());
                c.queries().forEach((key, sql) -> p.put("queries.\"" + key + "\"", sql));
                put(p, "named-queries", c.namedQueries());
                put(p, "strict", c.strict());
                put(p, "root", c.root());
                put(p, "tiers", c.tiers());
                put(p, "write-tier", c.writeTier());
                put(p, "write-through", c.writeThrough());
                c.tier().forEach((tier, t) -> put(p, "tier.\"" + tier + "\".match", t.match()));
                put(p, "bucket", c.bucket());
                put(p, "prefix", c.prefix());
                put(p, "region", c.region());
                put(p, "endpoint", c.endpoint());
                put(p, "path-style", c.pathStyle());
                put(p, "access-key-id", c.accessKeyId());
                put(p, "secret-access-key", c.secretAccessKey());
                put(p, "part-size", c.partSize());
                put(p, "conditional-writes", c.conditionalWrites());
            }
            if (!p.isEmpty()) {
                all.put(name, p);
            }
        }
        return all;
    }

    /**
     * The one place where a migration tool's management of a datasource decides about a store: a {@code sql-blob}
     * store on a managed datasource (not on a {@code url}) that does not set {@code create-table} itself leaves its
     * blob table to the migrations, so that it never races them.
     */
    static boolean leavesTableToMigrations(Map<String, String> store, Set<String> managedDataSources) {
        return "sql-blob".equals(trim(store.get("type")))
                && !store.containsKey("create-table")
                && !store.containsKey("url")
                && managedDataSources.contains(trim(store.getOrDefault("datasource", StoreFactory.DEFAULT)));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static void put(Map<String, String> p, String name, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> p.put(name, v));
    }

    /** The prefix of a store's properties: {@code quarkus.remote-store.} or {@code quarkus.remote-store."name".}. */
    public static String prefix(String store) {
        return StoreFactory.DEFAULT.equals(store) ? PREFIX : PREFIX + '"' + store + "\".";
    }

    /** The store names: {@code <default>} first when configured, then in name order. */
    public Set<String> names() {
        return stores.names();
    }

    /**
     * The store {@code name}, as the beans hand it out (observed when metrics are on).
     *
     * @throws IllegalArgumentException if no store {@code name} is configured
     */
    public Store get(String name) {
        return stores.get(name);
    }

    /** The store {@code name} as its backend was created, without observation: for probes that must not count. */
    public Store undecorated(String name) {
        Store s = undecorated.get(Objects.requireNonNull(name, "name"));
        return s != null ? s : stores.get(name);
    }

    /** The composite whose tier the store {@code name} is, if it is one. */
    public Optional<String> compositeOf(String name) {
        return Optional.ofNullable(composites.get(name));
    }

    /** The tiers of the store {@code name} if it is a composite, in order; else empty. */
    public java.util.List<Tier> tiers(String name) {
        return stores.get(name) instanceof CompositeStore c ? c.tiers() : java.util.List.of();
    }

    /** Closes every store (a pool a store built from {@code url} with it; borrowed datasources stay open). */
    @Override
    public void close() {
        stores.close();
    }
}

package dev.remotestore.config;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.composite.Tier;
import dev.remotestore.config.StoreConfigurationException.Problem;
import dev.remotestore.config.StoreProperties.Written;
import dev.remotestore.sql.QuerySource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Stores from configuration: turns each configured store's properties into a {@link Store}, so that every
 * integration (the MicroProfile Config producer with {@code remote-store.*}, the Quarkus extension with
 * {@code quarkus.remote-store.*}) only maps its configuration system onto it. The properties and their rules are
 * in {@code docs/configuration.md} and {@code docs/spec/configuration.md} (CONF-001…).
 *
 * <pre>{@code
 * StoreFactory factory = StoreFactory.builder()
 *         .prefix("remote-store.")                       // for messages only
 *         .properties(Map.of(                            // the layout after the prefix
 *                 "type", "composite",
 *                 "tiers", "hot,warm",
 *                 "hot.type", "memory",
 *                 "\"warm\".type", "local",
 *                 "\"warm\".root", "data/warm"))
 *         .build();                                      // checks everything, connects nothing
 * try (Stores stores = factory.createAll()) {
 *     Store store = stores.get(StoreFactory.DEFAULT);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe once built; every {@code create} call builds new stores.
 */
public final class StoreFactory {
    /** The name of the default store (and of the default datasource): {@code <default>}, as in Quarkus. */
    public static final String DEFAULT = "<default>";

    /** Name → {@code Supplier<Store>} or {@link CompositeType.Recipe}; the default store first, then by name. */
    private final Map<String, Object> recipes;
    /** Wraps each created store; the identity when none was given. */
    private final BiFunction<String, Store, Store> decorator;

    private StoreFactory(Map<String, Object> recipes, BiFunction<String, Store, Store> decorator) {
        this.recipes = recipes;
        this.decorator = decorator;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The names of the configured stores: {@link #DEFAULT} first when configured, then in name order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(recipes.keySet());
    }

    /**
     * Whether the store {@code name} is a composite (then {@link #create} returns a
     * {@link dev.remotestore.composite.CompositeStore}): for integrations that offer it as one.
     *
     * @throws IllegalArgumentException if no store {@code name} is configured
     */
    public boolean isComposite(String name) {
        if (!recipes.containsKey(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("no store \"" + name + "\" is configured; the stores are " + names());
        }
        return recipes.get(name) instanceof CompositeType.Recipe;
    }

    /**
     * A new store {@code name}, independent of every other store this factory creates; the caller closes it. A
     * composite comes with new stores for its tiers, which it owns: closing it closes them. A store built from a
     * URL owns its connection pool and closes it; one built on a handed-in datasource leaves that open.
     *
     * @throws IllegalArgumentException if no store {@code name} is configured
     * @throws dev.remotestore.RemoteStoreException if the backend cannot be created (e.g. its database refuses);
     *     whatever was created for it is closed again
     */
    public Store create(String name) {
        if (!recipes.containsKey(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("no store \"" + name + "\" is configured; the stores are " + names());
        }
        Session session = new Session();
        return session.run(() -> session.store(name));
    }

    /**
     * Every configured store, each created once: a composite's tiers are the same {@link Store} instances that
     * {@link Stores#get(String)} gives under their names. Close the result (not its stores one by one) to close
     * them all.
     *
     * @throws dev.remotestore.RemoteStoreException if a backend cannot be created; the stores created before are
     *     closed again
     */
    public Stores createAll() {
        Session session = new Session();
        return session.run(() -> {
            Map<String, Store> all = new LinkedHashMap<>();
            recipes.keySet().forEach(name -> all.put(name, session.store(name)));
            return new Stores(all, session.roots());
        });
    }

    /** One creation: each store at most once; on failure it closes what it created. */
    private final class Session {
        final Map<String, Store> created = new LinkedHashMap<>();
        final Set<String> tiers = new HashSet<>();

        <T> T run(Supplier<T> work) {
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                List<Store> open = roots();
                Collections.reverse(open);
                for (Store s : open) {
                    try {
                        s.close();
                    } catch (RuntimeException closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw e;
            }
        }

        Store store(String name) {
            Store s = created.get(name);
            if (s == null) {
                Object recipe = recipes.get(name);
                if (recipe instanceof CompositeType.Recipe c) {
                    s = composite(c);
                } else {
                    Object made = ((Supplier<?>) recipe).get();
                    if (!(made instanceof Store store)) {
                        throw new IllegalStateException("the provider of the store \"" + name + "\" created none");
                    }
                    s = store;
                }
                s = decorate(name, s);
                created.put(name, s);
            }
            return s;
        }

        /** {@code store} as the decorator wraps it; on failure the store is closed and the failure thrown. */
        private Store decorate(String name, Store store) {
            Store decorated;
            try {
                decorated = decorator.apply(name, store);
            } catch (RuntimeException | Error e) {
                try {
                    store.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            if (decorated == null) {
                store.close();
                throw new IllegalStateException("the store decorator returned no store for \"" + name + "\"");
            }
            return decorated;
        }

        private CompositeStore composite(CompositeType.Recipe c) {
            CompositeStore.Builder b = CompositeStore.builder();
            for (String name : c.tiers()) {
                Store tier = store(name);
                String match = c.matches().get(name);
                b.tier(match == null ? Tier.of(name, tier) : Tier.of(name, tier, match));
            }
            if (c.writeTier() != null) {
                b.writeTier(c.writeTier());
            }
            CompositeStore store = b.writeThrough(c.writeThrough()).build();
            tiers.addAll(c.tiers());
            return store;
        }

        /** The created stores that no composite owns, in creation order. */
        List<Store> roots() {
            return created.entrySet().stream()
                    .filter(e -> !tiers.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    /**
     * Collects the configuration and the application's resources; {@link #build()} checks it all at once. Not
     * thread-safe.
     */
    public static final class Builder {
        private String prefix = "";
        private final List<String[]> flat = new ArrayList<>();
        private final Map<String, Map<String, String>> stores = new LinkedHashMap<>();
        private final Map<String, DataSource> dataSources = new LinkedHashMap<>();
        private Function<String, DataSource> dataSourceLookup;
        private Function<String, QuerySource> namedQueries;
        private final List<StoreProvider> providers = new ArrayList<>();
        private BiFunction<String, Store, Store> decorator = (name, store) -> store;

        private Builder() {}

        /**
         * The prefix the properties had in the application's configuration ({@code remote-store.},
         * {@code quarkus.remote-store.}); used only to give every property its full name in messages. Default
         * none.
         */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Adds properties in the flat layout, with the prefix removed: the default store's directly
         * ({@code type}), a named store's under its name in quotes ({@code "hot".type}) or without them when the
         * name has no dot and is not a property name ({@code hot.type}). A map key with dots is quoted
         * ({@code queries."reports/daily.csv"}). A {@code null} or blank value counts as absent.
         */
        public Builder properties(Map<String, String> properties) {
            properties.forEach((name, value) -> flat.add(new String[] {name, value}));
            return this;
        }

        /**
         * Adds properties of the store {@code name} ({@link #DEFAULT} for the default store), named relative to
         * it: {@code type}, {@code table}, {@code queries."reports/daily.csv"}, {@code tier."hot".match}.
         */
        public Builder store(String name, Map<String, String> properties) {
            stores.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new LinkedHashMap<>())
                    .putAll(properties);
            return this;
        }

        /**
         * Hands in one of the application's datasources; a store names it with {@code datasource}. The one named
         * {@link #DEFAULT} serves SQL stores that give neither {@code datasource} nor {@code url}. Stores never
         * close a datasource handed in.
         */
        public Builder dataSource(String name, DataSource dataSource) {
            dataSources.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(dataSource, "dataSource"));
            return this;
        }

        /**
         * Looks up the application's datasources by name ({@link #DEFAULT} for the default one), asked for each
         * name no {@link #dataSource(String, DataSource)} gave; it answers {@code null} for a name it does not
         * know. Called by {@link #build()}.
         */
        public Builder dataSources(Function<String, DataSource> lookup) {
            this.dataSourceLookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /**
         * The named queries a {@code sql-query} store serves with {@code named-queries} (default {@code true}
         * once this is given): store name → source, or {@code null} for a store that has none. The module
         * {@code remote-store-jpa} provides JPA named native queries this way. Called by {@link #build()}.
         */
        public Builder namedQueries(Function<String, QuerySource> sources) {
            this.namedQueries = Objects.requireNonNull(sources, "sources");
            return this;
        }

        /**
         * Adds a store type besides those found with {@link ServiceLoader} (for containers that discover
         * providers themselves). A provider of a class {@code ServiceLoader} also finds counts once.
         */
        public Builder provider(StoreProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Wraps every store the factory creates — (store name, store) → the store to use instead — before a
         * composite takes it as a tier and before {@code create} or {@code createAll} hands it out; a composite is
         * passed after its tiers. Integrations observe stores this way (an {@code ObservingStore} per tier gives
         * per-tier metrics). The wrapper takes the store over: closing the wrapper must close it. Default: none.
         */
        public Builder decorator(BiFunction<String, Store, Store> decorator) {
            this.decorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /**
         * Checks every store's properties, and how the stores refer to each other, without connecting or creating
         * anything.
         *
         * @throws StoreConfigurationException naming every wrong property with its full name and the rule
         * @throws IllegalStateException if two providers offer one type, or a provider cannot be loaded
         */
        public StoreFactory build() {
            Map<String, DataSource> knownDataSources = new LinkedHashMap<>(dataSources);
            Function<String, DataSource> lookup = dataSourceLookup;
            Function<String, QuerySource> named = namedQueries;
            SqlTypes.Resources resources = new SqlTypes.Resources() {
                @Override
                public DataSource dataSource(String name) {
                    DataSource ds = knownDataSources.get(name);
                    return ds != null || lookup == null ? ds : lookup.apply(name);
                }

                @Override
                public Set<String> dataSourceNames() {
                    return knownDataSources.keySet();
                }

                @Override
                public Function<String, QuerySource> namedQueries() {
                    return named;
                }
            };
            Map<String, Type> types = types(resources);
            Set<String> firstSegments = new HashSet<>();
            types.values()
                    .forEach(t -> t.declared.forEach(
                            p -> firstSegments.add(p.segments().get(0).text())));

            List<Problem> problems = new ArrayList<>();
            Map<String, RawStore> raw = new HashMap<>();
            for (String[] entry : flat) {
                addFlat(entry[0], entry[1], firstSegments, raw, problems);
            }
            stores.forEach((store, properties) -> {
                String storePrefix = store.equals(DEFAULT) ? prefix : prefix + '"' + store + "\".";
                properties.forEach((name, value) -> add(raw, store, storePrefix, name, value, false, problems));
            });

            List<String> order = new ArrayList<>(raw.keySet());
            order.sort(Comparator.comparing((String n) -> !n.equals(DEFAULT)).thenComparing(n -> n));
            Map<String, Object> recipes = new LinkedHashMap<>();
            for (String name : order) {
                Object recipe = configure(raw.get(name), types, firstSegments);
                recipes.put(name, recipe);
            }
            checkReferences(recipes);
            for (String name : order) {
                List<Problem> ofStore = raw.get(name).problems;
                ofStore.sort(Comparator.comparing(Problem::property));
                problems.addAll(ofStore);
            }
            if (!problems.isEmpty()) {
                throw new StoreConfigurationException(problems);
            }
            return new StoreFactory(Collections.unmodifiableMap(recipes), decorator);
        }

        /** A store type: its declared properties ({@code type} included) and its provider (none: composite). */
        private record Type(String name, List<PropertyName> declared, StoreProvider provider) {}

        /** One store's properties as written, before they are matched to its type. */
        private static final class RawStore {
            final String name;
            final String prefix;
            final List<RawProperty> properties = new ArrayList<>();
            final List<Problem> problems = new ArrayList<>();

            RawStore(String name, String prefix) {
                this.name = name;
                this.prefix = prefix;
            }
        }

        private record RawProperty(PropertyName name, String fullName, String value, boolean flat) {}

        private Map<String, Type> types(SqlTypes.Resources resources) {
            Map<String, Type> types = new TreeMap<>();
            Map<String, StoreProvider> byType = new HashMap<>();
            List<StoreProvider> builtIn = List.of(
                    new SqlTypes.Blob(resources),
                    new SqlTypes.Query(resources),
                    new BasicTypes.Local(),
                    new BasicTypes.Memory());
            builtIn.forEach(p -> types.put(p.type(), type(p.type(), p.properties(), p)));
            types.put(CompositeType.TYPE, type(CompositeType.TYPE, CompositeType.PROPERTIES, null));
            List<StoreProvider> extra = new ArrayList<>(providers);
            try {
                for (StoreProvider p : ServiceLoader.load(StoreProvider.class)) {
                    if (extra.stream().noneMatch(e -> e.getClass() == p.getClass())) {
                        extra.add(p);
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException(
                        "a StoreProvider listed in META-INF/services/" + StoreProvider.class.getName()
                                + " cannot be loaded: " + e.getMessage(),
                        e);
            }
            for (StoreProvider p : extra) {
                String type = p.type();
                if (type == null || !type.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                    throw new IllegalStateException(
                            "the store provider " + p.getClass().getName() + " has the type \"" + type
                                    + "\"; a type is lower-case letters, digits and dashes");
                }
                if (types.containsKey(type)) {
                    StoreProvider earlier = byType.get(type);
                    throw new IllegalStateException("the store type \"" + type + "\" is provided twice: "
                            + (earlier == null
                                    ? "built in"
                                    : "by " + earlier.getClass().getName()) + " and by "
                            + p.getClass().getName() + "; remove one of them from the class path");
                }
                byType.put(type, p);
                types.put(type, type(type, p.properties(), p));
            }
            return types;
        }

        private static Type type(String name, Set<String> properties, StoreProvider provider) {
            List<PropertyName> declared = new ArrayList<>();
            declared.add(PropertyName.parse("type"));
            for (String property : new java.util.TreeSet<>(properties)) {
                PropertyName p;
                try {
                    p = PropertyName.parse(property);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("the store type \"" + name + "\" declares the property \""
                            + property + "\", which " + e.getMessage());
                }
                long holes = p.segments().stream()
                        .filter(PropertyName.Segment::quoted)
                        .count();
                if (property.equals("type") || holes > 1 || p.segments().get(0).quoted()) {
                    throw new IllegalStateException("the store type \"" + name + "\" declares the property \""
                            + property + "\"; a property is not \"type\", starts with a plain name and has at"
                            + " most one quoted key");
                }
                declared.add(p);
            }
            return new Type(name, List.copyOf(declared), provider);
        }

        /** Assigns one flat-layout property to its store (CONF-001). */
        private void addFlat(
                String name,
                String value,
                Set<String> firstSegments,
                Map<String, RawStore> raw,
                List<Problem> problems) {
            PropertyName parsed;
            try {
                parsed = PropertyName.parse(name);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(prefix + name, e.getMessage()));
                return;
            }
            PropertyName.Segment first = parsed.segments().get(0);
            boolean single = parsed.segments().size() == 1;
            if (first.quoted() && single) {
                problems.add(new Problem(prefix + name, "names the store \"" + first.text() + "\" but no property"));
            } else if (first.quoted() || (!single && !firstSegments.contains(first.text()))) {
                add(raw, first.text(), prefix + first.written() + ".", parsed.afterFirst(), value, true, problems);
            } else {
                add(raw, DEFAULT, prefix, name, value, true, problems);
            }
        }

        private static void add(
                Map<String, RawStore> raw,
                String store,
                String storePrefix,
                String name,
                String value,
                boolean flat,
                List<Problem> problems) {
            if (value == null || value.isBlank()) {
                return;
            }
            PropertyName parsed;
            try {
                parsed = PropertyName.parse(name);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(storePrefix + name, e.getMessage()));
                return;
            }
            raw.computeIfAbsent(store, n -> new RawStore(n, storePrefix))
                    .properties
                    .add(new RawProperty(parsed, storePrefix + name, value, flat));
        }

        /** Matches one store's properties to its type and lets the type check them; {@code null} on a problem. */
        private Object configure(RawStore store, Map<String, Type> types, Set<String> firstSegments) {
            List<Problem> problems = store.problems;
            if (!store.name.equals(DEFAULT) && !validName(store.name)) {
                problems.add(new Problem(
                        store.prefix.substring(0, store.prefix.length() - 1),
                        "is not a valid store name: a name is not blank, has no comma (tiers are separated by"
                                + " commas) and no quote, and does not start or end with a space"));
                return null;
            }
            store.properties.sort(Comparator.comparing(RawProperty::fullName));
            RawProperty typeProperty = store.properties.stream()
                    .filter(p -> p.name.segments().size() == 1
                            && !p.name.segments().get(0).quoted()
                            && p.name.written().equals("type"))
                    .findFirst()
                    .orElse(null);
            if (typeProperty == null) {
                problems.add(new Problem(
                        store.prefix + "type",
                        "is missing; every store needs a type, one of " + String.join(", ", types.keySet())));
                return null;
            }
            String typeName = typeProperty.value.trim();
            Type type = types.get(typeName);
            if (type == null) {
                String guess = PropertyName.closest(typeName.toLowerCase(Locale.ROOT), types.keySet());
                problems.add(new Problem(
                        typeProperty.fullName,
                        "is \"" + typeName + "\", which is no known type"
                                + (guess == null ? "" : " (did you mean " + guess + "?)") + "; the known types are "
                                + String.join(", ", types.keySet())));
                return null;
            }
            Map<String, Written> values = new HashMap<>();
            Map<String, Map<String, Written>> maps = new HashMap<>();
            for (RawProperty p : store.properties) {
                PropertyName pattern = null;
                List<String> keys = null;
                for (PropertyName d : type.declared) {
                    keys = p.name.match(d);
                    if (keys != null) {
                        pattern = d;
                        break;
                    }
                }
                if (pattern == null) {
                    problems.add(new Problem(p.fullName, unknown(store, type, p, firstSegments)));
                    continue;
                }
                Written w = new Written(p.fullName, p.value);
                String canonical = pattern.isPattern() ? PropertyName.fill(pattern, keys) : pattern.written();
                Written earlier = values.putIfAbsent(canonical, w);
                if (earlier != null) {
                    problems.add(new Problem(p.fullName, "is given twice, also as " + earlier.fullName()));
                } else if (pattern.isPattern()) {
                    maps.computeIfAbsent(pattern.written(), k -> new TreeMap<>())
                            .put(keys.get(0), w);
                }
            }
            StoreProperties properties =
                    new StoreProperties(store.name, typeName, store.prefix, values, maps, problems);
            if (type.provider == null) {
                return CompositeType.configure(properties);
            }
            int before = problems.size();
            Supplier<Store> supplier = type.provider.configure(properties);
            if (supplier == null && problems.size() == before) {
                throw new IllegalStateException(
                        "the store provider " + type.provider.getClass().getName() + " configured no store \""
                                + store.name + "\" and reported no problem");
            }
            return supplier;
        }

        /** The message for a property its store's type does not accept (CONF-003). */
        private static String unknown(RawStore store, Type type, RawProperty p, Set<String> firstSegments) {
            String message = "is not a property of type " + type.name;
            String guess = p.name.suggest(type.declared);
            if (guess != null) {
                return message + " (did you mean " + guess + "?)";
            }
            PropertyName.Segment first = p.name.segments().get(0);
            if (p.flat
                    && store.name.equals(DEFAULT)
                    && p.name.segments().size() > 1
                    && firstSegments.contains(first.text())) {
                message += "; if \"" + first.text() + "\" is a store's name, quote it: \"" + first.text() + "\"."
                        + p.name.afterFirst();
            }
            List<String> names = type.declared.stream()
                    .map(PropertyName::written)
                    .filter(n -> !n.equals("type"))
                    .collect(Collectors.toList());
            return message + (names.isEmpty() ? "; it takes no property but type" : "; its properties are " + names);
        }

        /**
         * How composites refer to other stores (CONF-011): only to configured stores, each store the tier of one
         * composite at most, and no cycle.
         */
        private static void checkReferences(Map<String, Object> recipes) {
            Map<String, String> owners = new HashMap<>();
            Map<String, List<String>> edges = new LinkedHashMap<>();
            recipes.forEach((name, recipe) -> {
                if (!(recipe instanceof CompositeType.Recipe c)) {
                    return;
                }
                List<String> out = new ArrayList<>();
                for (String tier : c.tiers()) {
                    if (tier.equals(name)) {
                        continue; // reported by CompositeType
                    }
                    if (!recipes.containsKey(tier)) {
                        String guess = PropertyName.closest(tier, recipes.keySet());
                        c.properties()
                                .problem(
                                        "tiers",
                                        "names \"" + tier + "\", which is not a configured store"
                                                + (guess == null ? "" : " (did you mean " + guess + "?)")
                                                + "; the stores are "
                                                + recipes.keySet());
                        continue;
                    }
                    String owner = owners.putIfAbsent(tier, name);
                    if (owner != null) {
                        c.properties()
                                .problem(
                                        "tiers",
                                        "names \"" + tier + "\", which is already a tier of \"" + owner
                                                + "\"; a store is a"
                                                + " tier of one composite at most, since closing a composite closes its"
                                                + " tiers");
                    }
                    out.add(tier);
                }
                edges.put(name, out);
            });
            Set<String> done = new HashSet<>();
            for (String start : edges.keySet()) {
                cycles(start, edges, new ArrayDeque<>(), done, recipes);
            }
        }

        /** Depth-first search that reports each cycle once, on the composite that closes it. */
        private static void cycles(
                String node,
                Map<String, List<String>> edges,
                Deque<String> path,
                Set<String> done,
                Map<String, Object> recipes) {
            if (done.contains(node)) {
                return;
            }
            path.addLast(node);
            for (String next : edges.getOrDefault(node, List.of())) {
                if (path.contains(next)) {
                    List<String> cycle = new ArrayList<>(path);
                    cycle = cycle.subList(cycle.indexOf(next), cycle.size());
                    ((CompositeType.Recipe) recipes.get(node))
                            .properties()
                            .problem(
                                    "tiers",
                                    "forms a cycle: " + String.join(" → ", cycle) + " → " + next
                                            + "; a composite cannot contain itself");
                } else {
                    cycles(next, edges, path, done, recipes);
                }
            }
            path.removeLast();
            done.add(node);
        }

        private static boolean validName(String name) {
            return !name.isBlank()
                    && name.indexOf(',') < 0
                    && name.indexOf('"') < 0
                    && name.strip().equals(name);
        }
    }
}

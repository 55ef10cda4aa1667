package dev.remotestore.config;

import dev.remotestore.InvalidPathException;
import dev.remotestore.Store;
import dev.remotestore.sql.QuerySource;
import dev.remotestore.sql.SqlBlobBackend;
import dev.remotestore.sql.SqlQueryBackend;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The types {@code sql-blob} and {@code sql-query}: their connection, from a datasource or a URL, and options. */
final class SqlTypes {
    /** What the application hands in: its datasources and named queries. */
    interface Resources {
        /** The datasource {@code name} ({@link StoreFactory#DEFAULT} for the default one), or {@code null}. */
        DataSource dataSource(String name);

        /** The names of the datasources handed in by name, for messages; empty if only a lookup was given. */
        Set<String> dataSourceNames();

        /** The named-query source per store, or {@code null} when none was given. */
        Function<String, QuerySource> namedQueries();
    }

    static final List<String> CONNECTION_PROPERTIES =
            List.of("datasource", "url", "username", "password", "max-pool-size", "connection-timeout");
    private static final List<String> POOL_PROPERTIES =
            List.of("username", "password", "max-pool-size", "connection-timeout");

    /**
     * A stand-in for the connection while a builder validates its options: {@code validate()} never connects,
     * and a real URL could be checked for its driver, which is {@code build()}'s concern.
     */
    private static final DataSource UNCONNECTED = (DataSource) Proxy.newProxyInstance(
            SqlTypes.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                if (method.getName().equals("toString")) {
                    return "unconnected";
                }
                throw new UnsupportedOperationException("validation only");
            });

    private SqlTypes() {}

    /** How a store connects: an owned pool from a URL (with its options), or a borrowed datasource. */
    private record Connection(
            String url, String username, String password, int maxPoolSize, Duration timeout, DataSource dataSource) {
        SqlBlobBackend.Builder apply(SqlBlobBackend.Builder b) {
            if (dataSource != null) {
                return b.dataSource(dataSource);
            }
            b.url(url).user(username).password(password);
            if (maxPoolSize > 0) {
                b.maxPoolSize(maxPoolSize);
            }
            return timeout == null ? b : b.connectionTimeout(timeout);
        }

        SqlQueryBackend.Builder apply(SqlQueryBackend.Builder b) {
            if (dataSource != null) {
                return b.dataSource(dataSource);
            }
            b.url(url).user(username).password(password);
            if (maxPoolSize > 0) {
                b.maxPoolSize(maxPoolSize);
            }
            return timeout == null ? b : b.connectionTimeout(timeout);
        }
    }

    /** Reads the connection properties; {@code null} after recording a problem. */
    private static Connection connection(StoreProperties p, Resources resources) {
        boolean hasUrl = p.has("url");
        boolean hasDataSource = p.has("datasource");
        if (hasUrl && hasDataSource) {
            p.problem(
                    "url",
                    "and " + p.fullName("datasource") + " are both set; give one: url for a pool of the store's own,"
                            + " datasource for one of the application's");
            return null;
        }
        int maxPoolSize = p.positiveInt("max-pool-size", 0);
        Duration timeout = p.duration("connection-timeout", null);
        if (hasUrl) {
            String url = p.required("url");
            if (!url.startsWith("jdbc:")) {
                p.problem("url", "is not a JDBC URL (jdbc:<database>:…)");
                return null;
            }
            return new Connection(
                    url,
                    p.string("username").orElse(null),
                    p.string("password").orElse(null),
                    maxPoolSize,
                    timeout,
                    null);
        }
        String name = hasDataSource ? p.required("datasource") : StoreFactory.DEFAULT;
        DataSource ds = resources.dataSource(name);
        if (ds == null) {
            if (hasDataSource) {
                Set<String> known = resources.dataSourceNames();
                p.problem(
                        "datasource",
                        "names no datasource the application handed in: \"" + name + "\""
                                + (known.isEmpty() ? "" : "; the datasources are " + known));
            } else {
                p.problem(
                        "url",
                        "is missing, and so are " + p.fullName("datasource")
                                + " and a default datasource; set url (a JDBC URL, for a pool of the store's own) or"
                                + " datasource (the name of one of the application's datasources)");
            }
            return null;
        }
        for (String pool : POOL_PROPERTIES) {
            if (p.has(pool)) {
                p.problem(
                        pool,
                        "applies to a pool of the store's own (url) only; the datasource "
                                + (hasDataSource ? "\"" + name + "\"" : "(the default one)")
                                + " is configured where it is defined");
            }
        }
        return new Connection(null, null, null, 0, null, ds);
    }

    /** Runs a builder's own validation and records its message under {@code property}; whether it passed. */
    private static boolean check(StoreProperties p, String property, Runnable validation) {
        try {
            validation.run();
            return true;
        } catch (InvalidPathException | IllegalArgumentException | IllegalStateException e) {
            p.problem(property, e.getMessage());
            return false;
        }
    }

    /** {@code sql-blob}: {@link SqlBlobBackend}. */
    static final class Blob implements StoreProvider {
        private final Resources resources;

        Blob(Resources resources) {
            this.resources = resources;
        }

        @Override
        public String type() {
            return "sql-blob";
        }

        @Override
        public Set<String> properties() {
            return union(CONNECTION_PROPERTIES, List.of("table", "create-table", "max-blob-size"));
        }

        @Override
        public Supplier<Store> configure(StoreProperties p) {
            Connection c = connection(p, resources);
            String table = p.string("table").map(String::trim).orElse(null);
            if (table != null) {
                check(p, "table", () -> SqlBlobBackend.builder()
                        .dataSource(UNCONNECTED)
                        .table(table)
                        .validate());
            }
            boolean createTable = p.bool("create-table", true);
            long maxBlobSize = p.size("max-blob-size", SqlBlobBackend.DEFAULT_MAX_BLOB_SIZE);
            return () -> {
                SqlBlobBackend.Builder b = c.apply(SqlBlobBackend.builder())
                        .createTable(createTable)
                        .maxBlobSize(maxBlobSize);
                if (table != null) {
                    b.table(table);
                }
                return Store.of(b.build());
            };
        }
    }

    /** {@code sql-query}: {@link SqlQueryBackend}. */
    static final class Query implements StoreProvider {
        private final Resources resources;

        Query(Resources resources) {
            this.resources = resources;
        }

        @Override
        public String type() {
            return "sql-query";
        }

        @Override
        public Set<String> properties() {
            return union(CONNECTION_PROPERTIES, List.of("queries.\"<key>\"", "named-queries", "strict"));
        }

        @Override
        public Supplier<Store> configure(StoreProperties p) {
            Connection c = connection(p, resources);
            Map<String, String> queries = p.map("queries.\"<key>\"");
            boolean valid = true;
            for (Map.Entry<String, String> q : queries.entrySet()) {
                valid &= check(p, "queries.\"" + q.getKey() + "\"", () -> SqlQueryBackend.builder()
                        .dataSource(UNCONNECTED)
                        .query(q.getKey(), q.getValue())
                        .validate());
            }
            boolean strict = p.bool("strict", true);
            QuerySource named = namedQueries(p);
            if (valid && named != null) {
                // Keys both explicit and named, and the named queries' own mistakes, show up only together.
                check(p, "named-queries", () -> SqlQueryBackend.builder()
                        .dataSource(UNCONNECTED)
                        .queries(queries)
                        .querySource(named)
                        .validate());
            }
            return () -> {
                SqlQueryBackend.Builder b =
                        c.apply(SqlQueryBackend.builder()).queries(queries).strict(strict);
                if (named != null) {
                    b.querySource(named);
                }
                return Store.of(b.build());
            };
        }

        private QuerySource namedQueries(StoreProperties p) {
            Function<String, QuerySource> sources = resources.namedQueries();
            boolean wanted = p.bool("named-queries", sources != null);
            if (!wanted) {
                return null;
            }
            if (sources == null) {
                p.problem(
                        "named-queries",
                        "is true, but no named-query source was given: JPA named native queries are served by the"
                                + " module remote-store-jpa (dev.remotestore:remote-store-jpa); add it, or set"
                                + " named-queries=false");
                return null;
            }
            QuerySource source = sources.apply(p.storeName());
            if (source == null && p.has("named-queries")) {
                p.problem("named-queries", "is true, but there are no named queries for this store");
            }
            return source;
        }
    }

    private static Set<String> union(List<String> a, List<String> b) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }
}

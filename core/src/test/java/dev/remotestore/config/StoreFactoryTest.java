package dev.remotestore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.ext.ObservingStore;
import dev.remotestore.sql.QuerySource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores built from properties work as the same stores built in code: one test per type, the layout, closing. */
class StoreFactoryTest {
    @TempDir
    Path dir;

    private JdbcDataSource h2;

    @BeforeEach
    void h2() {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:config-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Store store, String key) {
        return new String(store.readBytes(key), StandardCharsets.UTF_8);
    }

    /** Properties in the given order (the factory must not depend on it, but readable tests do). */
    private static Map<String, String> props(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    private static StoreFactory factory(Map<String, String> properties) {
        return StoreFactory.builder().properties(properties).build();
    }

    private static void exec(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static void exec(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    // ---- one test per type ---------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-013: type=memory builds a working memory store")
    void memoryStore() {
        try (Store store = factory(props("type", "memory")).create(StoreFactory.DEFAULT)) {
            store.write("a/b.txt", bytes("hello"));
            assertThat(text(store, "a/b.txt")).isEqualTo("hello");
            assertThat(store.resolve("a/b.txt").kind()).isEqualTo("blob");
        }
    }

    @Test
    @DisplayName("CONF-008: type=local with root builds a store over that directory, created with the store")
    void localStore() {
        Path root = dir.resolve("files");
        StoreFactory factory = factory(props("type", "local", "root", root.toString()));
        assertThat(root).doesNotExist(); // build() creates nothing (CONF-011)
        try (Store store = factory.create(StoreFactory.DEFAULT)) {
            store.write("a/b.txt", bytes("on disk"));
            assertThat(root.resolve("a/b.txt")).hasContent("on disk");
        }
    }

    @Test
    @DisplayName("CONF-005: sql-blob from a url on a SQLite file: table, max-blob-size and the pool options apply")
    void sqlBlobOnSqliteUrl() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        StoreFactory factory = factory(props(
                "type", "sql-blob",
                "url", url,
                "table", "objects",
                "max-blob-size", "1K",
                "max-pool-size", "2",
                "connection-timeout", "5s"));
        assertThat(dir.resolve("store.db")).doesNotExist(); // build() connects nothing (CONF-011)
        try (Store store = factory.create(StoreFactory.DEFAULT)) {
            store.write("reports/a.txt", new byte[1024]);
            assertThatThrownBy(() -> store.write("reports/b.txt", new byte[1025]))
                    .isInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining("1024");
            assertThat(store.readBytes("reports/a.txt")).hasSize(1024);
            assertThat(((HikariDataSource) store.unwrap(DataSource.class)).getMaximumPoolSize())
                    .isEqualTo(2);
            assertThat(((HikariDataSource) store.unwrap(DataSource.class)).getConnectionTimeout())
                    .isEqualTo(5000);
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT key, size FROM objects")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("reports/a.txt");
        }
    }

    @Test
    @DisplayName("CONF-005: sql-blob on a datasource handed in by name (H2); closing the store leaves it open")
    void sqlBlobOnNamedDataSource() throws SQLException {
        StoreFactory factory = StoreFactory.builder()
                .properties(props("type", "sql-blob", "datasource", "main", "create-table", "true"))
                .dataSource("main", h2)
                .build();
        Store store = factory.create(StoreFactory.DEFAULT);
        store.write("x.bin", bytes("h2"));
        assertThat(text(store, "x.bin")).isEqualTo("h2");
        assertThat(store.unwrap(DataSource.class)).isSameAs(h2);
        store.close();
        try (Connection c = h2.getConnection()) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    @DisplayName("CONF-005: a SQL store with neither url nor datasource uses the default datasource")
    void sqlBlobOnDefaultDataSource() {
        StoreFactory factory = StoreFactory.builder()
                .properties(props("type", "sql-blob"))
                .dataSources(name -> name.equals(StoreFactory.DEFAULT) ? h2 : null)
                .build();
        try (Store store = factory.create(StoreFactory.DEFAULT)) {
            store.write("k", bytes("v"));
            assertThat(store.unwrap(DataSource.class)).isSameAs(h2);
            assertThat(store.resolve("k").details()).containsEntry("table", "remote_store_objects");
        }
    }

    @Test
    @DisplayName("CONF-006: sql-query on a SQLite file serves queries.\"<key>\", keys with dots and slashes")
    void sqlQueryOnSqliteUrl() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("query.db");
        exec(url, "CREATE TABLE sales (region TEXT, amount INTEGER)", "INSERT INTO sales VALUES ('north', 7)");
        StoreFactory factory = factory(props(
                "type", "sql-query",
                "url", url,
                "queries.\"reports/v1.2/sales.csv\"", "SELECT region, amount FROM sales"));
        try (Store store = factory.create(StoreFactory.DEFAULT)) {
            assertThat(text(store, "reports/v1.2/sales.csv")).isEqualTo("\"region\",\"amount\"\r\n\"north\",\"7\"\r\n");
            assertThatThrownBy(() -> store.readBytes("sales.csv")).isInstanceOf(NotFoundException.class); // strict
        }
    }

    @Test
    @DisplayName("CONF-006: sql-query on H2: a placeholder key binds its parameter; strict=false serves tables")
    void sqlQueryOnH2() throws SQLException {
        exec(h2, "CREATE TABLE sales (yr INT, amount INT)", "INSERT INTO sales VALUES (2023, 1), (2024, 2)");
        StoreFactory factory = StoreFactory.builder()
                .properties(props(
                        "\"q\".type", "sql-query",
                        "\"q\".datasource", "reporting",
                        "\"q\".strict", "FALSE",
                        "\"q\".queries.\"sales/{year:int}.csv\"", "SELECT amount FROM sales WHERE yr = :year"))
                .dataSource("reporting", h2)
                .build();
        try (Store store = factory.create("q")) {
            assertThat(text(store, "sales/2024.csv")).isEqualTo("\"AMOUNT\"\r\n\"2\"\r\n");
            assertThat(store.resolve("SALES.csv").details()).containsEntry("source", "convention");
        }
    }

    @Test
    @DisplayName("CONF-007: named queries handed in are served by default, and not with named-queries=false")
    void namedQueries() throws SQLException {
        exec(h2, "CREATE TABLE t (n INT)", "INSERT INTO t VALUES (3)");
        QuerySource source = new QuerySource() {
            @Override
            public String name() {
                return "named";
            }

            @Override
            public Map<String, String> queries() {
                return Map.of("exports/t.jsonl", "SELECT n FROM t");
            }
        };
        StoreFactory factory = StoreFactory.builder()
                .properties(props(
                        "on.type", "sql-query",
                        "off.type", "sql-query",
                        "off.named-queries", "false"))
                .dataSource(StoreFactory.DEFAULT, h2)
                .namedQueries(store -> source)
                .build();
        try (Stores stores = factory.createAll()) {
            assertThat(text(stores.get("on"), "exports/t.jsonl")).isEqualTo("{\"N\":3}\n");
            assertThat(stores.get("on").resolve("exports/t.jsonl").details()).containsEntry("source", "named");
            assertThatThrownBy(() -> stores.get("off").readBytes("exports/t.jsonl"))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    @DisplayName("CONF-009: a composite of memory + local: match, write-tier and write-through reach the builder")
    void compositeOfMemoryAndLocal() {
        Path warm = dir.resolve("warm");
        StoreFactory factory = factory(props(
                "type", "composite",
                "tiers", "hot, warm , archive",
                "write-tier", "warm",
                "write-through", "true",
                "tier.\"archive\".match", "archive/**",
                "hot.type", "memory",
                "warm.type", "local",
                "warm.root", warm.toString(),
                "archive.type", "memory"));
        try (Stores stores = factory.createAll()) {
            CompositeStore composite = (CompositeStore) stores.get(StoreFactory.DEFAULT);
            assertThat(composite.tiers()).extracting(t -> t.name()).containsExactly("hot", "warm", "archive");
            composite.write("a.txt", bytes("a"));
            assertThat(warm.resolve("a.txt")).hasContent("a"); // write-tier
            assertThat(stores.get("hot").exists("a.txt")).isTrue(); // write-through
            composite.write("archive/old.txt", bytes("old"));
            assertThat(stores.get("archive").exists("archive/old.txt")).isTrue(); // match
            assertThat(warm.resolve("archive/old.txt")).doesNotExist();
            assertThat(composite.resolve("archive/old.txt").details()).containsEntry("resolvedTier", "archive");
        }
    }

    // ---- the flat layout -----------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-001: default and named stores, quoted and unquoted names, quoted keys with dots and slashes")
    void flatLayout() {
        Path dotted = dir.resolve("dotted");
        StoreFactory factory = StoreFactory.builder()
                .properties(Map.of( // a HashMap: the factory depends on no order
                        "type", "composite",
                        "tiers", "hot,my.store",
                        "tier.\"my.store\".match", "reports/2024.q1/**",
                        "hot.type", "memory",
                        "\"my.store\".type", "local",
                        "\"my.store\".root", dotted.toString()))
                .build();
        assertThat(factory.names()).containsExactly(StoreFactory.DEFAULT, "hot", "my.store");
        try (Stores stores = factory.createAll()) {
            Store store = stores.get(StoreFactory.DEFAULT);
            store.write("reports/2024.q1/a.csv", bytes("q1"));
            store.write("b.txt", bytes("b"));
            assertThat(dotted.resolve("reports/2024.q1/a.csv")).hasContent("q1");
            assertThat(stores.get("hot").exists("b.txt")).isTrue();
        }
    }

    @Test
    @DisplayName("CONF-001: a store named like a property is quoted; per-store properties can be handed in directly")
    void quotedNamesAndExplicitStores() {
        StoreFactory factory = StoreFactory.builder()
                .properties(props("\"root\".type", "memory", "\"<default>\".type", "composite"))
                .store(StoreFactory.DEFAULT, Map.of("tiers", "root,tier"))
                .store("tier", Map.of("type", "memory"))
                .build();
        assertThat(factory.names()).containsExactly(StoreFactory.DEFAULT, "root", "tier");
        try (Store store = factory.create(StoreFactory.DEFAULT)) {
            store.write("x", bytes("x"));
            assertThat(((CompositeStore) store).tier("root").exists("x")).isTrue();
        }
    }

    // ---- creating and closing ------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-013: createAll builds each store once; a composite's tiers are the stores of those names")
    void createAllSharesTierInstances() {
        StoreFactory factory =
                factory(props("type", "composite", "tiers", "hot,cold", "hot.type", "memory", "cold.type", "memory"));
        try (Stores stores = factory.createAll()) {
            CompositeStore composite = (CompositeStore) stores.get(StoreFactory.DEFAULT);
            assertThat(composite.tier("hot")).isSameAs(stores.get("hot"));
            assertThat(composite.tier("cold")).isSameAs(stores.get("cold"));
            assertThat(stores.names()).containsExactly(StoreFactory.DEFAULT, "cold", "hot");
        }
    }

    @Test
    @DisplayName("CONF-013: create(name) builds a new, independent store each time, with new tier stores")
    void createIsIndependent() {
        StoreFactory factory = factory(props("type", "composite", "tiers", "hot", "hot.type", "memory"));
        try (Store a = factory.create(StoreFactory.DEFAULT);
                Store b = factory.create(StoreFactory.DEFAULT);
                Store hot = factory.create("hot")) {
            a.write("k", bytes("a"));
            assertThat(b.exists("k")).isFalse();
            assertThat(hot.exists("k")).isFalse();
            assertThat(((CompositeStore) a).tier("hot")).isNotSameAs(hot);
        }
        assertThatThrownBy(() -> factory.create("cold"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no store \"cold\"")
                .hasMessageContaining("[<default>, hot]");
    }

    @Test
    @DisplayName("CONF-013: closing Stores closes every store once, composites with their tiers; handed-in"
            + " datasources stay open")
    void closingStoresClosesEverything() throws SQLException {
        StoreFactory factory = StoreFactory.builder()
                .properties(props(
                        "type", "composite",
                        "tiers", "a,b",
                        "a.type", "fixture",
                        "a.label", "close-a",
                        "b.type", "fixture",
                        "b.label", "close-b",
                        "c.type", "fixture",
                        "c.label", "close-c",
                        "pool.type", "sql-blob",
                        "pool.url", "jdbc:sqlite:" + dir.resolve("pool.db"),
                        "borrowed.type", "sql-blob",
                        "borrowed.datasource", "h2"))
                .dataSource("h2", h2)
                .build();
        Stores stores = factory.createAll();
        HikariDataSource pool = (HikariDataSource) stores.get("pool").unwrap(DataSource.class);
        stores.close();
        assertThat(FixtureStoreProvider.CLOSED).contains("close-a", "close-b", "close-c");
        assertThat(FixtureStoreProvider.CLOSED.stream().filter(l -> l.startsWith("close-")))
                .hasSize(3);
        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(() -> stores.get(StoreFactory.DEFAULT).exists("x"))
                .isInstanceOf(BackendUnavailableException.class);
        try (Connection c = h2.getConnection()) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    @DisplayName("CONF-014: when creating a composite fails, the tier stores created for it are closed again")
    void failedCreationClosesWhatItCreated() throws Exception {
        Path root = dir.resolve("file");
        StoreFactory factory = factory(props(
                "type", "composite",
                "tiers", "first,broken",
                "first.type", "fixture",
                "first.label", "created-then-closed",
                "broken.type", "local",
                "broken.root", root.toString()));
        Files.writeString(root, "x"); // after build(), which would have refused it (CONF-008)
        assertThatThrownBy(() -> factory.create(StoreFactory.DEFAULT))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("store root");
        assertThat(FixtureStoreProvider.CREATED).contains("created-then-closed");
        assertThat(FixtureStoreProvider.CLOSED).contains("created-then-closed");
    }

    @Test
    @DisplayName("CONF-013: a decorator wraps every store before a composite takes it as a tier; closing goes"
            + " through the wrappers")
    void decoratorWrapsEveryStore() {
        Map<String, Store> seen = new LinkedHashMap<>();
        StoreFactory factory = StoreFactory.builder()
                .properties(props(
                        "type", "composite",
                        "tiers", "hot,cold",
                        "hot.type", "fixture",
                        "hot.label", "decorated-hot",
                        "cold.type", "memory",
                        "solo.type", "memory"))
                .decorator((name, store) -> {
                    Store wrapped = store instanceof CompositeStore ? store : ObservingStore.of(store);
                    seen.put(name, wrapped);
                    return wrapped;
                })
                .build();
        try (Stores stores = factory.createAll()) {
            assertThat(seen.keySet()).containsExactlyInAnyOrder(StoreFactory.DEFAULT, "hot", "cold", "solo");
            CompositeStore composite = (CompositeStore) stores.get(StoreFactory.DEFAULT);
            assertThat(composite.tier("hot")).isInstanceOf(ObservingStore.class).isSameAs(stores.get("hot"));
            assertThat(composite.tier("cold")).isSameAs(seen.get("cold"));
            assertThat(stores.get("solo")).isSameAs(seen.get("solo"));
        }
        assertThat(FixtureStoreProvider.CLOSED).contains("decorated-hot");
    }

    @Test
    @DisplayName("CONF-014: a decorator that fails, or returns no store, leaves the store it was given closed")
    void failingDecoratorClosesTheStore() {
        StoreFactory throwing = StoreFactory.builder()
                .properties(props("type", "fixture", "label", "undecorated-1"))
                .decorator((name, store) -> {
                    throw new IllegalStateException("no wrapper for " + name);
                })
                .build();
        assertThatThrownBy(throwing::createAll).hasMessage("no wrapper for <default>");
        assertThat(FixtureStoreProvider.CLOSED).contains("undecorated-1");
        StoreFactory nothing = StoreFactory.builder()
                .properties(props("type", "fixture", "label", "undecorated-2"))
                .decorator((name, store) -> null)
                .build();
        assertThatThrownBy(() -> nothing.create(StoreFactory.DEFAULT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the store decorator returned no store for \"<default>\"");
        assertThat(FixtureStoreProvider.CLOSED).contains("undecorated-2");
    }

    // ---- a third-party type ---------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-012: a type registered through ServiceLoader is built from its own properties")
    void serviceLoaderProvider() {
        StoreFactory factory = factory(props(
                "\"f\".type", "fixture",
                "\"f\".label", "service-loaded",
                "\"f\".files.\"greetings/hello.txt\"", "hello",
                "f.files.\"b.txt\"", "b"));
        try (Store store = factory.create("f")) {
            assertThat(text(store, "greetings/hello.txt")).isEqualTo("hello");
            assertThat(text(store, "b.txt")).isEqualTo("b");
        }
        assertThat(FixtureStoreProvider.CREATED).contains("service-loaded");
    }

    @Test
    @DisplayName("CONF-012: a provider handed to the builder that ServiceLoader also finds counts once")
    void sameProviderTwiceCountsOnce() {
        StoreFactory factory = StoreFactory.builder()
                .provider(new FixtureStoreProvider())
                .properties(props("type", "fixture", "label", "once"))
                .build();
        assertThat(factory.names()).containsExactly(StoreFactory.DEFAULT);
    }

    @Test
    @DisplayName("CONF-011: the prefix makes full names in messages; each problem is listed")
    void messagesUseThePrefix() {
        assertThatThrownBy(() -> StoreFactory.builder()
                        .prefix("quarkus.remote-store.")
                        .properties(props("type", "memry", "hot.type", "local"))
                        .store("cold", Map.of("type", "local"))
                        .build())
                .isInstanceOfSatisfying(StoreConfigurationException.class, e -> assertThat(e.problems())
                        .extracting(StoreConfigurationException.Problem::property)
                        .containsExactly(
                                "quarkus.remote-store.type",
                                "quarkus.remote-store.\"cold\".root",
                                "quarkus.remote-store.hot.root"))
                .hasMessageStartingWith("the store configuration has 3 problems:\n"
                        + "  quarkus.remote-store.type: is \"memry\", which is no known type (did you mean memory?)");
    }

    @Test
    @DisplayName("CONF-001: the example of docs/configuration.md, read as a .properties file, is a valid configuration")
    void documentedExampleIsValid() throws Exception {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        int start = doc.indexOf("```properties\n") + "```properties\n".length();
        java.util.Properties file = new java.util.Properties();
        file.load(new java.io.StringReader(doc.substring(start, doc.indexOf("```", start))));
        Map<String, String> properties = new LinkedHashMap<>();
        file.stringPropertyNames()
                .forEach(n -> properties.put(n.substring("remote-store.".length()), file.getProperty(n)));
        StoreFactory factory = StoreFactory.builder()
                .prefix("remote-store.")
                .properties(properties)
                .dataSource("main", h2)
                .dataSource(StoreFactory.DEFAULT, h2)
                .build();
        assertThat(factory.names()).containsExactly(StoreFactory.DEFAULT, "archive", "hot", "reports");
        assertThat(properties).containsKey("\"reports\".queries.\"sales/{year:int}.parquet\"");
    }
}

package dev.remotestore.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.config.StoreConfigurationException;
import dev.remotestore.config.StoreFactory;
import dev.remotestore.ext.StoreEvent;
import dev.remotestore.ext.StoreListener;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How the extension turns its configuration into remote-store's factory input, creates, observes and closes stores. */
class RemoteStoresTest {
    private static StoreSetup setup(Map<String, String> types, Map<String, String> dataSources) {
        return new StoreSetup(types, dataSources, Set.of(), Map.of(), Map.of(), false);
    }

    @Test
    void buildAndRunTimePropertiesMeetPerStoreWithMapKeysQuoted() {
        FakeRuntimeConfig config = new FakeRuntimeConfig()
                .store(
                        "reports",
                        Map.of(
                                "queries.daily/sales.csv", "SELECT 1",
                                "strict", "false",
                                "table", " "))
                .store(StoreFactory.DEFAULT, Map.of("tiers", "hot,reports", "tier.hot.match", "hot/**"))
                .store("untyped", Map.of("root", "x"));
        Map<String, Map<String, String>> p = RemoteStores.properties(
                setup(Map.of("reports", "sql-query", StoreFactory.DEFAULT, "composite"), Map.of("reports", "sales")),
                config);
        assertThat(p.keySet()).containsExactly(StoreFactory.DEFAULT, "reports", "untyped");
        assertThat(p.get("reports"))
                .containsExactly(
                        Map.entry("type", "sql-query"),
                        Map.entry("datasource", "sales"),
                        Map.entry("queries.\"daily/sales.csv\"", "SELECT 1"),
                        Map.entry("strict", "false")); // the blank table is absent
        assertThat(p.get(StoreFactory.DEFAULT)).containsEntry("tier.\"hot\".match", "hot/**");
        assertThat(p.get("untyped")).containsExactly(Map.entry("root", "x"));
    }

    @Test
    void s3PropertiesReachTheFactory() {
        FakeRuntimeConfig config = new FakeRuntimeConfig()
                .store(
                        "cold",
                        Map.of(
                                "bucket", "archive",
                                "endpoint", "http://localhost:9000",
                                "path-style", "true",
                                "access-key-id", "id",
                                "secret-access-key", "secret",
                                "part-size", "16M"));
        Map<String, Map<String, String>> p = RemoteStores.properties(setup(Map.of("cold", "s3"), Map.of()), config);
        assertThat(p.get("cold"))
                .containsEntry("type", "s3")
                .containsEntry("bucket", "archive")
                .containsEntry("endpoint", "http://localhost:9000")
                .containsEntry("path-style", "true")
                .containsEntry("access-key-id", "id")
                .containsEntry("secret-access-key", "secret")
                .containsEntry("part-size", "16M");
    }

    @Test
    void onlyASqlBlobStoreOnAManagedDatasourceWithoutItsOwnSettingLeavesItsTableToMigrations() {
        Set<String> managed = Set.of(StoreFactory.DEFAULT, "orders");
        assertThat(RemoteStores.leavesTableToMigrations(Map.of("type", "sql-blob"), managed))
                .isTrue();
        assertThat(RemoteStores.leavesTableToMigrations(Map.of("type", "sql-blob", "datasource", "orders"), managed))
                .isTrue();
        assertThat(RemoteStores.leavesTableToMigrations(Map.of("type", "sql-blob", "datasource", "other"), managed))
                .as("a datasource no tool manages")
                .isFalse();
        assertThat(RemoteStores.leavesTableToMigrations(Map.of("type", "sql-blob", "create-table", "true"), managed))
                .as("create-table set")
                .isFalse();
        assertThat(RemoteStores.leavesTableToMigrations(Map.of("type", "sql-blob", "url", "jdbc:h2:mem:x"), managed))
                .as("a pool of its own")
                .isFalse();
        assertThat(RemoteStores.leavesTableToMigrations(Map.of("type", "sql-query"), managed))
                .isFalse();
    }

    @Test
    void configurationProblemsNameTheQuarkusProperty() {
        assertThatThrownBy(() -> RemoteStores.create(
                        setup(Map.of("hot", "memory"), Map.of()),
                        new FakeRuntimeConfig().store("hot", Map.of("root", "/tmp")),
                        name -> null,
                        null))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("quarkus.remote-store.\"hot\".root: is not a property of type memory");
    }

    @Test
    void namedQueriesWithoutHibernateOrmNameTheQuarkusExtensionAlongsideTheFactorysProblems() {
        assertThatThrownBy(() -> RemoteStores.create(
                        setup(Map.of("reports", "sql-query", "files", "local"), Map.of()),
                        new FakeRuntimeConfig()
                                .store("reports", Map.of("url", "jdbc:h2:mem:x", "named-queries", " TRUE "))
                                .store("files", Map.of("table", "t")),
                        name -> null,
                        null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("the remote-store configuration has 3 problems:")
                .hasMessageContaining(
                        "\n  quarkus.remote-store.\"reports\".named-queries: is true, but the application has"
                                + " no Hibernate ORM, where named native queries come from: add the Quarkus extension"
                                + " io.quarkus:quarkus-hibernate-orm")
                .hasMessageContaining("quarkus.remote-store.\"files\".table: is not a property of type local")
                .hasMessageContaining("quarkus.remote-store.\"files\".root: is missing")
                .hasMessageNotContaining("remote-store-jpa")
                .satisfies(e -> assertThat(((ConfigurationException) e).getConfigKeys())
                        .contains("quarkus.remote-store.\"reports\".named-queries"))
                .cause()
                .isInstanceOf(StoreConfigurationException.class);
    }

    @Test
    void namedQueriesTrueWhereTheProvidedSourceHasNoneIsAProblemOfThatProperty() {
        assertThatThrownBy(() -> RemoteStores.create(
                        new StoreSetup(
                                Map.of("reports", "sql-query"),
                                Map.of("reports", "sales"),
                                Set.of("sales"),
                                Map.of(),
                                Map.of("reports", () -> null),
                                true),
                        new FakeRuntimeConfig().store("reports", Map.of("named-queries", "true")),
                        name -> new org.h2.jdbcx.JdbcDataSource(),
                        null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "the remote-store configuration has 1 problem:\n  quarkus.remote-store.\"reports\".named-queries:"
                                + " is true, but the named-query source provided for this store has none; or set"
                                + " quarkus.remote-store.\"reports\".named-queries=false");
    }

    @Test
    void namedQueriesOfAStoreWithAUrlAreRefusedWhereTheyWouldComeFromAnotherDatabase() {
        assertThatThrownBy(() -> RemoteStores.create(
                        new StoreSetup(Map.of("reports", "sql-query"), Map.of(), Set.of(), Map.of(), Map.of(), true),
                        new FakeRuntimeConfig()
                                .store("reports", Map.of("url", "jdbc:h2:mem:x", "named-queries", "true")),
                        name -> null,
                        null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "quarkus.remote-store.\"reports\".named-queries: is true, but the store has a url");
    }

    @Test
    void closingClosesTheStoresButNotABorrowedDatasource() throws Exception {
        try (HikariDataSource borrowed = new HikariDataSource()) {
            borrowed.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            RemoteStores stores = RemoteStores.create(
                    new StoreSetup(
                            Map.of("blobs", "sql-blob", "cache", "memory"),
                            Map.of(),
                            Set.of(StoreFactory.DEFAULT),
                            Map.of(),
                            Map.of(),
                            false),
                    new FakeRuntimeConfig(),
                    name -> name.equals(StoreFactory.DEFAULT) ? borrowed : null,
                    null);
            stores.get("blobs").write("a", new byte[] {1});
            Store cache = stores.get("cache");
            stores.close();
            assertThatThrownBy(() -> cache.exists("a")).isInstanceOf(BackendUnavailableException.class);
            assertThat(borrowed.isClosed()).isFalse();
            try (Connection c = borrowed.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void tiersAreObservedUnderTheirCompositeOtherStoresUnderTheirOwnName() {
        List<String> seen = new CopyOnWriteArrayList<>();
        StoreObserver observer =
                (store, tier) -> (StoreListener) (StoreEvent e) -> seen.add(store + "/" + tier + ":" + e.operation());
        RemoteStores stores = RemoteStores.create(
                setup(Map.of(StoreFactory.DEFAULT, "composite", "hot", "memory", "solo", "memory"), Map.of()),
                new FakeRuntimeConfig().store(StoreFactory.DEFAULT, Map.of("tiers", "hot")),
                name -> null,
                observer);
        try (stores) {
            stores.get(StoreFactory.DEFAULT).write("a", new byte[] {1});
            stores.get("solo").exists("b");
            stores.undecorated("solo").exists("c");
            assertThat(seen).containsExactly("<default>/hot:write", "solo/none:exists");
            assertThat(stores.compositeOf("hot")).contains(StoreFactory.DEFAULT);
            assertThat(stores.tiers(StoreFactory.DEFAULT))
                    .extracting(t -> t.name())
                    .containsExactly("hot");
        }
    }
}

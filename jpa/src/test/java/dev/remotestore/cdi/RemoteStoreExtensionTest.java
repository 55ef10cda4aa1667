package dev.remotestore.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-CDI extension in Weld SE with SmallRye Config: no Quarkus anywhere. */
@DatabaseTest
class RemoteStoreExtensionTest {
    @TempDir
    Path tmp;

    private SmallRyeConfig config;

    /** The application's datasources, as CDI beans. */
    public static class DataSources {
        @Produces
        DataSource main() {
            return TestDatabase.H2.dataSource();
        }

        @Produces
        @Identifier("reports")
        DataSource reports() {
            return TestDatabase.SQLITE.dataSource();
        }
    }

    /** An application bean that injects stores. */
    public static class Application {
        @Inject
        Store store;

        @Inject
        @Identifier("files")
        Store files;

        @Inject
        @Identifier("reports")
        Store reports;

        @Inject
        @Identifier("tiered")
        Store tieredAsStore;

        @Inject
        @Identifier("tiered")
        CompositeStore tiered;
    }

    private WeldContainer start(Map<String, String> properties) {
        return start(properties, DataSources.class, Application.class);
    }

    private WeldContainer start(Map<String, String> properties, Class<?>... beans) {
        config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        ConfigProviderResolver.instance()
                .registerConfig(config, Thread.currentThread().getContextClassLoader());
        return new Weld()
                .disableDiscovery()
                .addExtension(new RemoteStoreExtension())
                .addBeanClasses(beans)
                .initialize();
    }

    @AfterEach
    void releaseConfig() {
        if (config != null) {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("@Inject Store and @Inject @Identifier(name) Store from remote-store.* (memory, sql-blob on the"
            + " default and a named datasource, a composite also as CompositeStore); closed at shutdown")
    void defaultAndNamedStores() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("remote-store.type", "memory");
        p.put("remote-store.\"files\".type", "sql-blob");
        p.put("remote-store.\"files\".table", TestDatabase.newTableName());
        p.put("remote-store.\"reports\".type", "sql-blob");
        p.put("remote-store.\"reports\".datasource", "reports");
        p.put("remote-store.\"reports\".table", TestDatabase.newTableName());
        p.put("remote-store.\"tiered\".type", "composite");
        p.put("remote-store.\"tiered\".tiers", "hot,warm");
        p.put("remote-store.\"hot\".type", "memory");
        p.put("remote-store.\"warm\".type", "local");
        p.put("remote-store.\"warm\".root", tmp.resolve("warm").toString());
        Store memory;
        try (WeldContainer container = start(p)) {
            Application app = container.select(Application.class).get();
            memory = app.store;
            app.store.write("a.txt", bytes("default"));
            assertThat(app.store.readBytes("a.txt")).isEqualTo(bytes("default"));
            assertThat(app.store.resolve("a.txt").kind()).isEqualTo("blob");

            app.files.write("f.txt", bytes("h2"));
            assertThat(app.files.resolve("f.txt").details()).containsEntry("database", "h2");
            app.reports.write("r.txt", bytes("sqlite"));
            assertThat(app.reports.resolve("r.txt").details()).containsEntry("database", "sqlite");

            assertThat(app.tieredAsStore).isSameAs(app.tiered);
            app.tiered.write("t.txt", bytes("tiered"));
            app.tiered.migrate("t.txt", "hot", "warm");
            assertThat(app.tiered.resolve("t.txt").details()).containsEntry("resolvedTier", "warm");
            assertThat(tmp.resolve("warm").resolve("t.txt")).exists();
            assertThat(container
                            .select(Store.class, Identifier.Literal.of("hot"))
                            .get())
                    .isSameAs(app.tiered.tier("hot"));
        }
        assertThatThrownBy(() -> memory.exists("a.txt")).isInstanceOf(BackendUnavailableException.class);
        try (java.sql.Connection c = TestDatabase.H2.dataSource().getConnection()) {
            assertThat(c.isValid(1))
                    .as("the application's datasource stays open")
                    .isTrue();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("a misconfiguration fails the deployment naming the property (an unknown type)")
    void unknownTypeFailsTheDeployment() {
        Throwable thrown = catchThrowable(() -> start(Map.of("remote-store.\"x\".type", "nosuch"), DataSources.class));
        assertThat(thrown).isNotNull();
        assertThat(messages(thrown))
                .contains("remote-store.\"x\".type")
                .contains("nosuch")
                .contains("memory");
    }

    @Test
    @DisplayName("a store naming a datasource the application has no bean of fails the deployment naming it")
    void unknownDataSourceFailsTheDeployment() {
        Throwable thrown = catchThrowable(() -> start(
                Map.of("remote-store.\"x\".type", "sql-blob", "remote-store.\"x\".datasource", "nowhere"),
                DataSources.class));
        assertThat(thrown).isNotNull();
        assertThat(messages(thrown)).contains("remote-store.\"x\".datasource").contains("nowhere");
    }

    @Test
    @DisplayName("a store the configuration does not have is not injectable; without remote-store.* nothing is added")
    void nothingConfiguredAddsNoBeans() {
        try (WeldContainer container = start(Map.of("unrelated", "x"), DataSources.class)) {
            assertThat(container.select(Store.class).isResolvable()).isFalse();
        }
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}

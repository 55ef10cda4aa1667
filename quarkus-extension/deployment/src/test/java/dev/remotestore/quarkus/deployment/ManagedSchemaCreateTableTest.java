package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a datasource whose schema a migration tool manages, {@code create-table=true} still creates the table; a store
 * on another datasource creates its table as usual.
 */
class ManagedSchemaCreateTableTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(BuildSteps.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:managed-create;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.datasource.\"other\".db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.\"other\".jdbc.url", "jdbc:h2:mem:unmanaged;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob")
            .overrideConfigKey("quarkus.remote-store.create-table", "true")
            .overrideConfigKey("quarkus.remote-store.\"other\".type", "sql-blob")
            .overrideConfigKey("quarkus.remote-store.\"other\".datasource", "other")
            .addBuildChainCustomizer(BuildSteps.managedSchema("<default>", "Flyway"));

    @Inject
    Store store;

    @Inject
    @Identifier("other")
    Store other;

    @Test
    void explicitCreateTableWins() {
        store.write("a", new byte[] {1});
        assertThat(store.readBytes("a")).containsExactly(1);
    }

    @Test
    void unmanagedDatasourceCreatesItsTable() {
        other.write("b", new byte[] {2});
        assertThat(other.readBytes("b")).containsExactly(2);
    }
}

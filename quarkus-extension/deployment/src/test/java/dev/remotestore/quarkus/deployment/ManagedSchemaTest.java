package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A datasource whose schema a migration tool manages ({@link ManagedSchemaBuildItem}, the seam of Flyway): a
 * {@code sql-blob} store on it does not create its table, so a missing table (migrations that do not create it) fails
 * the startup instead of being created behind the migrations' back.
 */
class ManagedSchemaTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(BuildSteps.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:managed;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob")
            .addBuildChainCustomizer(BuildSteps.managedSchema("<default>", "Flyway"))
            .assertException(t -> {
                Throwable cause = t;
                while (!(cause instanceof IllegalStateException) && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                assertThat(cause)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("table \"remote_store_objects\" does not exist")
                        .hasMessageContaining(
                                "\n  quarkus.remote-store.create-table defaults to false because Flyway on"
                                        + " the datasource <default>: let a migration create the table (one that extends"
                                        + " dev.remotestore.flyway.CreateBlobTable), or set"
                                        + " quarkus.remote-store.create-table=true");
            });

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

package dev.remotestore.quarkus.deployment.misconfigured;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code named-queries=true} on a datasource that no Hibernate ORM persistence unit uses fails the start naming the
 * datasource (the application's units are on another one).
 */
class NamedQueriesWithoutPersistenceUnitTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Failure.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:units;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.datasource.\"sales\".db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.\"sales\".jdbc.url", "jdbc:h2:mem:no-unit;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.remote-store.\"reports\".type", "sql-query")
            .overrideConfigKey("quarkus.remote-store.\"reports\".datasource", "sales")
            .overrideConfigKey("quarkus.remote-store.\"reports\".named-queries", "true")
            .assertException(Failure.with(
                    Failure.CONFIGURATION,
                    "quarkus.remote-store.\"reports\".named-queries: is true, but no Hibernate ORM persistence unit uses"
                            + " the datasource sales"));

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

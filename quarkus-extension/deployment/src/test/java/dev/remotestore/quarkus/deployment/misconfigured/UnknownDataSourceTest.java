package dev.remotestore.quarkus.deployment.misconfigured;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A datasource that the application does not have fails the build, naming the property and the datasources. */
class UnknownDataSourceTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:unknown-datasource")
            .overrideConfigKey("quarkus.datasource.\"orders\".db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.\"orders\".jdbc.url", "jdbc:h2:mem:unknown-datasource-orders")
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob")
            .overrideConfigKey("quarkus.remote-store.datasource", "order")
            .assertException(Failure.with(
                    Failure.CONFIGURATION,
                    "quarkus.remote-store.datasource: names the datasource \"order\", which is not one of the"
                            + " application's JDBC datasources; they are [<default>, orders]"));

    @Test
    void failsTheBuild() {
        // the assertion is in assertException
    }
}

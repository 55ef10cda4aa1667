package dev.remotestore.quarkus.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code named-queries=true} in an application without Hibernate ORM fails the start naming the Quarkus extension to
 * add (remote-store-jpa, which serves the queries, comes with this extension already).
 */
class NamedQueriesWithoutHibernateOrmTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.\"reports\".type", "sql-query")
            .overrideConfigKey("quarkus.remote-store.\"reports\".url", "jdbc:h2:mem:reports")
            .overrideConfigKey("quarkus.remote-store.\"reports\".named-queries", "true")
            .assertException(thrown -> {
                Throwable t = thrown;
                while (t != null
                        && !t.getClass().getName().equals("io.quarkus.runtime.configuration.ConfigurationException")) {
                    t = t.getCause();
                }
                assertThat(t).as("a ConfigurationException in %s", thrown).isNotNull();
                assertThat(t.getMessage())
                        .contains("quarkus.remote-store.\"reports\".named-queries: is true, but the application has no"
                                + " Hibernate ORM, where named native queries come from: add the Quarkus extension"
                                + " io.quarkus:quarkus-hibernate-orm")
                        .doesNotContain("remote-store-jpa");
            });

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

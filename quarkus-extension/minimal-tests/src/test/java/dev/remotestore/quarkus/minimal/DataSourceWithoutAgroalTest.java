package dev.remotestore.quarkus.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A store that names a datasource in an application without Agroal fails the build, naming what to add. */
class DataSourceWithoutAgroalTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob")
            .overrideConfigKey("quarkus.remote-store.datasource", "main")
            .assertException(thrown -> {
                Throwable t = thrown;
                while (t != null
                        && !t.getClass().getName().equals("io.quarkus.runtime.configuration.ConfigurationException")) {
                    t = t.getCause();
                }
                assertThat(t).as("a ConfigurationException in %s", thrown).isNotNull();
                assertThat(t.getMessage())
                        .contains("quarkus.remote-store.datasource: names the datasource \"main\", which is not one of"
                                + " the application's JDBC datasources; the application has none: add"
                                + " io.quarkus:quarkus-agroal and a JDBC driver extension");
            });

    @Test
    void failsTheBuild() {
        // the assertion is in assertException
    }
}

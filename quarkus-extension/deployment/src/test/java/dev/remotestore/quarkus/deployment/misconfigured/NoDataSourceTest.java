package dev.remotestore.quarkus.deployment.misconfigured;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A SQL store without datasource, url or a default datasource fails the startup, naming what to set. */
class NoDataSourceTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob")
            .assertException(Failure.with(
                    Failure.STORE_CONFIGURATION,
                    "quarkus.remote-store.url: is missing, and so are quarkus.remote-store.datasource and a default"
                            + " datasource"));

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

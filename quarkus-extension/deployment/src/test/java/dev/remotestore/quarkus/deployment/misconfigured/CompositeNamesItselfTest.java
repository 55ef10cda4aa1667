package dev.remotestore.quarkus.deployment.misconfigured;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A composite that names itself as a tier fails the startup, naming the property. */
class CompositeNamesItselfTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.\"all\".type", "composite")
            .overrideConfigKey("quarkus.remote-store.\"all\".tiers", "hot,all")
            .overrideConfigKey("quarkus.remote-store.\"hot\".type", "memory")
            .assertException(Failure.with(
                    Failure.STORE_CONFIGURATION,
                    "quarkus.remote-store.\"all\".tiers: names the composite itself (\"all\")"));

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

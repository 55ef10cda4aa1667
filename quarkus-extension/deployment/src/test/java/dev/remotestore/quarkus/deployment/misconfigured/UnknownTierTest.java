package dev.remotestore.quarkus.deployment.misconfigured;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tier that names no configured store fails the startup, naming the property and the stores. */
class UnknownTierTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.type", "composite")
            .overrideConfigKey("quarkus.remote-store.tiers", "hot,cold")
            .overrideConfigKey("quarkus.remote-store.\"hot\".type", "memory")
            .assertException(Failure.with(
                    Failure.STORE_CONFIGURATION,
                    "quarkus.remote-store.tiers: names \"cold\", which is not a configured store; the stores are"
                            + " [<default>, hot]"));

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

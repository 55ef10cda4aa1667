package dev.remotestore.quarkus.deployment.misconfigured;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Composites that contain each other fail the startup, naming the property and the cycle. */
class CompositeCycleTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.type", "composite")
            .overrideConfigKey("quarkus.remote-store.tiers", "a")
            .overrideConfigKey("quarkus.remote-store.\"a\".type", "composite")
            .overrideConfigKey("quarkus.remote-store.\"a\".tiers", "b")
            .overrideConfigKey("quarkus.remote-store.\"b\".type", "composite")
            .overrideConfigKey("quarkus.remote-store.\"b\".tiers", "a")
            .assertException(Failure.with(
                    Failure.STORE_CONFIGURATION, "quarkus.remote-store.\"b\".tiers: forms a cycle: a → b → a"));

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

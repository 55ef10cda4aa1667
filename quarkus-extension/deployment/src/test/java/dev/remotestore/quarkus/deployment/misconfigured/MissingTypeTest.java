package dev.remotestore.quarkus.deployment.misconfigured;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A store with properties but no type fails the startup, naming the missing property. */
class MissingTypeTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.\"files\".root", "target/quarkus-tests/missing-type")
            .assertException(Failure.with(
                    Failure.STORE_CONFIGURATION,
                    "quarkus.remote-store.\"files\".type: is missing; every store needs a type"));

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

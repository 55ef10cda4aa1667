package dev.remotestore.quarkus.deployment.misconfigured;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An unknown type fails the startup, naming the property, the closest type and the known ones. */
class UnknownTypeTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.\"hot\".type", "memroy")
            .assertException(Failure.with(
                    Failure.STORE_CONFIGURATION,
                    "quarkus.remote-store.\"hot\".type: is \"memroy\", which is no known type (did you mean"
                            + " memory?); the known types are composite, local, memory, sql-blob, sql-query"));

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}

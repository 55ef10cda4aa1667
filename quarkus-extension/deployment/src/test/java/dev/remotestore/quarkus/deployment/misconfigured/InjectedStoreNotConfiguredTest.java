package dev.remotestore.quarkus.deployment.misconfigured;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import io.quarkus.arc.Unremovable;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Injecting a store that is not configured, or a non-composite as {@code CompositeStore}, fails the build naming the
 * property to set.
 */
class InjectedStoreNotConfiguredTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Documents.class))
            .overrideConfigKey("quarkus.remote-store.\"files\".type", "memory")
            .assertException(Failure.with(
                    Failure.CONFIGURATION,
                    "injects the store \"fils\", which is not configured: set quarkus.remote-store.\"fils\".type (the"
                            + " configured stores are [files])",
                    "injects the default store, which is not configured: set quarkus.remote-store.type",
                    "injects the store \"files\" as a CompositeStore, but quarkus.remote-store.\"files\".type is"
                            + " memory; inject it as a Store"));

    /** An application bean with three mistakes (unremovable: an unused bean is removed before the checks). */
    @ApplicationScoped
    @Unremovable
    public static class Documents {
        @Inject
        @Identifier("fils")
        Store typo;

        @Inject
        Store unconfiguredDefault;

        @Inject
        @Identifier("files")
        CompositeStore notAComposite;
    }

    @Test
    void failsTheBuild() {
        // the assertion is in assertException
    }
}

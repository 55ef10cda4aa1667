package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.remote-store.metrics.enabled=false}: Micrometer is there, the stores are not observed. */
class MetricsDisabledTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Registry.class))
            .overrideConfigKey("quarkus.remote-store.type", "memory")
            .overrideConfigKey("quarkus.remote-store.metrics.enabled", "false");

    /** A registry that would keep the meters. */
    public static class Registry {
        @Produces
        @Singleton
        SimpleMeterRegistry simple() {
            return new SimpleMeterRegistry();
        }
    }

    @Inject
    Store store;

    @Inject
    MeterRegistry registry;

    @Test
    void noMetersAndNoObservingWrapper() {
        store.write("a", new byte[] {1});
        store.readBytes("a");
        assertThat(registry.find("remote.store.operations").meters()).isEmpty();
        assertThat(store.getClass()).isEqualTo(Store.class);
    }
}

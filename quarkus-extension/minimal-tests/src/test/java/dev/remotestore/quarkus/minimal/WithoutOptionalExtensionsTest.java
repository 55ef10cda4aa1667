package dev.remotestore.quarkus.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension on a class path without Agroal, SmallRye Health, Micrometer, Hibernate ORM and Flyway: memory and
 * local stores need no datasource, there is no health check and no meter, and the stores are not wrapped for
 * observation.
 */
class WithoutOptionalExtensionsTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.type", "composite")
            .overrideConfigKey("quarkus.remote-store.tiers", "cache,files")
            .overrideConfigKey("quarkus.remote-store.\"cache\".type", "memory")
            .overrideConfigKey("quarkus.remote-store.\"files\".type", "local")
            .overrideConfigKey(
                    "quarkus.remote-store.\"files\".root",
                    Path.of("target/quarkus-tests/minimal").toString());

    @Inject
    CompositeStore store;

    @Inject
    @Identifier("cache")
    Store cache;

    @Test
    void optionalExtensionsAreAbsent() {
        for (String absent : new String[] {
            "io.agroal.api.AgroalDataSource",
            "org.eclipse.microprofile.health.HealthCheck",
            "io.micrometer.core.instrument.MeterRegistry",
            "org.hibernate.SessionFactory",
            "org.flywaydb.core.Flyway"
        }) {
            assertThatThrownBy(() ->
                            Class.forName(absent, false, Thread.currentThread().getContextClassLoader()))
                    .as(absent)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void memoryAndLocalStoresWork() {
        store.write("a.txt", new byte[] {1});
        assertThat(cache.readBytes("a.txt")).containsExactly(1);
        assertThat(cache.getClass()).as("not observed").isEqualTo(Store.class);
    }

    @Test
    void noHealthCheckOrMeterBeans() {
        assertThat(Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE))
                .extracting(b -> b.getBeanClass().getName())
                .noneMatch(n -> n.endsWith("RemoteStoreHealthCheck") || n.endsWith("RemoteStoreMeters"));
    }
}

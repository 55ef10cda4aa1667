package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With Micrometer, every store operation is measured: {@code remote.store.operations} (count, latency),
 * {@code remote.store.bytes}, {@code remote.store.errors}, tagged with the store the application called and the tier
 * that served it.
 */
class MetricsTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Registry.class))
            .overrideConfigKey("quarkus.remote-store.type", "composite")
            .overrideConfigKey("quarkus.remote-store.tiers", "hot,cold")
            .overrideConfigKey("quarkus.remote-store.\"hot\".type", "memory")
            .overrideConfigKey("quarkus.remote-store.\"cold\".type", "memory")
            .overrideConfigKey("quarkus.remote-store.\"solo\".type", "memory");

    /** A registry that keeps what it measures (the application's exporters would be registries like it). */
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
    @Identifier("cold")
    Store cold;

    @Inject
    @Identifier("solo")
    Store solo;

    @Inject
    MeterRegistry registry;

    @Test
    void operationsOfACompositeAreMeasuredPerTier() {
        store.write("a.txt", new byte[] {1, 2, 3});
        cold.write("b.txt", new byte[] {4, 5});
        assertThat(store.readBytes("b.txt")).containsExactly(4, 5);
        assertThat(store.exists("a.txt")).isTrue();

        Timer writes = registry.find("remote.store.operations")
                .tags("store", "<default>", "tier", "hot", "operation", "write", "outcome", "success")
                .timer();
        assertThat(writes).isNotNull();
        assertThat(writes.count()).isEqualTo(1);
        DistributionSummary written = registry.find("remote.store.bytes")
                .tags("store", "<default>", "tier", "hot", "operation", "write")
                .summary();
        assertThat(written.totalAmount()).isEqualTo(3);
        DistributionSummary read = registry.find("remote.store.bytes")
                .tags("store", "<default>", "tier", "cold", "operation", "read")
                .summary();
        assertThat(read.count()).isEqualTo(1);
        assertThat(read.totalAmount()).isEqualTo(2);
        assertThat(registry.find("remote.store.bytes")
                        .tag("operation", "exists")
                        .meters())
                .as("operations that move no content have no bytes")
                .isEmpty();
    }

    @Test
    void failuresAreCountedWithTheirException() {
        assertThatThrownBy(() -> solo.readBytes("missing.txt")).isInstanceOf(NotFoundException.class);
        assertThat(registry.find("remote.store.errors")
                        .tags("store", "solo", "tier", "none", "operation", "read", "exception", "NotFoundException")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.find("remote.store.operations")
                        .tags("store", "solo", "operation", "read", "outcome", "error")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}

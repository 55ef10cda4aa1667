package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Injection of every bean type: the default store ({@code @Inject Store}), named stores
 * ({@code @Inject @Identifier("name") Store}), composites also as {@code CompositeStore}; the beans are the stores
 * themselves (singletons, no client proxy), a composite's tiers are the beans of those names, and every store is
 * closed when the application stops.
 */
class InjectionTest {
    static final Path FILES = Path.of("target/quarkus-tests/injection/files");

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Shared.class))
            .setBeforeAllCustomizer(() -> Shared.deleteTree(FILES))
            .overrideConfigKey("quarkus.remote-store.type", "composite")
            .overrideConfigKey("quarkus.remote-store.tiers", "hot,files")
            .overrideConfigKey("quarkus.remote-store.tier.\"files\".match", "archive/**")
            .overrideConfigKey("quarkus.remote-store.\"hot\".type", "memory")
            .overrideConfigKey("quarkus.remote-store.\"files\".type", "local")
            .overrideConfigKey("quarkus.remote-store.\"files\".root", FILES.toString())
            .overrideConfigKey("quarkus.remote-store.scratch.type", "memory")
            .overrideConfigKey("quarkus.remote-store.\"mirror\".type", "composite")
            .overrideConfigKey("quarkus.remote-store.\"mirror\".tiers", "m1,m2")
            .overrideConfigKey("quarkus.remote-store.\"mirror\".write-through", "true")
            .overrideConfigKey("quarkus.remote-store.\"m1\".type", "memory")
            .overrideConfigKey("quarkus.remote-store.\"m2\".type", "memory")
            .setAfterUndeployListener(() -> {
                assertThat(Shared.failureOf("injection.default", "exists", "a"))
                        .as("the default store is closed when the application stops")
                        .isEqualTo(BackendUnavailableException.class.getName());
                assertThat(Shared.failureOf("injection.hot", "exists", "a"))
                        .as("a composite's tier is closed with it")
                        .isEqualTo(BackendUnavailableException.class.getName());
            });

    @Inject
    Store store;

    @Inject
    CompositeStore composite;

    @Inject
    @Identifier("hot")
    Store hot;

    @Inject
    @Identifier("files")
    Store files;

    @Inject
    @Identifier("scratch")
    Store scratch;

    @Inject
    @Identifier("mirror")
    CompositeStore mirror;

    @Inject
    @Identifier("mirror")
    Store mirrorAsStore;

    @Inject
    @Any
    Instance<Store> all;

    @Inject
    @Any
    Instance<CompositeStore> composites;

    @Test
    void defaultStoreIsTheConfiguredCompositeWithoutClientProxy() {
        assertThat(store).isSameAs(composite);
        assertThat(store.getClass()).isEqualTo(CompositeStore.class);
        assertThat(composite.tiers()).extracting(t -> t.name()).containsExactly("hot", "files");
        Shared.keep("injection.default", store);
        Shared.keep("injection.hot", hot);
    }

    @Test
    void namedStoresAreTheCompositesTiers() {
        assertThat(composite.tier("hot")).isSameAs(hot);
        assertThat(composite.tier("files")).isSameAs(files);
        assertThat(hot).isEqualTo(composite.tier("hot")).isNotEqualTo(scratch);
    }

    @Test
    void compositeRoutesKeysToItsTiers() throws Exception {
        store.write("archive/2024/report.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));
        store.write("today.txt", "hot".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(FILES.resolve("archive/2024/report.csv"))).isEqualTo("a,b\n");
        assertThat(hot.exists("today.txt")).isTrue();
        assertThat(files.exists("today.txt")).isFalse();
        assertThat(store.resolve("archive/2024/report.csv").details()).containsEntry("resolvedTier", "files");
    }

    @Test
    void namedCompositeIsInjectableAsStoreAndAsCompositeStore() {
        assertThat(mirrorAsStore).isSameAs(mirror);
        mirror.write("k", new byte[] {1});
        assertThat(mirror.tier("m2").readBytes("k")).containsExactly(1);
    }

    @Test
    void everyStoreIsOneBeanAndOnlyCompositesAreCompositeStores() {
        assertThat(all.stream()).hasSize(7); // <default>, hot, files, scratch, mirror, m1, m2
        assertThat(composites.stream()).containsExactlyInAnyOrder(composite, mirror);
        assertThat(composites.select(Identifier.Literal.of("scratch")).isUnsatisfied())
                .isTrue();
        assertThat(all.select(Identifier.Literal.of("scratch")).get()).isSameAs(scratch);
        assertThat(Arc.container().select(Store.class).get()).isSameAs(store);
    }
}

package dev.remotestore.ext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.composite.Tier;
import dev.remotestore.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WrappedCompositeTest {

    @Test
    @DisplayName("EXT-006: a tier may be cached and observed, and so may the composite, and a child of it")
    void wrappersCompose() {
        Store cold = Store.of(new MemoryBackend());
        cold.write("r/old.csv", "a,b".getBytes(StandardCharsets.UTF_8));
        List<StoreEvent> tierEvents = new CopyOnWriteArrayList<>();
        List<StoreEvent> compositeEvents = new CopyOnWriteArrayList<>();
        CachingStore cachedCold = CachingStore.builder(
                        ObservingStore.of(cold, tierEvents::add), Store.of(new MemoryBackend()))
                .build();
        CompositeStore composite = CompositeStore.builder()
                .tier(Tier.of("hot", Store.of(new MemoryBackend())))
                .tier(Tier.of("cold", cachedCold))
                .build();
        Store store = ObservingStore.of(composite, compositeEvents::add).child("r");

        assertThat(store.readBytes("old.csv")).isEqualTo("a,b".getBytes(StandardCharsets.UTF_8));
        assertThat(store.readBytes("old.csv")).isEqualTo("a,b".getBytes(StandardCharsets.UTF_8));

        assertThat(cachedCold.stats().misses()).isEqualTo(1);
        assertThat(cachedCold.stats().hits()).isEqualTo(1);
        assertThat(tierEvents).extracting(StoreEvent::operation).containsExactly("read");
        assertThat(compositeEvents).extracting(StoreEvent::path).containsExactly("r/old.csv", "r/old.csv");
        assertThat(store.resolve("old.csv").details()).containsEntry("resolvedTier", "cold");
    }
}

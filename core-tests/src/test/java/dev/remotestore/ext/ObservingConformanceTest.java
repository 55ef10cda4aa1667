package dev.remotestore.ext;

import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import dev.remotestore.testkit.StoreConformanceTest;

/** An observing store keeps the whole Store contract. */
class ObservingConformanceTest extends StoreConformanceTest {
    @Override
    protected Store createStore() {
        return ObservingStore.of(Store.of(new MemoryBackend()), event -> {
            throw new IllegalStateException("a failing listener never breaks an operation");
        });
    }
}

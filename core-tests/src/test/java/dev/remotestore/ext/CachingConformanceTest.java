package dev.remotestore.ext;

import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import dev.remotestore.testkit.StoreConformanceTest;

/** A caching store keeps the whole Store contract (reads served from the cache included). */
class CachingConformanceTest extends StoreConformanceTest {
    @Override
    protected Store createStore() {
        return CachingStore.builder(Store.of(new MemoryBackend()), Store.of(new MemoryBackend()))
                .maxBytes(8L << 20)
                .build();
    }
}

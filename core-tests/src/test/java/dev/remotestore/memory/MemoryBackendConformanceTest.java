package dev.remotestore.memory;

import dev.remotestore.Store;
import dev.remotestore.testkit.StoreConformanceTest;

/** The reference implementation against the whole contract. */
class MemoryBackendConformanceTest extends StoreConformanceTest {
    @Override
    protected Store createStore() {
        return Store.of(new MemoryBackend());
    }
}

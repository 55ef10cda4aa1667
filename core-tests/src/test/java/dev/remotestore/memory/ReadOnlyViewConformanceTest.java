package dev.remotestore.memory;

import dev.remotestore.Capability;
import dev.remotestore.CapabilitySet;
import dev.remotestore.ForwardingBackend;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.testkit.StoreConformanceTest;

/**
 * The kit against a read-only view of a memory backend (what a query backend offers): tests that need writing
 * are skipped by the kit, every write-side gate must refuse, and the reading rules still hold on content seeded
 * underneath.
 */
class ReadOnlyViewConformanceTest extends StoreConformanceTest {
    private MemoryBackend underneath;

    @Override
    protected Store createStore() {
        underneath = new MemoryBackend();
        return Store.of(new ForwardingBackend(underneath) {
            @Override
            public CapabilitySet capabilities() {
                return CapabilitySet.of(
                        Capability.READ,
                        Capability.LIST,
                        Capability.RECURSIVE_LIST,
                        Capability.METADATA,
                        Capability.GLOB,
                        Capability.SEEKABLE_READ);
            }
        });
    }

    @Override
    protected boolean canSeed() {
        return true;
    }

    @Override
    protected void seed(String path, byte[] content) {
        Store.of(underneath).write(path, content, WriteOption.OVERWRITE);
    }
}

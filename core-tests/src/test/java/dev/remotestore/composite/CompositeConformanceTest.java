package dev.remotestore.composite;

import dev.remotestore.Store;
import dev.remotestore.local.LocalBackend;
import dev.remotestore.memory.MemoryBackend;
import dev.remotestore.testkit.StoreConformanceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The whole Store contract on a composite of a memory (hot) and a local (cold) tier. */
class CompositeConformanceTest extends StoreConformanceTest {
    @TempDir
    static Path tmp;

    @Override
    protected Store createStore() {
        try {
            return CompositeStore.builder()
                    .tier(Tier.of("hot", Store.of(new MemoryBackend())))
                    .tier(Tier.of("cold", Store.of(new LocalBackend(Files.createTempDirectory(tmp, "cold")))))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

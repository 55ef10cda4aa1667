package dev.remotestore.composite;

import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import dev.remotestore.sql.SqlBlobBackend;
import dev.remotestore.testkit.StoreConformanceTest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The whole Store contract on a composite of a memory (hot) and a SQLite blob table (cold) tier. */
class CompositeSqliteConformanceTest extends StoreConformanceTest {
    private static final AtomicInteger TABLES = new AtomicInteger();

    @TempDir
    static Path tmp;

    @Override
    protected Store createStore() {
        return CompositeStore.builder()
                .tier(Tier.of("hot", Store.of(new MemoryBackend())))
                .tier(Tier.of(
                        "cold",
                        Store.of(SqlBlobBackend.builder()
                                .url("jdbc:sqlite:" + tmp.resolve("cold.db"))
                                .table("cold_" + TABLES.incrementAndGet())
                                .maxPoolSize(2)
                                .build())))
                .build();
    }
}

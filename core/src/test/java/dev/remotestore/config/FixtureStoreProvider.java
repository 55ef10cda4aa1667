package dev.remotestore.config;

import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A third-party store type as {@link java.util.ServiceLoader} finds it (listed in the test resources'
 * {@code META-INF/services}): {@code type=fixture}, a memory store holding {@code files."<key>"} (text), named by a
 * required {@code label}. It records which labels were created and closed, so tests can see what the factory closes.
 */
public final class FixtureStoreProvider implements StoreProvider {
    static final List<String> CREATED = new CopyOnWriteArrayList<>();
    static final List<String> CLOSED = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
        return "fixture";
    }

    @Override
    public Set<String> properties() {
        return Set.of("label", "files.\"<key>\"");
    }

    @Override
    public Supplier<Store> configure(StoreProperties properties) {
        String label = properties.required("label");
        Map<String, String> files = properties.map("files.\"<key>\"");
        return () -> {
            Store store = new Store(new MemoryBackend(), "") {
                @Override
                public void close() {
                    CLOSED.add(label);
                    super.close();
                }
            };
            files.forEach(
                    (key, text) -> store.write(key, text.getBytes(StandardCharsets.UTF_8), WriteOption.OVERWRITE));
            CREATED.add(label);
            return store;
        };
    }
}

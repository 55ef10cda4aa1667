package dev.remotestore.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ObservingStoreTest {

    @Test
    @DisplayName("EXT-005: every operation is reported with path, bytes, duration and outcome")
    void events() throws IOException {
        List<StoreEvent> events = new CopyOnWriteArrayList<>();
        ObservingStore store = ObservingStore.of(Store.of(new MemoryBackend()), events::add);

        store.write("d/a.bin", new byte[1234]);
        try (InputStream in = store.read("d/a.bin")) {
            in.readNBytes(1000);
            assertThat(events).hasSize(1); // a read is reported when its stream closes
        }
        assertThatThrownBy(() -> store.readBytes("missing")).isInstanceOf(NotFoundException.class);
        store.exists("d");
        store.getFileInfo("d/a.bin");

        assertThat(events)
                .extracting(StoreEvent::operation)
                .containsExactly("write", "read", "read", "exists", "getFileInfo");
        StoreEvent write = events.get(0);
        assertThat(write.path()).isEqualTo("d/a.bin");
        assertThat(write.bytes()).isEqualTo(1234);
        assertThat(write.succeeded()).isTrue();
        assertThat(write.duration()).isPositive();
        assertThat(events.get(1).bytes()).isEqualTo(1000);
        StoreEvent failed = events.get(2);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.failure()).get().isInstanceOf(NotFoundException.class);
        assertThat(failed.path()).isEqualTo("missing");
        assertThat(events.get(3).bytes()).isEqualTo(-1);
    }

    @Test
    @DisplayName("EXT-005: a failing listener never breaks the operation, and later listeners still hear it")
    void failingListener() {
        List<StoreEvent> heard = new CopyOnWriteArrayList<>();
        ObservingStore store = ObservingStore.of(Store.of(new MemoryBackend()), e -> {
            throw new IllegalStateException("broken metrics");
        });
        store.addListener(heard::add);
        store.write("x", new byte[3]);
        assertThat(store.readBytes("x")).hasSize(3);
        assertThat(heard).extracting(StoreEvent::operation).containsExactly("write", "read");
    }
}

package dev.remotestore.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.ForwardingBackend;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A composite asks its tiers in turn: their misses cost no stack trace, the caller's exceptions keep theirs. */
class CompositeProbeTest {
    /** A memory backend that records the NotFoundExceptions it throws. */
    static final class Recording extends ForwardingBackend {
        final List<NotFoundException> thrown = new ArrayList<>();

        Recording() {
            super(new MemoryBackend());
        }

        @Override
        public InputStream read(RemotePath path) {
            try {
                return super.read(path);
            } catch (NotFoundException e) {
                thrown.add(e);
                throw e;
            }
        }
    }

    @Test
    @DisplayName("a tier's miss is made without a stack trace; the composite's own NotFound, thrown to the caller,"
            + " has one; and an exception after the probe has one again")
    void tierMissesCarryNoStackTrace() {
        Recording hot = new Recording();
        Recording warm = new Recording();
        CompositeStore store = CompositeStore.builder()
                .tier(Tier.of("hot", Store.of(hot)))
                .tier(Tier.of("warm", Store.of(warm)))
                .build();
        Store.of(warm).write("a/b.txt", new byte[] {1, 2, 3});

        assertThat(store.readBytes("a/b.txt")).containsExactly(1, 2, 3);
        assertThat(hot.thrown).singleElement().satisfies(e -> assertThat(e.getStackTrace())
                .isEmpty());

        assertThatThrownBy(() -> store.readBytes("a/missing.txt"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("a/missing.txt")
                .satisfies(e -> assertThat(e.getStackTrace()).isNotEmpty());
        assertThat(warm.thrown).singleElement().satisfies(e -> assertThat(e.getStackTrace())
                .isEmpty());

        // outside a composite, the same backend's NotFound has its stack trace: the probe ended with the read
        assertThatThrownBy(() -> Store.of(hot).readBytes("a/missing.txt"))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(e.getStackTrace()).isNotEmpty());
        assertThat(new RemoteStoreException("x", "p", "b").getStackTrace()).isNotEmpty();
    }
}

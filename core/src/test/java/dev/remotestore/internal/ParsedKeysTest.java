package dev.remotestore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.Backend;
import dev.remotestore.Capability;
import dev.remotestore.CapabilityNotSupportedException;
import dev.remotestore.CapabilitySet;
import dev.remotestore.InvalidPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.composite.Tier;
import dev.remotestore.memory.MemoryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A store asked with a parsed key answers exactly as its method asked with the key's text. */
class ParsedKeysTest {
    private static final ParsedKeys.Access KEYS = ParsedKeys.access();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A backend with every capability but {@code missing}, recording the paths it is asked about. */
    private static Backend without(Capability missing, Backend real, List<String> asked) {
        return (Backend) Proxy.newProxyInstance(
                Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("capabilities")) {
                        return CapabilitySet.all().without(missing);
                    }
                    if (args != null && args.length > 0 && args[0] instanceof RemotePath p) {
                        asked.add(method.getName() + " " + p);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    @DisplayName("a child store adds its root to a parsed key, and strips it from what it returns")
    void childStoreResolvesBelowItsRoot() throws IOException {
        try (Store parent = Store.of(new MemoryBackend())) {
            parent.write("tenant/a/b.txt", bytes("hello"));
            Store child = parent.child("tenant");
            RemotePath key = RemotePath.of("a/b.txt");

            assertThat(text(KEYS.read(child, key))).isEqualTo("hello");
            assertThat(text(KEYS.readRange(child, key, 1, 3))).isEqualTo("ell");
            assertThat(KEYS.getFileInfo(child, key)).isEqualTo(child.getFileInfo("a/b.txt"));
            assertThat(KEYS.getFileInfo(child, key).path()).isEqualTo("a/b.txt");
            assertThat(KEYS.exists(child, key)).isTrue();
            assertThat(KEYS.isFile(child, key)).isTrue();
            assertThat(KEYS.isFolder(child, RemotePath.of("a"))).isTrue();
            assertThat(KEYS.isFile(child, RemotePath.of("a"))).isFalse();
            assertThat(KEYS.exists(child, RemotePath.of("tenant"))).isFalse();
            assertThatThrownBy(() -> KEYS.read(child, RemotePath.of("tenant/a/b.txt")))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    @DisplayName("the root is a folder to the queries and an invalid file key to the reads, as with \"\"")
    void rootKeyAnswersAsTheEmptyPath() {
        try (Store store = Store.of(new MemoryBackend())) {
            assertThat(KEYS.exists(store, RemotePath.ROOT)).isTrue();
            assertThat(KEYS.isFolder(store, RemotePath.ROOT)).isTrue();
            assertThat(KEYS.isFile(store, RemotePath.ROOT)).isFalse();
            assertThatThrownBy(() -> KEYS.read(store, RemotePath.ROOT))
                    .isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining("PATH-007");
            assertThatThrownBy(() -> KEYS.getFileInfo(store, RemotePath.ROOT)).isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> KEYS.readRange(store, RemotePath.ROOT, 0, 1))
                    .isInstanceOf(InvalidPathException.class);
        }
    }

    @Test
    @DisplayName("a missing capability is refused before the backend is asked, as by the store's method")
    void capabilitiesAreChecked() {
        List<String> asked = new ArrayList<>();
        MemoryBackend real = new MemoryBackend();
        Store.of(real).write("a.txt", bytes("x"));
        try (Store noRange = Store.of(without(Capability.SEEKABLE_READ, real, asked));
                Store noRead = Store.of(without(Capability.READ, real, asked));
                Store noMetadata = Store.of(without(Capability.METADATA, real, asked))) {
            RemotePath key = RemotePath.of("a.txt");
            assertThatThrownBy(() -> KEYS.readRange(noRange, key, 0, 1))
                    .isInstanceOf(CapabilityNotSupportedException.class)
                    .hasMessageContaining("SEEKABLE_READ");
            assertThatThrownBy(() -> KEYS.read(noRead, key))
                    .isInstanceOf(CapabilityNotSupportedException.class)
                    .hasMessageContaining("READ");
            assertThatThrownBy(() -> KEYS.getFileInfo(noMetadata, key))
                    .isInstanceOf(CapabilityNotSupportedException.class)
                    .hasMessageContaining("METADATA");
            assertThat(asked).isEmpty();
        }
    }

    @Test
    @DisplayName("a negative range is the store's IllegalArgumentException")
    void negativeRangeIsRefused() {
        try (Store store = Store.of(new MemoryBackend())) {
            assertThatThrownBy(() -> KEYS.readRange(store, RemotePath.of("a.txt"), -1, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("offset=-1");
        }
    }

    /** A store whose class changes what a read means: the parsed-key call must go through its method. */
    static final class Upcasing extends Store {
        final List<String> reads = new ArrayList<>();

        Upcasing(Backend backend) {
            super(backend, RemotePath.ROOT, true);
        }

        @Override
        public InputStream read(String path) {
            reads.add(path);
            return super.read(path.toUpperCase());
        }
    }

    @Test
    @DisplayName("a store whose class overrides the method is called through the method")
    void overridingStoreIsCalledThroughItsMethod() throws IOException {
        try (Upcasing store = new Upcasing(new MemoryBackend())) {
            store.write("A.TXT", bytes("upper"));
            assertThat(text(KEYS.read(store, RemotePath.of("a.txt")))).isEqualTo("upper");
            assertThat(store.reads).containsExactly("a.txt");
            assertThat(KEYS.isFile(store, RemotePath.of("A.TXT"))).isTrue(); // not overridden: the direct call
        }
    }

    @Test
    @DisplayName("a composite reads through child-store tiers and honours a tier store's own read")
    void compositeTiersKeepTheirMeaning() throws IOException {
        Store shared = Store.of(new MemoryBackend());
        shared.write("hot/k.txt", bytes("hot"));
        Upcasing warm = new Upcasing(new MemoryBackend());
        warm.write("K2.TXT", bytes("warm"));
        try (CompositeStore composite = CompositeStore.builder()
                .tier(Tier.of("hot", shared.child("hot")))
                .tier(Tier.of("warm", warm))
                .build()) {
            assertThat(composite.readBytes("k.txt")).isEqualTo(bytes("hot"));
            assertThat(composite.getFileInfo("k.txt").path()).isEqualTo("k.txt");
            assertThat(composite.readBytes("k2.txt")).isEqualTo(bytes("warm"));
            assertThat(warm.reads).containsExactly("k2.txt");
            assertThat(composite.isFile("hot/k.txt")).isFalse();
        } finally {
            shared.close();
        }
    }

    @Test
    @DisplayName("Store installs the calls once; nobody else can")
    void installedOnceByStore() {
        assertThat(KEYS).isNotNull();
        assertThatThrownBy(() -> ParsedKeys.install(KEYS)).isInstanceOf(IllegalStateException.class);
    }
}

package dev.remotestore.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.AtomicOutput;
import dev.remotestore.Backend;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Capability;
import dev.remotestore.CapabilityNotSupportedException;
import dev.remotestore.CapabilitySet;
import dev.remotestore.DeleteOption;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.ForwardingBackend;
import dev.remotestore.Glob;
import dev.remotestore.InvalidPathException;
import dev.remotestore.ListOption;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A composite whose tiers fail: existence is never denied while a tier that might hold the key could not be
 * asked (COMP-014), and every failure names the composite, the tier and the caller's key (COMP-015).
 */
class CompositeTierFailureTest {
    private static final String COMPOSITE = "composite[hot, warm, cold]";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A tier backend that can be switched off: then every call with a path fails as an unreachable database
     * would, with the tier backend's own path and description.
     */
    static Backend switchable(Backend real, AtomicBoolean down) {
        return (Backend) Proxy.newProxyInstance(
                Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    if (down.get() && args != null && !method.getName().equals("close")) {
                        String path = args[0] instanceof Glob g ? g.base().toString() : String.valueOf(args[0]);
                        throw new BackendUnavailableException("connection refused", path, "switchable memory");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    final AtomicBoolean hotDown = new AtomicBoolean();
    final AtomicBoolean warmDown = new AtomicBoolean();
    Store hot;
    Store warm;
    Store cold;
    CompositeStore store;

    @BeforeEach
    void tiers() {
        hot = Store.of(switchable(new MemoryBackend(), hotDown));
        warm = Store.of(switchable(new MemoryBackend(), warmDown));
        cold = Store.of(new MemoryBackend());
        store = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("warm", warm))
                .tier(Tier.of("cold", cold))
                .build();
    }

    private static Consumer<Throwable> namesCompositeTierAndKey(String tier, String key) {
        return t -> {
            RemoteStoreException e = (RemoteStoreException) t;
            assertThat(e.backend()).as("backend()").isEqualTo(COMPOSITE);
            assertThat(e.path()).as("path()").isEqualTo(key);
            assertThat(e.getMessage()).contains("tier " + tier + ": ").contains(COMPOSITE);
        };
    }

    // ---- COMP-014 ----------------------------------------------------------------------------------------

    @Test
    @DisplayName(
            "COMP-014: exists, isFile and isFolder never answer false while a tier that might hold the key is down")
    void existenceIsNotDeniedWhileATierIsDown() {
        warm.write("w/k", b("only in warm"));
        cold.write("c/k", b("in cold"));
        warmDown.set(true);

        assertThat(store.exists("c/k")).as("a reachable tier has it").isTrue();
        assertThat(store.isFile("c/k")).isTrue();
        assertThat(store.isFolder("c")).isTrue();

        assertThatThrownBy(() -> store.exists("w/k"))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", "w/k"));
        assertThatThrownBy(() -> store.isFile("w/k"))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", "w/k"));
        assertThatThrownBy(() -> store.isFolder("w"))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", "w"));
        assertThatThrownBy(() -> store.exists("nowhere"))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", "nowhere"));
        assertThatThrownBy(() -> store.readBytes("w/k"))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", "w/k"));

        warmDown.set(false);
        assertThat(store.exists("w/k")).isTrue();
        assertThat(store.exists("nowhere")).isFalse();
    }

    @Test
    @DisplayName("COMP-014: a closed tier store is a tier that cannot be asked, not one without the key")
    void closedTierIsNotAnAbsentKey() {
        hot.write("k", b("in hot"));
        cold.close();

        assertThat(store.exists("k")).isTrue();
        assertThatThrownBy(() -> store.exists("only-cold-might-know"))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("cold", "only-cold-might-know"));
        assertThatThrownBy(() -> store.isFile("only-cold-might-know"))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("cold", "only-cold-might-know"));
    }

    @Test
    @DisplayName("COMP-014: a listing never leaves out a tier that is down: it fails, naming the tier")
    void listingFailsWhileATierIsDown() {
        warm.write("d/w", b("w"));
        cold.write("d/c", b("c"));
        warmDown.set(true);

        assertThatThrownBy(() -> {
                    try (Stream<?> s = store.listFiles("d")) {
                        s.count();
                    }
                })
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", "d"));
        assertThatThrownBy(() -> store.listFolders("").toList())
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", ""));
        assertThatThrownBy(() -> store.glob("d/*").toList())
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", "d"));
        assertThatThrownBy(() -> store.getFolderInfo("d"))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", "d"));
    }

    // ---- COMP-015 ----------------------------------------------------------------------------------------

    /** Every composite operation on key {@code k} (or folder {@code d}), to run while the primary tier is down. */
    static Stream<Arguments> operations() {
        return Stream.of(
                op("read", "k", s -> s.read("k").close()),
                op("readBytes", "k", s -> s.readBytes("k")),
                op("readRange", "k", s -> s.readRange("k", 1, 2).close()),
                op("getFileInfo", "k", s -> s.getFileInfo("k")),
                op("exists", "k", s -> s.exists("k")),
                op("isFile", "k", s -> s.isFile("k")),
                op("isFolder", "d", s -> s.isFolder("d")),
                op("write", "k", s -> s.write("k", b("v"))),
                op("writeAtomic", "k", s -> s.writeAtomic("k", b("v"))),
                op("openAtomic", "k", s -> {
                    try (AtomicOutput out = s.openAtomic("k")) {
                        out.write(b("v"));
                        out.commit();
                    }
                }),
                op("delete", "k", s -> s.delete("k")),
                op("deleteIfExists", "k", s -> s.deleteIfExists("k")),
                op("deleteIfMatches", "k", s -> s.deleteIfMatches("k", "00")),
                op("deleteFolder", "d", s -> s.deleteFolder("d", DeleteOption.RECURSIVE)),
                op("listFiles", "d", s -> s.listFiles("d", ListOption.RECURSIVE).toList()),
                op("listFolders", "d", s -> s.listFolders("d").toList()),
                op("glob", "d", s -> s.glob("d/**").toList()),
                op("getFolderInfo", "d", s -> s.getFolderInfo("d")),
                op("move", "k", s -> s.move("k", "k2")),
                op("copy", "k", s -> s.copy("k", "k2")),
                op("migrate", "k", s -> s.migrate("k", "hot", "cold")),
                op("resolve", "k", s -> s.resolve("k")));
    }

    /** One operation of a composite. */
    interface Op {
        void run(CompositeStore store) throws Exception;
    }

    private static Arguments op(String name, String key, Op call) {
        return Arguments.of(name, key, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    @DisplayName(
            "COMP-015: with the primary tier down, every operation fails naming the composite, the tier and the key")
    void everyOperationNamesCompositeTierAndKey(String operation, String key, Op call) {
        hot.write("k", b("v"));
        hot.write("d/x", b("x"));
        hotDown.set(true);
        assertThatThrownBy(() -> call.run(store))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("hot", key));
    }

    @Test
    @DisplayName("COMP-015: a tier's refusal keeps its type and names the composite, the tier and the caller's key")
    void refusalsKeepTheirType() {
        Store scoped = Store.of(new MemoryBackend()).child("tiers/hot");
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", scoped))
                .tier(Tier.of("warm", warm))
                .tier(Tier.of("cold", cold))
                .build();
        c.write("k", b("v"));
        c.write("d/x", b("x"));

        assertThatThrownBy(() -> c.write("k", b("again")))
                .isInstanceOf(AlreadyExistsException.class)
                .satisfies(namesCompositeTierAndKey("hot", "k"));
        assertThatThrownBy(() -> c.write("k/below", b("x")))
                .isInstanceOf(InvalidPathException.class)
                .satisfies(namesCompositeTierAndKey("hot", "k/below"));
        assertThatThrownBy(() -> c.deleteFolder("d"))
                .isInstanceOf(FolderNotEmptyException.class)
                .satisfies(namesCompositeTierAndKey("hot", "d"));
        assertThatThrownBy(() -> c.copy("d/x", "k"))
                .as("the target's refusal names the target")
                .isInstanceOf(AlreadyExistsException.class)
                .satisfies(namesCompositeTierAndKey("hot", "k"));
        assertThatThrownBy(() -> c.move("k", "d/x"))
                .isInstanceOf(AlreadyExistsException.class)
                .satisfies(namesCompositeTierAndKey("hot", "d/x"));
        assertThatThrownBy(() -> c.move("d", "e"))
                .as("the source's refusal names the source")
                .isInstanceOf(RemoteStoreException.class)
                .satisfies(namesCompositeTierAndKey("hot", "d"));

        AtomicOutput late = c.openAtomic("late");
        c.tier("hot").write("late", b("first"));
        assertThatThrownBy(() -> {
                    try (late) {
                        late.write(b("second"));
                        late.commit();
                    }
                })
                .as("a refusal at commit")
                .isInstanceOf(AlreadyExistsException.class)
                .satisfies(namesCompositeTierAndKey("hot", "late"));
    }

    @Test
    @DisplayName("COMP-015: a patterned tier without a capability is refused by the composite, naming the tier")
    void missingCapabilityOfAPatternedTier() {
        Store readOnly = Store.of(new ForwardingBackend(new MemoryBackend()) {
            @Override
            public CapabilitySet capabilities() {
                return CapabilitySet.of(Capability.READ, Capability.LIST, Capability.METADATA);
            }
        });
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("warm", warm))
                .tier(Tier.of("cold", readOnly, "reports/**"))
                .build();
        assertThatThrownBy(() -> c.write("reports/x", b("x")))
                .isInstanceOfSatisfying(CapabilityNotSupportedException.class, e -> assertThat(e.capability())
                        .isEqualTo(Capability.WRITE))
                .satisfies(namesCompositeTierAndKey("cold", "reports/x"));
    }

    @Test
    @DisplayName("COMP-015: a failure while a tier's listing is consumed is named too")
    void failureWhileConsumingAListing() {
        Store failing = Store.of(new ForwardingBackend(new MemoryBackend()) {
            @Override
            public Stream<dev.remotestore.FileInfo> listFiles(RemotePath folder, boolean recursive) {
                return Stream.generate(() -> {
                    throw new BackendUnavailableException("connection lost mid-listing", folder.toString(), "tier db");
                });
            }
        });
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("warm", failing))
                .tier(Tier.of("cold", cold))
                .build();
        assertThatThrownBy(() -> {
                    try (Stream<?> s = c.listFiles("d")) {
                        s.count();
                    }
                })
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(namesCompositeTierAndKey("warm", "d"));
    }
}

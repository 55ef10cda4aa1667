package dev.remotestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.memory.MemoryBackend;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CAP-002: a missing capability is refused by the store before the backend is touched. ERR-002: so is an invalid
 * path, naming the backend.
 */
class StoreGatingTest {

    /** A backend with every capability but one ({@code null}: none missing), that records every call it receives. */
    private static Backend recording(Capability missing, List<String> calls) {
        Backend real = new MemoryBackend();
        return (Backend) Proxy.newProxyInstance(
                Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "capabilities":
                            return missing == null
                                    ? CapabilitySet.all()
                                    : CapabilitySet.all().without(missing);
                        case "name":
                        case "description":
                            return "recording";
                        default:
                            calls.add(method.getName());
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    static Stream<Arguments> gatedCalls() {
        Map<Capability, List<Consumer<Store>>> calls = Map.ofEntries(
                Map.entry(Capability.READ, List.of(s -> s.read("a.txt"), s -> s.readBytes("a.txt"))),
                Map.entry(Capability.SEEKABLE_READ, List.of(s -> s.readRange("a.txt", 0, 1))),
                Map.entry(Capability.WRITE, List.of(s -> s.write("a.txt", new byte[1]))),
                Map.entry(
                        Capability.ATOMIC_WRITE,
                        List.of(s -> s.writeAtomic("a.txt", new byte[1]), s -> s.openAtomic("a.txt"))),
                Map.entry(
                        Capability.DELETE,
                        List.of(s -> s.delete("a.txt"), s -> s.deleteIfExists("a.txt"), s -> s.deleteFolder("d"))),
                Map.entry(Capability.LIST, List.of(s -> s.listFiles("d").close(), s -> s.listFolders("")
                        .close())),
                Map.entry(Capability.RECURSIVE_LIST, List.of(s -> s.listFiles("d", ListOption.RECURSIVE)
                        .close())),
                Map.entry(Capability.GLOB, List.of(s -> s.glob("**/*.txt").close())),
                Map.entry(Capability.METADATA, List.of(s -> s.getFileInfo("a.txt"), s -> s.getFolderInfo("d"))),
                Map.entry(Capability.MOVE, List.of(s -> s.move("a.txt", "b.txt"))),
                Map.entry(Capability.COPY, List.of(s -> s.copy("a.txt", "b.txt"))));
        assertThat(calls.keySet()).containsExactlyInAnyOrder(Capability.values());
        List<Arguments> cases = new ArrayList<>();
        calls.forEach((capability, list) -> {
            for (int i = 0; i < list.size(); i++) {
                cases.add(Arguments.of(capability, i, list.get(i)));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} call #{1}")
    @MethodSource("gatedCalls")
    @DisplayName("CAP-002: the gate throws CapabilityNotSupportedException before any backend call")
    void gateRefusesBeforeTheBackend(Capability capability, int index, Consumer<Store> call) {
        List<String> calls = new ArrayList<>();
        Store store = Store.of(recording(capability, calls));

        assertThatThrownBy(() -> call.accept(store))
                .isInstanceOfSatisfying(CapabilityNotSupportedException.class, e -> assertThat(e.capability())
                        .isEqualTo(capability))
                .hasMessageContaining(capability.name())
                .hasMessageContaining("recording");
        assertThat(calls).isEmpty();
    }

    @ParameterizedTest(name = "{0} call #{1}")
    @MethodSource("gatedCalls")
    @DisplayName("CAP-002: with the capability present the same call reaches the backend")
    void presentCapabilityReachesTheBackend(Capability capability, int index, Consumer<Store> call) {
        List<String> calls = new ArrayList<>();
        Store store = Store.of(
                recording(Capability.values()[(capability.ordinal() + 1) % Capability.values().length], calls));
        try {
            call.accept(store);
        } catch (RemoteStoreException expected) {
            // a missing file is fine: what matters is that the backend was asked
        }
        assertThat(calls).isNotEmpty();
    }

    /** Every Store method that takes a path, applied to one. */
    static Stream<Arguments> pathMethods() {
        Map<String, PathCall> methods = new LinkedHashMap<>();
        methods.put("read", (s, p) -> s.read(p));
        methods.put("readBytes", (s, p) -> s.readBytes(p));
        methods.put("readRange", (s, p) -> s.readRange(p, 0, 1));
        methods.put("write", (s, p) -> s.write(p, new byte[1]));
        methods.put("write(stream)", (s, p) -> s.write(p, new ByteArrayInputStream(new byte[1])));
        methods.put("writeAtomic", (s, p) -> s.writeAtomic(p, new byte[1]));
        methods.put("openAtomic", (s, p) -> s.openAtomic(p).close());
        methods.put("delete", (s, p) -> s.delete(p));
        methods.put("deleteIfExists", (s, p) -> s.deleteIfExists(p));
        methods.put("deleteIfMatches", (s, p) -> s.deleteIfMatches(p, "00"));
        methods.put("deleteFolder", (s, p) -> s.deleteFolder(p));
        methods.put("exists", (s, p) -> s.exists(p));
        methods.put("isFile", (s, p) -> s.isFile(p));
        methods.put("isFolder", (s, p) -> s.isFolder(p));
        methods.put("listFiles", (s, p) -> s.listFiles(p).close());
        methods.put("listFolders", (s, p) -> s.listFolders(p).close());
        methods.put("glob", (s, p) -> s.glob(p + "/*").close());
        methods.put("getFileInfo", (s, p) -> s.getFileInfo(p));
        methods.put("getFolderInfo", (s, p) -> s.getFolderInfo(p));
        methods.put("move source", (s, p) -> s.move(p, "b.txt"));
        methods.put("move target", (s, p) -> s.move("a.txt", p));
        methods.put("copy source", (s, p) -> s.copy(p, "b.txt"));
        methods.put("copy target", (s, p) -> s.copy("a.txt", p));
        methods.put("resolve", (s, p) -> s.resolve(p));
        methods.put("child", (s, p) -> s.child(p));
        List<Arguments> cases = new ArrayList<>();
        methods.forEach((name, method) -> {
            for (String bad : List.of("a/../b", "a\0b", "x\uD800", "\uDC00/y")) {
                cases.add(Arguments.of(name, bad, method));
            }
        });
        return cases.stream();
    }

    /** A store call on one path. */
    @FunctionalInterface
    interface PathCall {
        void apply(Store store, String path) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathMethods")
    @DisplayName("ERR-002: a path-rule refusal names the raw input and the store's backend, before any backend call")
    void pathRuleRefusalNamesTheBackend(String name, String bad, PathCall method) {
        List<String> calls = new ArrayList<>();
        Store store = Store.of(recording(null, calls));

        assertThatThrownBy(() -> method.apply(store, bad))
                .isInstanceOfSatisfying(InvalidPathException.class, e -> {
                    assertThat(e.path()).isIn(bad, bad + "/*");
                    assertThat(e.backend()).isEqualTo("recording");
                })
                .hasMessageContaining("(recording)");
        assertThat(calls).isEmpty();
    }

    @Test
    @DisplayName("ERR-002: an invalid root, child or glob pattern names the backend; the root names the raw input")
    void rootsAndPatternsNameTheBackend() {
        List<String> calls = new ArrayList<>();
        Backend backend = recording(null, calls);
        assertThatThrownBy(() -> new Store(backend, "r/../x")).isInstanceOfSatisfying(InvalidPathException.class, e -> {
            assertThat(e.path()).isEqualTo("r/../x");
            assertThat(e.backend()).isEqualTo("recording");
        });
        Store scoped = new Store(backend, "r");
        for (String pattern : List.of("", "[z-a]", "a/../*", "x\uD800*")) {
            assertThatThrownBy(() -> scoped.glob(pattern).close())
                    .as(pattern)
                    .isInstanceOfSatisfying(InvalidPathException.class, e -> {
                        assertThat(e.path()).isEqualTo(pattern);
                        assertThat(e.backend()).isEqualTo("recording");
                    });
        }
        assertThatThrownBy(() -> scoped.child(""))
                .isInstanceOfSatisfying(
                        InvalidPathException.class, e -> assertThat(e.backend()).isEqualTo("recording"));
        assertThat(calls).isEmpty();
    }
}

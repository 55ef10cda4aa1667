package dev.remotestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.memory.MemoryBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CAP-002: a missing capability is refused by the store before the backend is touched. */
class StoreGatingTest {

    /** A backend with every capability but one, that records every call it receives. */
    private static Backend recording(Capability missing, List<String> calls) {
        Backend real = new MemoryBackend();
        return (Backend) Proxy.newProxyInstance(
                Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "capabilities":
                            return CapabilitySet.all().without(missing);
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
}

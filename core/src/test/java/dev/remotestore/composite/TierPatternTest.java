package dev.remotestore.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.remotestore.InvalidPathException;
import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A tier's match pattern is a {@link dev.remotestore.Glob}: checked when the tier is made, matched in linear time. */
class TierPatternTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'[z-a]', GLOB-008", "'archive/[9-0]*', GLOB-008", "'a/../**', PATH-005", "'x\uD800/**', PATH-010"})
    @DisplayName(
            "GLOB-008, PATH-005, PATH-010: a bad tier match pattern fails when the tier is made, naming it and the rule")
    void badPatternFailsAtConstruction(String pattern, String rule) {
        Store store = Store.of(new MemoryBackend());
        assertThatThrownBy(() -> Tier.of("archive", store, pattern))
                .isInstanceOfSatisfying(
                        InvalidPathException.class, e -> assertThat(e.path()).isEqualTo(pattern))
                .hasMessageContaining(rule);
    }

    @Test
    @DisplayName("GLOB-007: a pathological tier pattern routes keys at once, and correctly")
    void pathologicalTierPatternIsPrompt() {
        Store hot = Store.of(new MemoryBackend());
        Store special = Store.of(new MemoryBackend());
        String stars = "*a".repeat(10) + "*b";
        try (CompositeStore composite = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("special", special, stars))
                .build()) {
            String plain = "a".repeat(60);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                composite.write(plain, bytes("p"));
                composite.write(plain + "b", bytes("s"));
                assertThat(composite.exists(plain + "c")).isFalse();
            });
            assertThat(hot.isFile(plain)).isTrue();
            assertThat(special.isFile(plain + "b")).isTrue();
            assertThat(hot.isFile(plain + "b")).isFalse();
        }
    }

    @Test
    @DisplayName("GLOB-008: a tier pattern class matches a supplementary character")
    void tierPatternClassMatchesCodePoints() {
        Store hot = Store.of(new MemoryBackend());
        Store emoji = Store.of(new MemoryBackend());
        try (CompositeStore composite = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("emoji", emoji, "[\uD83D\uDE00-\uD83D\uDE4F]/**"))
                .build()) {
            composite.write("\uD83D\uDE00/x.txt", bytes("e"));
            composite.write("a/x.txt", bytes("a"));
            assertThat(emoji.isFile("\uD83D\uDE00/x.txt")).isTrue();
            assertThat(hot.isFile("a/x.txt")).isTrue();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

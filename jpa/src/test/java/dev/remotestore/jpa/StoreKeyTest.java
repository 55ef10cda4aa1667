package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.InvalidPathException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoreKeyTest {
    @Test
    @DisplayName("a key is normalized as a RemotePath is, and equal keys are equal")
    void normalized() {
        StoreKey key = StoreKey.of("/documents//2026\\q3.pdf/");
        assertThat(key.value()).isEqualTo("documents/2026/q3.pdf");
        assertThat(key).hasToString("documents/2026/q3.pdf");
        assertThat(key).isEqualTo(StoreKey.of("documents/2026/q3.pdf"));
        assertThat(key.hashCode())
                .isEqualTo(StoreKey.of("documents/2026/q3.pdf").hashCode());
        assertThat(key).isNotEqualTo(StoreKey.of("documents/2026/Q3.pdf"));
    }

    @Test
    @DisplayName("invalid keys are refused naming the input and the rule")
    void invalidKeysRefused() {
        assertThatThrownBy(() -> StoreKey.of("a/../b"))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("a/../b")
                .hasMessageContaining("PATH-005");
        assertThatThrownBy(() -> StoreKey.of("/"))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("PATH-007");
        assertThatThrownBy(() -> StoreKey.of("a\0b")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> StoreKey.of("bad\uD800")).hasMessageContaining("PATH-010");
        assertThatThrownBy(() -> StoreKey.of(null)).isInstanceOf(InvalidPathException.class);
    }

    @Test
    @DisplayName("keys sort in code point order, the byte order of the blob tables")
    void codePointOrder() {
        List<StoreKey> keys = new ArrayList<>(
                List.of(StoreKey.of("b"), StoreKey.of("\uD83D\uDE00"), StoreKey.of("\uFF5E"), StoreKey.of("a/b")));
        Collections.sort(keys);
        assertThat(keys).extracting(StoreKey::value).containsExactly("a/b", "b", "\uFF5E", "\uD83D\uDE00");
    }

    @Test
    @DisplayName("the converter stores the key's string and reads it back; null stays null")
    void converter() {
        StoreKeyConverter converter = new StoreKeyConverter();
        assertThat(converter.convertToDatabaseColumn(StoreKey.of("a//b"))).isEqualTo("a/b");
        assertThat(converter.convertToEntityAttribute("a/b")).isEqualTo(StoreKey.of("a/b"));
        assertThat(converter.convertToDatabaseColumn(null)).isNull();
        assertThat(converter.convertToEntityAttribute(null)).isNull();
        assertThatThrownBy(() -> converter.convertToEntityAttribute("../x"))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("../x");
    }

    @Test
    @DisplayName("a key survives serialization (entities are often Serializable)")
    void serializable() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(StoreKey.of("a/b"));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(StoreKey.of("a/b"));
        }
    }
}

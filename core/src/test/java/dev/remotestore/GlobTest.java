package dev.remotestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    private static boolean matches(String pattern, String key) {
        return Glob.compile(RemotePath.ROOT, pattern).matches(RemotePath.of(key));
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
        "*.csv, a.csv, true",
        "*.csv, d/a.csv, false",
        "d/*.csv, d/a.csv, true",
        "d/*.csv, d/e/a.csv, false",
        "**/*.csv, a.csv, true",
        "**/*.csv, d/e/a.csv, true",
        "d/**, d/e/a.csv, true",
        "d/**, d, false",
        "d/**/a.csv, d/a.csv, true",
        "d/**/a.csv, d/x/y/a.csv, true",
        "d/**/a.csv, dx/a.csv, false",
        "?.txt, a.txt, true",
        "?.txt, ab.txt, false",
        "[ab].txt, b.txt, true",
        "[ab].txt, c.txt, false",
        "[!ab].txt, c.txt, true",
        "[!ab].txt, a.txt, false",
        "[a-c]x, bx, true",
        "a_*, ab1, false",
        "a_*, a_1, true",
        "a%*, ab, false",
        "a%*, a%b, true",
        "*.c, a.cc, false",
        "a.*, abc, false",
        "[x, [x, true",
        "*/x.csv, d/x.csv, true",
        "*/x.csv, d/e/x.csv, false",
    })
    @DisplayName("GLOB-001..005: wildcard semantics")
    void wildcardSemantics(String pattern, String key, boolean expected) {
        assertThat(matches(pattern, key)).isEqualTo(expected);
    }

    @Test
    @DisplayName("GLOB: the base is the literal folder prefix; recursion only when needed")
    void baseAndRecursion() {
        Glob g = Glob.compile(RemotePath.of("root"), "data/2024/*.csv");
        assertThat(g.base()).isEqualTo(RemotePath.of("root/data/2024"));
        assertThat(g.recursive()).isFalse();
        Glob deep = Glob.compile(RemotePath.ROOT, "data/**/x.csv");
        assertThat(deep.base()).isEqualTo(RemotePath.of("data"));
        assertThat(deep.recursive()).isTrue();
        assertThat(Glob.compile(RemotePath.ROOT, "*/x.csv").recursive()).isTrue();
    }

    @Test
    @DisplayName("GLOB: a root with wildcard characters matches only itself")
    void rootIsLiteral() {
        Glob g = Glob.compile(RemotePath.of("r*"), "*.csv");
        assertThat(g.matches(RemotePath.of("r*/a.csv"))).isTrue();
        assertThat(g.matches(RemotePath.of("rx/a.csv"))).isFalse();
    }

    @Test
    @DisplayName("GLOB-001: an empty pattern or one with '..' is invalid")
    void invalidPatterns() {
        assertThatThrownBy(() -> Glob.compile(RemotePath.ROOT, "")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> Glob.compile(RemotePath.ROOT, "a/../*")).isInstanceOf(InvalidPathException.class);
    }
}

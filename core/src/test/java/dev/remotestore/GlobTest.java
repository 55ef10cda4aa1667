package dev.remotestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        "**, a, true",
        "**, a/b/c, true",
        "**/**, a, true",
        "**/**/x, x, true",
        "d/**/**/x, d/x, true",
        "d/**/**/x, d/e/f/x, true",
        "a**b, ab, true",
        "a**b, a/b, false",
        "a*b*c, abxbc, true",
        "a*b*c, abxbcx, false",
        "*, a/b, false",
        "?, é, true",
        "??, é, false",
        "[]a]x, ]x, true",
        "[]a]x, ax, true",
        "[!]a]x, ]x, false",
        "[!]a]x, bx, true",
        "[a-]x, -x, true",
        "[-a]x, -x, true",
        "[a-c-e]x, -x, true",
        "[a-c-e]x, dx, false",
        "[a-c-e]x, ex, true",
        "[], [], true",
        "a[, a[, true",
        "a.b, axb, false",
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

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
        "?.txt, 😀.txt, true",
        "??.txt, 😀.txt, false",
        "*😀*, a😀b, true",
        "[😀].txt, 😀.txt, true",
        "[😀].txt, 😁.txt, false",
        "[a😀b], 😀, true",
        "[!😀].txt, 😀.txt, false",
        "[!😀].txt, x.txt, true",
        "[😀-😂].txt, 😁.txt, true",
        "[😀-😂].txt, 😃.txt, false",
        "[a-😀], 𝄞, true",
        "[𝄞], 𝄞, true",
    })
    @DisplayName("GLOB-008: '?' and classes work on code points, supplementary characters included")
    void codePointSemantics(String pattern, String key, boolean expected) {
        assertThat(matches(pattern, key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[z-a]", "x/[b-a]*.csv", "[!9-0]", "[😂-😀]", "a/**/[ac-b]"})
    @DisplayName("GLOB-008: a reversed range is InvalidPathException naming the pattern and the rule")
    void reversedRangeIsInvalid(String pattern) {
        assertThatThrownBy(() -> Glob.compile(RemotePath.ROOT, pattern))
                .isInstanceOfSatisfying(
                        InvalidPathException.class, e -> assertThat(e.path()).isEqualTo(pattern))
                .hasMessageContaining("GLOB-008");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\uD800*", "*\uDC00", "a/[\uD800]/b", "\uDC00\uD800"})
    @DisplayName("PATH-010: a pattern that is not well-formed UTF-16 is InvalidPathException")
    void unpairedSurrogateInPatternIsInvalid(String pattern) {
        assertThatThrownBy(() -> Glob.compile(RemotePath.ROOT, pattern))
                .isInstanceOfSatisfying(
                        InvalidPathException.class, e -> assertThat(e.path()).isEqualTo(pattern))
                .hasMessageContaining("PATH-010");
    }

    /** Ten {@code *a} then {@code b}: a backtracking regex takes minutes over a key of many {@code a}s. */
    private static final String STARS = "*a".repeat(10) + "*b";

    @Test
    @DisplayName("GLOB-007: a pathological pattern over a long key answers at once, and correctly")
    void pathologicalPatternIsPrompt() {
        String key = "a".repeat(60);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(matches(STARS, key)).isFalse();
            assertThat(matches(STARS, key + "b")).isTrue();
            assertThat(matches("*a".repeat(10) + "*", key)).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*a*a*a*a*a*a*a*a*a*a*b",
                "*aaaaaaaaaaaaaaaaaaaab",
                "*a*aaaaaaaaaaaaaaaaaaaab",
                "**/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b",
                "**/*/**/*/**/*/x",
                "**/*a*/**/a/a/a/**/b"
            })
    @DisplayName("GLOB-007: matching takes at most (pattern length + 1) * (key length + 1) steps")
    void matchingStepsAreBoundedByPatternTimesKey(String pattern) {
        Glob glob = Glob.compile(RemotePath.ROOT, pattern);
        for (int n : new int[] {40, 160, 640}) {
            String key = pattern.startsWith("**") ? "a/".repeat(n) + "a" : "a".repeat(n);
            long steps = glob.countSteps(RemotePath.of(key));
            assertThat(steps)
                    .as("steps for a key of %d characters", key.length())
                    .isLessThanOrEqualTo((pattern.length() + 1L) * (key.length() + 1));
            assertThat(glob.matches(RemotePath.of(key))).isFalse();
            String matching = key + (pattern.endsWith("x") ? "/x" : pattern.startsWith("**") ? "/b" : "b");
            assertThat(glob.matches(RemotePath.of(matching))).as(matching).isTrue();
        }
    }

    @Test
    @DisplayName("GLOB-001: an empty pattern or one with '..' is invalid")
    void invalidPatterns() {
        assertThatThrownBy(() -> Glob.compile(RemotePath.ROOT, "")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> Glob.compile(RemotePath.ROOT, "a/../*")).isInstanceOf(InvalidPathException.class);
    }
}

package dev.remotestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** PATH-009 and STORE-002 as properties over generated paths. */
class RemotePathPropertiesTest {

    /** Strings built from the characters that matter to normalization, plus ordinary ones. */
    @Provide
    Arbitrary<String> rawPaths() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("/", "\\", ".", "..", "//", "./", "a", "b", "a.b", "..a", "é", "📦", " ", "%", "_"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(3));
        return piece.list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Property
    @Label("PATH-009: normalizing a valid path again changes nothing")
    void normalizationIsIdempotent(@ForAll("rawPaths") String raw) {
        RemotePath once;
        try {
            once = RemotePath.parse(raw);
        } catch (InvalidPathException e) {
            assertThat(e.path()).isEqualTo(raw);
            return;
        }
        assertThat(RemotePath.parse(once.toString())).isEqualTo(once);
        assertThat(RemotePath.parse(once.toString()).toString()).isEqualTo(once.toString());
    }

    @Property
    @Label("PATH-009: a normalized path has no '..', '.' or empty segment, no backslash, no outer slash")
    void normalizedPathsAreClean(@ForAll("rawPaths") String raw) {
        RemotePath p;
        try {
            p = RemotePath.parse(raw);
        } catch (InvalidPathException e) {
            assertThat(raw.replace('\\', '/').split("/", -1)).contains("..");
            return;
        }
        String s = p.toString();
        assertThat(p.segments()).doesNotContain("..", ".", "");
        assertThat(s)
                .doesNotContain("\\")
                .doesNotStartWith("/")
                .doesNotEndWith("/")
                .doesNotContain("//");
        assertThat(String.join("/", p.segments())).isEqualTo(s);
    }

    @Property
    @Label("STORE-002: a path resolved below a root never leaves it")
    void resolvingBelowARootNeverEscapes(@ForAll("rawPaths") String root, @ForAll("rawPaths") String child) {
        RemotePath base;
        RemotePath resolved;
        try {
            base = RemotePath.parse(root);
            resolved = base.resolve(child);
        } catch (InvalidPathException e) {
            return; // rejected inputs never resolve anywhere
        }
        assertThat(resolved.startsWith(base)).isTrue();
        assertThat(resolved.relativeTo(base)).isEqualTo(RemotePath.parse(child));
    }

    @Property
    @Label("STORE-002: a child store's keys always lie below its root")
    void childStoreKeysStayBelowTheRoot(@ForAll("rawPaths") String sub, @ForAll("rawPaths") String key) {
        RecordingBackend backend = new RecordingBackend();
        Store child;
        try {
            child = Store.of(backend).child(sub);
        } catch (InvalidPathException e) {
            assertThat(invalidOrRoot(sub)).as("child(%s) was refused", sub).isTrue();
            return;
        }
        try {
            child.isFile(key);
        } catch (InvalidPathException e) {
            assertThat(backend.last).isNull();
            return;
        }
        if (invalidOrRoot(key)) {
            assertThat(backend.last).isNull(); // the child's own root is answered without the backend
        } else {
            assertThat(backend.last.startsWith(RemotePath.of(sub))).isTrue();
            assertThat(backend.last).isNotEqualTo(RemotePath.of(sub));
        }
    }

    private static boolean invalidOrRoot(String raw) {
        try {
            return RemotePath.parse(raw).isRoot();
        } catch (InvalidPathException e) {
            return true;
        }
    }

    @Property
    @Label("PATH-005: any '..' segment is rejected wherever it stands")
    void dotDotIsAlwaysRejected(@ForAll("rawPaths") String before, @ForAll("rawPaths") String after) {
        String raw = before + "/../" + after;
        assertThatThrownBy(() -> RemotePath.parse(raw))
                .isInstanceOf(InvalidPathException.class)
                .extracting(e -> ((InvalidPathException) e).path())
                .isEqualTo(raw);
    }

    /**
     * Any string at all: random UTF-16 units (unpaired surrogates among them) mixed with the pieces that matter to
     * normalization, unpaired high and low surrogates, and well-formed supplementary characters.
     */
    @Provide
    Arbitrary<String> anyStrings() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(4),
                Arbitraries.of("/", "\\", ".", "..", "a", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83D", "\uDE00"),
                Arbitraries.of("\uD83D\uDE00", "\uD834\uDD1E", "\uDBFF\uDFFF", "\uD800\uDC00"));
        return piece.list().ofMaxSize(8).map(parts -> String.join("", parts));
    }

    /** An independent oracle: the JDK's UTF-8 encoder refuses exactly the strings with an unpaired surrogate. */
    private static boolean wellFormed(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }

    @Property(tries = 2000)
    @Label("PATH-010: any string is either rejected naming the input, or a well-formed key")
    void keysAreWellFormedOrRejected(@ForAll("anyStrings") String raw) {
        RemotePath p;
        try {
            p = RemotePath.parse(raw);
        } catch (InvalidPathException e) {
            assertThat(e.path()).isEqualTo(raw);
            boolean otherRule = raw.indexOf('\0') >= 0
                    || List.of(raw.replace('\\', '/').split("/", -1)).contains("..");
            assertThat(!wellFormed(raw) || otherRule).as(e.getMessage()).isTrue();
            if (!wellFormed(raw) && !otherRule) {
                assertThat(e.getMessage()).contains("PATH-010");
            }
            return;
        }
        assertThat(wellFormed(raw))
                .as("accepted %s", raw.chars().mapToObj(Integer::toHexString).toList())
                .isTrue();
        assertThat(wellFormed(p.toString())).isTrue();
        assertThat(new String(p.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(p.toString());
    }

    @Property
    @Label("PATH-010: an unpaired surrogate anywhere in a path is rejected, naming the input and the rule")
    void unpairedSurrogatesAreRejected(
            @ForAll("rawPaths") String before, @ForAll("rawPaths") String after, @ForAll("loneSurrogates") char lone) {
        String raw = before + lone + after;
        Assume.that(!Character.isSurrogatePair(lone, after.isEmpty() ? 'a' : after.charAt(0)));
        Assume.that(before.isEmpty() || !Character.isSurrogatePair(before.charAt(before.length() - 1), lone));
        assertThatThrownBy(() -> RemotePath.parse(raw))
                .isInstanceOfSatisfying(
                        InvalidPathException.class, e -> assertThat(e.path()).isEqualTo(raw))
                .hasMessageContaining("PATH-010");
        assertThatThrownBy(() -> RemotePath.of("ok").resolve(raw)).isInstanceOf(InvalidPathException.class);
    }

    @Provide
    Arbitrary<Character> loneSurrogates() {
        return Arbitraries.chars().range(Character.MIN_SURROGATE, Character.MAX_SURROGATE);
    }

    @Property
    @Label("compareKeys orders like the UTF-8 bytes of the keys")
    void keyOrderIsUtf8ByteOrder(@ForAll("rawPaths") String a, @ForAll("rawPaths") String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        assertThat(Integer.signum(RemotePath.compareKeys(a, b)))
                .isEqualTo(Integer.signum(Arrays.compareUnsigned(x, y)));
    }

    /** Remembers the last path a query reached; answers nothing. */
    static final class RecordingBackend extends ForwardingBackend {
        RemotePath last;

        RecordingBackend() {
            super(new MemoryBackend());
        }

        @Override
        public boolean isFile(RemotePath path) {
            last = path;
            return false;
        }
    }
}

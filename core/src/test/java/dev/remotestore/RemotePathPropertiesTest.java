package dev.remotestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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

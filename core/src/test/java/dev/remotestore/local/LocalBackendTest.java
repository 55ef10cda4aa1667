package dev.remotestore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.FileInfo;
import dev.remotestore.InvalidPathException;
import dev.remotestore.ListOption;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.testkit.StoreConformanceTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the local backend has: a real directory, symbolic links, temporary files, processes. */
class LocalBackendTest {
    @TempDir
    Path tmp;

    Path root;
    Path outside;
    Store store;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        store = Store.of(new LocalBackend(root));
    }

    private static List<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).toList();
        }
    }

    @Test
    @DisplayName("a symbolic link to a folder outside the root is neither read, written, listed nor seen")
    void linkToOutsideFolderCannotBeUsed() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThatThrownBy(() -> store.read("escape/secret.txt")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.write("escape/new.txt", new byte[] {1}))
                .isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.getFileInfo("escape/secret.txt")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.deleteFolder("escape")).isInstanceOf(InvalidPathException.class);
        assertThat(store.exists("escape/secret.txt")).isFalse();
        assertThat(store.isFolder("escape")).isFalse();
        assertThat(paths(store.listFiles("", ListOption.RECURSIVE))).isEmpty();
        assertThat(paths(store.listFiles("escape"))).isEmpty();
        assertThat(Files.exists(outside.resolve("new.txt"))).isFalse();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    @DisplayName(
            "a symbolic link to a file outside the root is not readable, and overwriting it replaces the link only")
    void linkToOutsideFileCannotBeRead() throws IOException {
        Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));

        assertThatThrownBy(() -> store.readBytes("secret.txt")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.write("secret.txt", new byte[] {1}, WriteOption.OVERWRITE))
                .isInstanceOf(InvalidPathException.class);
        assertThat(store.isFile("secret.txt")).isFalse();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    @DisplayName("a symbolic link inside the root works like the file it names")
    void linkInsideRootIsFollowed() throws IOException {
        store.write("data/a.txt", "A".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("data/a.txt"));

        assertThat(store.readBytes("alias.txt")).isEqualTo("A".getBytes(StandardCharsets.UTF_8));
        assertThat(paths(store.listFiles(""))).containsExactly("alias.txt");
    }

    @Test
    @DisplayName("temporary files are never listed, and their names are reserved")
    void temporaryFilesAreInvisible() throws IOException {
        store.write("d/a.txt", new byte[] {1});
        Files.write(root.resolve("d/.~rs-leftover.tmp"), new byte[] {9});

        assertThat(paths(store.listFiles("", ListOption.RECURSIVE))).containsExactly("d/a.txt");
        assertThat(store.getFolderInfo("d").fileCount()).isEqualTo(1);
        assertThatThrownBy(() -> store.write("d/.~rs-mine.tmp", new byte[] {1}))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("reserved");
        assertThat(store.exists("d/.~rs-leftover.tmp")).isFalse();
    }

    @Test
    @DisplayName("a failed write leaves no temporary file and no new directory behind")
    void failedWriteLeavesNothing() throws IOException {
        InputStream failing = new StoreConformanceTest.FailingInput(1000);
        assertThatThrownBy(() -> store.write("new/deep/x.bin", failing)).hasMessageContaining("failed on purpose");

        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(p -> !p.equals(root)).toList()).isEmpty();
        }
    }

    @Test
    @DisplayName("toKey maps an absolute file path below the root to its key; unwrap gives the root")
    void nativePaths() {
        store.write("a/b.txt", new byte[] {1});
        Path nativeRoot = store.unwrap(Path.class);

        assertThat(store.toKey(nativeRoot.resolve("a/b.txt").toString())).isEqualTo("a/b.txt");
        assertThat(store.child("a").toKey(nativeRoot.resolve("a/b.txt").toString()))
                .isEqualTo("b.txt");
        assertThatThrownBy(() -> store.toKey(outside.resolve("secret.txt").toString()))
                .isInstanceOf(InvalidPathException.class);
        assertThat(store.resolve("a/b.txt").details())
                .containsEntry("nativePath", nativeRoot.resolve("a/b.txt").toString());
    }

    @Test
    @DisplayName("a root directory removed under a live store gives BackendUnavailableException on write")
    void vanishedRootIsUnavailable() throws IOException {
        Path r = Files.createDirectories(tmp.resolve("vanishing"));
        Store s = Store.of(new LocalBackend(r));
        Files.delete(r);
        Files.writeString(tmp.resolve("vanishing"), "now a file");

        assertThatThrownBy(() -> s.write("x.txt", new byte[] {1})).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    @DisplayName("ATOMIC: a writer process killed in the middle of writeAtomic leaves the old content intact")
    void killedWriterLeavesOldContent() throws Exception {
        store.write("report.bin", "old".getBytes(StandardCharsets.UTF_8));

        Process writer = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SlowAtomicWriter.class.getName(),
                        root.toString(),
                        "report.bin")
                .redirectErrorStream(true)
                .start();
        try {
            // The writer prints a line once part of the new content is on disk in its temporary file.
            byte[] line = writer.getInputStream().readNBytes(8);
            assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("writing\n");
            assertThat(store.readBytes("report.bin")).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
        } finally {
            writer.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs in the writer
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(store.readBytes("report.bin")).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
        assertThat(paths(store.listFiles("", ListOption.RECURSIVE))).containsExactly("report.bin");
        try (Stream<Path> leftovers = Files.list(root)) {
            // the temporary file of the killed writer stays behind, invisible to the store
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith(LocalBackend.TEMP_PREFIX));
        }
    }

    /** Child-process writer for {@link #killedWriterLeavesOldContent()}: writes forever, slowly. */
    public static final class SlowAtomicWriter {
        public static void main(String[] args) {
            Store s = Store.of(new LocalBackend(Path.of(args[0])));
            s.writeAtomic(args[1], new StoreConformanceTest.TricklingInput(64 * 1024), WriteOption.OVERWRITE);
        }
    }
}

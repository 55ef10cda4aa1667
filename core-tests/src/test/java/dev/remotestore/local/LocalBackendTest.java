package dev.remotestore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.remotestore.AtomicOutput;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.DeleteOption;
import dev.remotestore.FileInfo;
import dev.remotestore.InvalidPathException;
import dev.remotestore.ListOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.WriteOptions;
import dev.remotestore.internal.Digests;
import dev.remotestore.testkit.StoreConformanceTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

    private static List<FileInfo> paths2(Stream<FileInfo> files) {
        try (files) {
            return files.toList();
        }
    }

    private static List<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).toList();
        }
    }

    @Test
    @DisplayName("LOCAL-002: a symbolic link to a folder outside the root is neither read, written, listed nor seen")
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
    @DisplayName("LOCAL-002: a symbolic link to a file outside the root is neither read nor overwritten")
    void linkToOutsideFileCannotBeRead() throws IOException {
        Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));

        assertThatThrownBy(() -> store.readBytes("secret.txt")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.write("secret.txt", new byte[] {1}, WriteOption.OVERWRITE))
                .isInstanceOf(InvalidPathException.class);
        assertThat(store.isFile("secret.txt")).isFalse();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    @DisplayName("LOCAL-002: a symbolic link inside the root is neither file nor folder, and never followed")
    void linkInsideRootIsNeverFollowed() throws IOException {
        store.write("data/a.txt", "A".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("data/a.txt"));
        Files.createSymbolicLink(root.resolve("aliasdir"), root.resolve("data"));

        assertThat(store.exists("alias.txt")).isFalse();
        assertThat(store.isFile("alias.txt")).isFalse();
        assertThat(store.isFolder("aliasdir")).isFalse();
        assertThat(store.exists("aliasdir/a.txt")).isFalse();
        assertThat(paths(store.listFiles("", ListOption.RECURSIVE))).containsExactly("data/a.txt");
        assertThat(store.listFolders("").toList()).containsExactly("data");
        assertThat(paths(store.glob("**"))).containsExactly("data/a.txt");
        assertThat(paths(store.listFiles("aliasdir"))).isEmpty();
        assertThatThrownBy(() -> store.getFolderInfo("aliasdir")).isInstanceOf(NotFoundException.class);
        for (ThrowingCallable call : List.<ThrowingCallable>of(
                () -> store.readBytes("alias.txt"),
                () -> store.readRange("alias.txt", 0, 1),
                () -> store.readBytes("aliasdir/a.txt"),
                () -> store.getFileInfo("alias.txt"),
                () -> store.write("alias.txt", new byte[] {1}, WriteOption.OVERWRITE),
                () -> store.write("aliasdir/new.txt", new byte[] {1}),
                () -> store.openAtomic("aliasdir/new.txt"),
                () -> store.deleteIfExists("alias.txt"),
                () -> store.deleteIfExists("aliasdir/a.txt"),
                () -> store.deleteIfMatches("alias.txt", Digests.sha256Hex(new byte[] {'A'})),
                () -> store.deleteFolder("aliasdir", DeleteOption.RECURSIVE),
                () -> store.move("alias.txt", "moved.txt"),
                () -> store.move("data/a.txt", "aliasdir/moved.txt"),
                () -> store.copy("alias.txt", "copied.txt"))) {
            assertThatThrownBy(call).isInstanceOf(InvalidPathException.class).hasMessageContaining("symbolic link");
        }
        assertThat(Files.isSymbolicLink(root.resolve("alias.txt"))).isTrue();
        assertThat(Files.isSymbolicLink(root.resolve("aliasdir"))).isTrue();
        assertThat(paths(store.listFiles("", ListOption.RECURSIVE))).containsExactly("data/a.txt");
        assertThat(store.readBytes("data/a.txt")).isEqualTo("A".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("LOCAL-004: names that are not keys (not UTF-8) are skipped by listings, glob and folder info")
    void namesThatAreNotKeysAreSkipped() throws Exception {
        store.write("d/a.txt", new byte[] {1});
        store.write("d/ok\uFFFD.txt", new byte[] {2, 2}); // a real U+FFFD is a valid name
        Path d = root.resolve("d");
        // Raw bytes 0xFF 0xFE are not UTF-8; Java could not even name such a file, so the shell makes them.
        Process p = new ProcessBuilder(
                        "/bin/sh",
                        "-c",
                        "cd \"$1\" && printf xyz > \"$(printf 'bad\\377\\376.txt')\""
                                + " && mkdir \"$(printf 'dir\\377')\" && printf q > \"$(printf 'dir\\377')/f.txt\"",
                        "sh",
                        d.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        try (Stream<Path> entries = Files.list(d)) {
            assertThat(entries.count()).as("the shell made the two odd names").isEqualTo(4);
        }

        assertThat(paths(store.listFiles("d"))).containsExactly("d/a.txt", "d/ok\uFFFD.txt");
        assertThat(paths(store.listFiles("", ListOption.RECURSIVE))).containsExactly("d/a.txt", "d/ok\uFFFD.txt");
        assertThat(store.listFolders("d").toList()).isEmpty();
        assertThat(paths(store.glob("d/**"))).containsExactly("d/a.txt", "d/ok\uFFFD.txt");
        assertThat(store.getFolderInfo("d").fileCount()).isEqualTo(2);
        assertThat(store.getFolderInfo("d").totalSize()).isEqualTo(3);
        for (FileInfo f : paths2(store.listFiles("d"))) {
            assertThat(store.readBytes(f.path())).hasSize((int) f.size().orElseThrow());
        }
        store.deleteFolder("d", DeleteOption.RECURSIVE);
        assertThat(Files.exists(d)).as("the folder goes with every entry in it").isFalse();
    }

    @Test
    @DisplayName("LOCAL-005: a key the file system cannot name is InvalidPathException of the store, never the JDK's")
    void unrepresentableKeyIsInvalidPath() {
        LocalBackend backend = new LocalBackend(root);
        String key = "x\uD800"; // an unpaired surrogate: no file name encodes it
        for (ThrowingCallable call : List.<ThrowingCallable>of(
                () -> backend.write(RemotePath.of(key), new ByteArrayInputStream(new byte[] {1}), WriteOptions.of()),
                () -> backend.read(RemotePath.of(key)),
                () -> backend.getFileInfo(RemotePath.of(key)),
                () -> backend.delete(RemotePath.of(key)),
                () -> backend.openAtomic(RemotePath.of(key), WriteOptions.of()),
                () -> backend.resolve(RemotePath.of(key)),
                () -> backend.toKey(root.toString() + "/" + key))) {
            assertThatThrownBy(call)
                    .isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining(key)
                    .isNotInstanceOf(java.nio.file.InvalidPathException.class);
        }
        assertThat(catchThrowable(() -> backend.exists(RemotePath.of(key))))
                .satisfiesAnyOf(
                        t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(InvalidPathException.class));
        backend.close();
    }

    @Test
    @DisplayName("LOCAL-003: a file system without SecureDirectoryStream is refused, never used check-then-use")
    void fileSystemWithoutSecureDirectoryStreamIsRefused() throws IOException {
        Path zip = tmp.resolve("store.zip");
        try (FileSystem zipFs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Path zipRoot = zipFs.getPath("/data");
            assertThatThrownBy(() -> new LocalBackend(zipRoot))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("SecureDirectoryStream");
        }
    }

    @Test
    @DisplayName("LOCAL-009: an atomic output dropped without close() has its temporary file removed")
    void abandonedAtomicOutputIsCleanedUp() throws Exception {
        abandonOutput("deep/er/x.bin");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!temporaryFiles().isEmpty() && System.nanoTime() < deadline) {
            System.gc(); // the output is unreachable: a collection lets its cleaner run
            Thread.sleep(20);
        }
        assertThat(temporaryFiles()).isEmpty();
        assertThat(store.exists("deep")).as("the folders made for it go too").isFalse();
    }

    private void abandonOutput(String key) throws IOException {
        AtomicOutput out = store.openAtomic(key);
        out.write(new byte[1000]);
        assertThat(temporaryFiles()).hasSize(1);
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".tmp")
                            && p.getFileName().toString().startsWith(LocalBackend.TEMP_PREFIX))
                    .toList();
        }
    }

    @Test
    @DisplayName("LOCAL-007: a write arriving while deleteIfMatches compares waits for the delete and survives it")
    void deleteIfMatchesHoldsWritersOffUntilItDeleted() throws Exception {
        LocalBackend backend = new LocalBackend(root);
        Store s = Store.of(backend);
        byte[] old = "old".getBytes(StandardCharsets.UTF_8);
        byte[] newer = "newer".getBytes(StandardCharsets.UTF_8);
        s.write("cas/x.txt", old);
        AtomicReference<Thread> writer = new AtomicReference<>();
        backend.afterDigestMatched = () -> {
            Thread w = new Thread(() -> s.write("cas/x.txt", newer, WriteOption.OVERWRITE));
            writer.set(w);
            w.start();
            // The writer either overtakes the compare-and-delete (it finishes) or waits for it: its temporary
            // file is written and it is parked on the key's publish lock.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (w.isAlive()
                    && !(w.getState() == Thread.State.WAITING
                            && temporaryFilesUnchecked().size() == 1)
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        };

        assertThat(s.deleteIfMatches("cas/x.txt", Digests.sha256Hex(old))).isTrue();
        writer.get().join(10_000);

        assertThat(s.readBytes("cas/x.txt")).as("the acknowledged write").isEqualTo(newer);
        s.close();
    }

    private List<Path> temporaryFilesUnchecked() {
        try {
            return temporaryFiles();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("LOCAL-009: temporary files are never listed, and their names are reserved")
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
    @DisplayName("LOCAL-009: a failed write leaves no temporary file and no new directory behind")
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
    @DisplayName("LOCAL-009: a writer process killed in the middle of writeAtomic leaves the old content intact")
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

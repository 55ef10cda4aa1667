package dev.remotestore.testkit;

import static dev.remotestore.Capability.ATOMIC_WRITE;
import static dev.remotestore.Capability.COPY;
import static dev.remotestore.Capability.DELETE;
import static dev.remotestore.Capability.GLOB;
import static dev.remotestore.Capability.LIST;
import static dev.remotestore.Capability.METADATA;
import static dev.remotestore.Capability.MOVE;
import static dev.remotestore.Capability.READ;
import static dev.remotestore.Capability.RECURSIVE_LIST;
import static dev.remotestore.Capability.SEEKABLE_READ;
import static dev.remotestore.Capability.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.AtomicOutput;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Capability;
import dev.remotestore.CapabilityNotSupportedException;
import dev.remotestore.CapabilitySet;
import dev.remotestore.DeleteOption;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.InvalidPathException;
import dev.remotestore.ListOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Store contract ({@code docs/spec/store-contract.md}) as tests: subclass it, return a new, empty store from
 * {@link #createStore()}, and every rule runs against your backend. Each test's display name starts with the
 * rule it checks. Tests that need a capability the backend lacks are skipped by the kit, with the reason.
 *
 * <p>Quirks are declared once by overriding {@link #keepsContentType()}, {@link #keepsDigest()},
 * {@link #keepsModifiedAt()} and {@link #knowsSizes()}.
 */
@ExtendWith(CapabilityCondition.class)
public abstract class StoreConformanceTest {
    private static final Map<Class<?>, CapabilitySet> CAPABILITIES = new ConcurrentHashMap<>();
    private static final int MIB = 1 << 20;

    /** The store of the current test, new and empty. */
    protected Store store;

    /** A new, empty store over the backend under test; the kit closes it after each test. */
    protected abstract Store createStore();

    /** Whether the backend reports the content type given at write time. */
    protected boolean keepsContentType() {
        return true;
    }

    /** Whether the backend keeps the facts of {@code WriteOption.extra} and reports them in {@code FileInfo.extra()}. */
    protected boolean keepsExtra() {
        return true;
    }

    /** Whether the backend reports a SHA-256 digest of the content. */
    protected boolean keepsDigest() {
        return true;
    }

    /**
     * Whether metadata reports sizes without reading the content; false for computed content (query results),
     * whose size is unknown until materialized and must then be empty, never guessed.
     */
    protected boolean knowsSizes() {
        return true;
    }

    /** Asserts the size metadata reports for content of {@code expected} bytes. */
    private void assertSize(FileInfo info, long expected) {
        if (knowsSizes()) {
            assertThat(info.size()).as("size of %s", info.path()).hasValue(expected);
        } else {
            assertThat(info.size())
                    .as("size of %s (unknown until materialized)", info.path())
                    .isEmpty();
        }
    }

    /** Whether the backend reports modification times. */
    protected boolean keepsModifiedAt() {
        return true;
    }

    /**
     * The largest content the backend accepts (a server setting such as MariaDB's {@code max_allowed_packet}).
     * Where a test's content is larger, the kit checks that the write is refused with a
     * {@link RemoteStoreException} that names the limit, and that nothing was stored.
     */
    protected long maxContentSize() {
        return Long.MAX_VALUE;
    }

    /**
     * Writes {@code size} bytes through {@code write}; returns false (after checking the refusal) when the
     * backend declares a smaller {@link #maxContentSize()}.
     */
    private boolean writeWithinLimit(String path, long size, Runnable write) {
        if (size <= maxContentSize()) {
            write.run();
            return true;
        }
        Throwable thrown = catchThrowable(write::run);
        assertThat(thrown)
                .as("content of %d bytes over the declared limit of %d", size, maxContentSize())
                .isInstanceOf(RemoteStoreException.class);
        assertThat(thrown.getMessage()).containsAnyOf("max", "limit");
        assertThat(store.exists(path)).isFalse();
        return false;
    }

    /**
     * Whether {@link #seed} works for this backend: by default where it can write; a read-only backend that
     * overrides {@code seed} overrides this too.
     */
    protected boolean canSeed() {
        return kitCapabilities().contains(WRITE);
    }

    /** Puts a file in place for a test; the default writes it through the store. */
    protected void seed(String path, byte[] content) {
        store.write(path, content, WriteOption.OVERWRITE);
    }

    /** The capabilities of the backend under test, read once per test class. */
    final CapabilitySet kitCapabilities() {
        return CAPABILITIES.computeIfAbsent(getClass(), c -> {
            try (Store s = createStore()) {
                return s.capabilities();
            }
        });
    }

    @BeforeEach
    void openStore() {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** Deterministic pseudo-random content. */
    protected static byte[] content(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static List<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).toList();
        }
    }

    /** Every file of the store, at every depth. */
    protected List<String> allFiles() {
        return paths(store.listFiles("", ListOption.RECURSIVE));
    }

    private boolean can(Capability c) {
        return store.supports(c);
    }

    /** An input stream of {@code size} generated bytes whose length is unknown to the reader. */
    public static final class GeneratedInput extends InputStream {
        private final Random random;
        private long left;

        public GeneratedInput(long size, long seed) {
            this.random = new Random(seed);
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            left -= n;
            return n;
        }

        /** The bytes a stream of this size and seed yields (for small sizes). */
        public static byte[] expected(int size, long seed) {
            try (InputStream in = new GeneratedInput(size, seed)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * An endless stream for crash tests: after {@code announceAfter} bytes it prints {@code writing} on a line of
     * its own to standard output, then yields one byte per millisecond, so a writer using it can be killed while
     * it streams.
     */
    public static final class TricklingInput extends InputStream {
        private final long announceAfter;
        private long sent;

        public TricklingInput(long announceAfter) {
            this.announceAfter = announceAfter;
        }

        @Override
        public int read() {
            if (sent++ == announceAfter) {
                System.out.print("writing\n");
                System.out.flush();
            }
            if (sent > announceAfter) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 'n';
        }
    }

    /** A stream that yields some bytes and then fails, and keeps failing. */
    public static final class FailingInput extends InputStream {
        private long good;

        public FailingInput(long good) {
            this.good = good;
        }

        @Override
        public int read() throws IOException {
            if (good <= 0) {
                throw new IOException("the source failed on purpose");
            }
            good--;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (good <= 0) {
                throw new IOException("the source failed on purpose");
            }
            int n = (int) Math.min(len, good);
            Arrays.fill(b, off, off + n, (byte) 'x');
            good -= n;
            return n;
        }
    }

    private static boolean causedByIo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static <T> List<T> runTogether(int threads, Callable<T> task) throws Exception {
        return runAll(java.util.Collections.nCopies(threads, task));
    }

    /** Runs every task on a thread of its own, all released at once; their results, in the tasks' order. */
    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CyclicBarrier start = new CyclicBarrier(tasks.size());
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    // ==== PATH ============================================================================================

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("PATH-001: backslashes become '/'")
    void backslashesBecomeSlashes() {
        store.write("a\\b\\c.txt", utf8("x"));
        assertThat(store.isFile("a/b/c.txt")).isTrue();
        assertThat(store.readBytes("a\\b/c.txt")).isEqualTo(utf8("x"));
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("PATH-002: leading and trailing slashes are stripped")
    void outerSlashesAreStripped() {
        store.write("/a/b.txt/", utf8("x"));
        assertThat(store.isFile("a/b.txt")).isTrue();
        assertThat(store.readBytes("///a/b.txt")).isEqualTo(utf8("x"));
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("PATH-003: repeated slashes collapse")
    void repeatedSlashesCollapse() {
        store.write("a//b///c.txt", utf8("x"));
        assertThat(store.isFile("a/b/c.txt")).isTrue();
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("PATH-004: '.' segments are removed")
    void dotSegmentsAreRemoved() {
        store.write("./a/./b.txt", utf8("x"));
        assertThat(store.isFile("a/b.txt")).isTrue();
        assertThat(store.readBytes("a/././b.txt")).isEqualTo(utf8("x"));
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("PATH-005: a segment that merely contains '..' is a valid name")
    void dotDotInsideANameIsValid() {
        store.write("a..b/..c/d..", utf8("x"));
        assertThat(store.readBytes("a..b/..c/d..")).isEqualTo(utf8("x"));
    }

    @Test
    @RequiresCapability({WRITE, READ, LIST, RECURSIVE_LIST, METADATA})
    @DisplayName("PATH-009: a messy path is stored under its normal form, which round-trips unchanged")
    void normalFormRoundTrips() {
        store.write("\\x//./y\\z.txt/", utf8("n"));
        assertThat(allFiles()).containsExactly("x/y/z.txt");
        String listed = allFiles().get(0);
        assertThat(store.readBytes(listed)).isEqualTo(utf8("n"));
        assertThat(store.getFileInfo(listed).path()).isEqualTo(listed);
        assertThat(paths(store.listFiles(
                        RemotePath.of(listed).parent().orElseThrow().toString())))
                .containsExactly(listed);
    }

    /** Every file operation, applied to a path (for the invalid-path rules). */
    static Stream<Arguments> fileOperations() {
        List<Arguments> ops = new ArrayList<>();
        ops.add(op("read", (s, p) -> s.read(p)));
        ops.add(op("readBytes", (s, p) -> s.readBytes(p)));
        ops.add(op("readRange", (s, p) -> s.readRange(p, 0, 1)));
        ops.add(op("write", (s, p) -> s.write(p, utf8("x"))));
        ops.add(op("write(stream)", (s, p) -> s.write(p, new ByteArrayInputStream(utf8("x")))));
        ops.add(op("writeAtomic", (s, p) -> s.writeAtomic(p, utf8("x"))));
        ops.add(op("openAtomic", (s, p) -> s.openAtomic(p).close()));
        ops.add(op("delete", (s, p) -> s.delete(p)));
        ops.add(op("deleteIfExists", (s, p) -> s.deleteIfExists(p)));
        ops.add(op("getFileInfo", (s, p) -> s.getFileInfo(p)));
        ops.add(op("move source", (s, p) -> s.move(p, "target.txt")));
        ops.add(op("move target", (s, p) -> s.move("source.txt", p)));
        ops.add(op("copy source", (s, p) -> s.copy(p, "target.txt")));
        ops.add(op("copy target", (s, p) -> s.copy("source.txt", p)));
        return ops.stream();
    }

    /** Every folder query, applied to a path. */
    static Stream<Arguments> folderOperations() {
        List<Arguments> ops = new ArrayList<>();
        ops.add(op("exists", (s, p) -> s.exists(p)));
        ops.add(op("isFile", (s, p) -> s.isFile(p)));
        ops.add(op("isFolder", (s, p) -> s.isFolder(p)));
        ops.add(op("listFiles", (s, p) -> s.listFiles(p).close()));
        ops.add(op("listFolders", (s, p) -> s.listFolders(p).close()));
        ops.add(op("getFolderInfo", (s, p) -> s.getFolderInfo(p)));
        ops.add(op("deleteFolder", (s, p) -> s.deleteFolder(p)));
        ops.add(op("resolve", (s, p) -> s.resolve(p)));
        ops.add(op("child", (s, p) -> s.child(p)));
        return ops.stream();
    }

    /** An operation of the store on one path. */
    @FunctionalInterface
    protected interface PathOperation {
        void apply(Store store, String path) throws Exception;
    }

    private static Arguments op(String name, PathOperation operation) {
        return Arguments.of(name, operation);
    }

    private static final List<String> DOT_DOT = List.of("..", "../a", "a/..", "a/../b", "a\\..\\b", "/../etc/passwd");
    private static final List<String> ROOT_SPELLINGS = List.of("", "/", ".", "./", "//", "/./");

    private void seedSourceIfPossible() {
        if (can(WRITE)) {
            seed("source.txt", utf8("source"));
        }
    }

    private void assertOnlySourceRemains() {
        if (can(LIST) && can(RECURSIVE_LIST)) {
            assertThat(allFiles()).isSubsetOf("source.txt");
        }
        assertThat(store.exists("target.txt")).isFalse();
        assertThat(store.exists("a")).isFalse();
        assertThat(store.exists("b")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileOperations")
    @DisplayName("PATH-005: a '..' segment is rejected by every file operation, naming the input, before any I/O")
    void dotDotIsRejectedByFileOperations(String name, PathOperation operation) {
        seedSourceIfPossible();
        for (String bad : DOT_DOT) {
            Throwable thrown = catchThrowable(() -> operation.apply(store, bad));
            assertThat(thrown).as("%s(%s)", name, bad).isInstanceOf(InvalidPathException.class);
            assertThat(((InvalidPathException) thrown).path()).isEqualTo(bad);
        }
        assertOnlySourceRemains();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folderOperations")
    @DisplayName("PATH-005: a '..' segment is rejected by every folder query too")
    void dotDotIsRejectedByFolderQueries(String name, PathOperation operation) {
        for (String bad : DOT_DOT) {
            Throwable thrown = catchThrowable(() -> operation.apply(store, bad));
            assertThat(thrown).as("%s(%s)", name, bad).isInstanceOf(InvalidPathException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileOperations")
    @DisplayName("PATH-006: a NUL character is rejected by every file operation; nothing is written")
    void nulIsRejected(String name, PathOperation operation) {
        seedSourceIfPossible();
        for (String bad : List.of("a\0b", "\0", "dir/x\0.txt")) {
            Throwable thrown = catchThrowable(() -> operation.apply(store, bad));
            assertThat(thrown).as("%s", name).isInstanceOf(InvalidPathException.class);
            assertThat(((InvalidPathException) thrown).path()).isEqualTo(bad);
        }
        assertOnlySourceRemains();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileOperations")
    @DisplayName("PATH-007: every spelling of the root is rejected by every file operation")
    void rootIsRejectedByFileOperations(String name, PathOperation operation) {
        seedSourceIfPossible();
        for (String root : ROOT_SPELLINGS) {
            Throwable thrown = catchThrowable(() -> operation.apply(store, root));
            assertThat(thrown).as("%s(\"%s\")", name, root).isInstanceOf(InvalidPathException.class);
            assertThat(((InvalidPathException) thrown).path()).isEqualTo(root);
        }
        assertOnlySourceRemains();
    }

    @Test
    @DisplayName("PATH-007: every spelling of the root is the root for folder queries")
    void rootIsAFolderForQueries() {
        for (String root : ROOT_SPELLINGS) {
            assertThat(store.exists(root)).as("exists(\"%s\")", root).isTrue();
            assertThat(store.isFolder(root)).isTrue();
            assertThat(store.isFile(root)).isFalse();
        }
    }

    @Test
    @RequiresCapability(
            value = {LIST, METADATA},
            seeds = true)
    @DisplayName("PATH-007: the root answers listing and folder info, and its path round-trips")
    void rootAnswersListingAndInfo() {
        seed("top.txt", utf8("12345"));
        seed("d/x.txt", utf8("1"));
        assertThat(paths(store.listFiles(""))).containsExactly("top.txt");
        assertThat(store.listFolders(".").toList()).containsExactly("d");
        FolderInfo root = store.getFolderInfo("");
        assertThat(root.fileCount()).isEqualTo(2);
        assertThat(root.totalSize()).isEqualTo(knowsSizes() ? 6 : 0);
        assertThat(store.getFolderInfo(root.path()).fileCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("PATH-008: a null path is rejected with InvalidPathException")
    void nullPathIsRejected() {
        assertThatThrownBy(() -> store.exists(null)).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.read(null)).isInstanceOf(InvalidPathException.class);
    }

    /** Keys that are not well-formed UTF-16: an unpaired high or low surrogate, or a pair in the wrong order. */
    private static final List<String> UNPAIRED_SURROGATES =
            List.of("x\uD800", "x\uDC00", "\uDC00\uD800", "dir/\uD83D/y.txt", "\uDBFF", "a\uD800b/c");

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileOperations")
    @DisplayName(
            "PATH-010: an unpaired surrogate is rejected by every file operation, naming the input; nothing is stored")
    void unpairedSurrogateIsRejectedByFileOperations(String name, PathOperation operation) {
        seedSourceIfPossible();
        for (String bad : UNPAIRED_SURROGATES) {
            Throwable thrown = catchThrowable(() -> operation.apply(store, bad));
            assertThat(thrown)
                    .as(
                            "%s(%s)",
                            name, bad.chars().mapToObj(Integer::toHexString).toList())
                    .isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining("PATH-010");
            assertThat(((InvalidPathException) thrown).path()).isEqualTo(bad);
        }
        assertOnlySourceRemains();
        // the databases would have stored "x\uD800" as "x?" or "x\uFFFD", or served another key's content
        for (String lookalike : List.of("x", "x?", "x\uFFFD", "dir", "a?b")) {
            assertThat(store.exists(lookalike)).as(lookalike).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folderOperations")
    @DisplayName("PATH-010: an unpaired surrogate is rejected by every folder query, child() and resolve() too")
    void unpairedSurrogateIsRejectedByFolderQueries(String name, PathOperation operation) {
        for (String bad : UNPAIRED_SURROGATES) {
            Throwable thrown = catchThrowable(() -> operation.apply(store, bad));
            assertThat(thrown)
                    .as(
                            "%s(%s)",
                            name, bad.chars().mapToObj(Integer::toHexString).toList())
                    .isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining("PATH-010");
            assertThat(((InvalidPathException) thrown).path()).isEqualTo(bad);
        }
        Throwable thrown = catchThrowable(() -> store.glob("x\uD800*").close());
        assertThat(thrown).isInstanceOf(InvalidPathException.class).hasMessageContaining("PATH-010");
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName(
            "PATH-010: supplementary characters (well-formed surrogate pairs) are ordinary, distinct key characters")
    void supplementaryCharactersAreOrdinary() {
        List<String> keys =
                List.of("\uD83D\uDE00", "x\uD83D\uDE00", "x\uD834\uDD1E", "\uD834\uDD1E/y.txt", "x?", "x\uFFFD");
        for (String k : keys) {
            store.write(k, utf8("content of " + k));
        }
        for (String k : keys) {
            assertThat(store.readBytes(k)).as(k).isEqualTo(utf8("content of " + k));
            assertThat(store.isFile(k)).as(k).isTrue();
        }
        assertThat(store.isFolder("\uD834\uDD1E")).isTrue();
        if (can(LIST) && can(RECURSIVE_LIST)) {
            assertThat(allFiles()).containsExactlyInAnyOrderElementsOf(keys);
        }
        if (can(METADATA)) {
            assertThat(store.getFileInfo("x\uD834\uDD1E").path()).isEqualTo("x\uD834\uDD1E");
        }
    }

    // ==== STORE ===========================================================================================

    @Test
    @RequiresCapability({WRITE, READ, LIST, METADATA})
    @DisplayName("STORE-001: a child's writes land below its root in the parent; its results are child-relative")
    void childScopesPaths() {
        Store tenant = store.child("tenants/acme");
        tenant.write("docs/a.txt", utf8("a"));
        assertThat(store.readBytes("tenants/acme/docs/a.txt")).isEqualTo(utf8("a"));
        assertThat(paths(tenant.listFiles("docs"))).containsExactly("docs/a.txt");
        FileInfo info = tenant.getFileInfo("docs/a.txt");
        assertThat(info.path()).isEqualTo("docs/a.txt");
        assertThat(tenant.readBytes(info.path())).isEqualTo(utf8("a"));
        assertThat(tenant.getFolderInfo("docs").path()).isEqualTo("docs");
        assertThat(tenant.getFolderInfo("").path()).isEqualTo("");
        assertThat(tenant.isFolder("")).isTrue();
    }

    @Test
    @RequiresCapability(
            value = {READ},
            seeds = true)
    @DisplayName("STORE-002: a child cannot reach outside its root, and '' is no child")
    void childCannotEscape() {
        seed("secret.txt", utf8("s"));
        Store child = store.child("box");
        assertThatThrownBy(() -> child.readBytes("../secret.txt")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> child.child("..")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.child("")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.child("/")).isInstanceOf(InvalidPathException.class);
        assertThat(child.exists("secret.txt")).isFalse();
        assertThatThrownBy(() -> child.readBytes("secret.txt")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @RequiresCapability(
            value = {GLOB},
            seeds = true)
    @DisplayName("STORE-001: glob through a child is scoped and child-relative")
    void childGlobIsScoped() {
        seed("box/a.csv", utf8("1"));
        seed("other/b.csv", utf8("2"));
        assertThat(paths(store.child("box").glob("**/*.csv"))).containsExactly("a.csv");
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("STORE-003: closing a child leaves the shared backend open")
    void closingAChildLeavesTheBackendOpen() {
        Store child = store.child("c");
        child.write("x.txt", utf8("x"));
        child.close();
        assertThat(store.readBytes("c/x.txt")).isEqualTo(utf8("x"));
    }

    @Test
    @DisplayName("STORE-004: after close, operations fail with BackendUnavailableException; close is idempotent")
    void closedStoreIsUnavailable() {
        Store other = createStore();
        other.close();
        other.close();
        Throwable thrown = catchThrowable(() -> other.isFile("x.txt"));
        assertThat(thrown).isInstanceOf(BackendUnavailableException.class);
        if (other.supports(READ)) {
            assertThatThrownBy(() -> other.readBytes("x.txt")).isInstanceOf(BackendUnavailableException.class);
        }
        if (other.supports(WRITE)) {
            assertThatThrownBy(() -> other.write("x.txt", utf8("x"))).isInstanceOf(BackendUnavailableException.class);
        }
    }

    @Test
    @DisplayName("STORE-005: unwrap of a type the backend has no handle of is CapabilityNotSupportedException")
    void unwrapUnknownType() {
        assertThatThrownBy(() -> store.unwrap(StoreConformanceTest.class))
                .isInstanceOf(CapabilityNotSupportedException.class)
                .hasMessageContaining(StoreConformanceTest.class.getName());
    }

    @Test
    @DisplayName("STORE-006: stores over one backend and root are equal")
    void storeEquality() {
        assertThat(store.child("a")).isEqualTo(store.child("a/")).isNotEqualTo(store.child("b"));
        assertThat(store.child("a").hashCode()).isEqualTo(store.child("./a").hashCode());
    }

    // ==== CAP =============================================================================================

    @Test
    @DisplayName("CAP-001: capabilities() and supports() agree")
    void capabilitiesAgree() {
        for (Capability c : Capability.values()) {
            assertThat(store.supports(c)).isEqualTo(store.capabilities().contains(c));
        }
        assertThat(store.capabilities()).isEqualTo(kitCapabilities());
    }

    @ParameterizedTest
    @EnumSource(Capability.class)
    @DisplayName("CAP-002: a missing capability is refused naming it; a present one is never refused")
    void capabilityGates(Capability capability) {
        Consumer<Store> call =
                switch (capability) {
                    case READ -> s -> s.readBytes("a.txt");
                    case WRITE -> s -> s.write("gate/a.txt", utf8("x"));
                    case DELETE -> s -> s.deleteIfExists("a.txt");
                    case LIST -> s -> s.listFiles("").close();
                    case MOVE -> s -> s.move("a.txt", "b.txt");
                    case COPY -> s -> s.copy("a.txt", "b.txt");
                    case ATOMIC_WRITE -> s -> s.writeAtomic("gate/b.txt", utf8("x"));
                    case GLOB -> s -> s.glob("*.txt").close();
                    case RECURSIVE_LIST -> s ->
                            s.listFiles("", ListOption.RECURSIVE).close();
                    case METADATA -> s -> s.getFileInfo("a.txt");
                    case SEEKABLE_READ -> s -> s.readRange("a.txt", 0, 1);
                };
        Throwable thrown = catchThrowable(() -> call.accept(store));
        if (store.supports(capability)) {
            // the call reaches the backend: it may find nothing (NotFound), but it is not refused
            assertThat(thrown instanceof CapabilityNotSupportedException)
                    .as("%s is offered, yet the call was refused: %s", capability, thrown)
                    .isFalse();
        } else {
            assertThat(thrown)
                    .isInstanceOfSatisfying(CapabilityNotSupportedException.class, e -> assertThat(e.capability())
                            .isEqualTo(capability));
        }
    }

    // ==== READ ============================================================================================

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, MIB, 20 * MIB})
    @RequiresCapability({WRITE, READ})
    @DisplayName("READ-001: read streams the whole content from its first byte, whatever the size")
    void readReturnsEverything(int size) throws IOException {
        byte[] data = content(size, size);
        if (!writeWithinLimit("sized.bin", size, () -> store.write("sized.bin", data))) {
            return;
        }
        try (InputStream in = store.read("sized.bin")) {
            byte[] back = in.readAllBytes();
            assertThat(back.length).isEqualTo(size);
            assertThat(sha256(back)).isEqualTo(sha256(data));
        }
    }

    @Test
    @RequiresCapability(READ)
    @DisplayName("READ-002: reading a missing file throws NotFoundException with the path, before any stream")
    void readMissing() {
        Throwable thrown = catchThrowable(() -> store.read("missing/file.txt"));
        assertThat(thrown).isInstanceOf(NotFoundException.class);
        assertThat(((NotFoundException) thrown).path()).isEqualTo("missing/file.txt");
        assertThatThrownBy(() -> store.readBytes("missing.txt")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @RequiresCapability(
            value = {READ},
            seeds = true)
    @DisplayName("READ-003: reading a folder throws InvalidPathException")
    void readFolder() {
        seed("folder/file.txt", utf8("x"));
        assertThatThrownBy(() -> store.read("folder")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.readBytes("folder")).isInstanceOf(InvalidPathException.class);
    }

    @Test
    @RequiresCapability(
            value = {READ},
            seeds = true)
    @DisplayName("READ-004: readBytes returns exactly the stored bytes")
    void readBytesExact() {
        byte[] data = content(4097, 7);
        seed("exact.bin", data);
        assertThat(store.readBytes("exact.bin")).isEqualTo(data);
    }

    @Test
    @RequiresCapability(
            value = {SEEKABLE_READ},
            seeds = true)
    @DisplayName("READ-005: readRange returns [offset, offset+length)")
    void readRangeMiddle() throws IOException {
        byte[] data = content(MIB, 5);
        seed("range.bin", data);
        try (InputStream in = store.readRange("range.bin", 1000, 5000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 1000, 6000));
        }
        try (InputStream in = store.readRange("range.bin", 0, 1)) {
            assertThat(in.readAllBytes()).isEqualTo(new byte[] {data[0]});
        }
    }

    @Test
    @RequiresCapability(
            value = {SEEKABLE_READ},
            seeds = true)
    @DisplayName("READ-006: a range past the end is cut; an offset at or past the end gives nothing")
    void readRangePastTheEnd() throws IOException {
        byte[] data = content(MIB, 6);
        seed("range.bin", data);
        try (InputStream in = store.readRange("range.bin", MIB - 10, 1000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, MIB - 10, MIB));
        }
        try (InputStream in = store.readRange("range.bin", MIB, 10)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        try (InputStream in = store.readRange("range.bin", MIB + 100, 10)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        try (InputStream in = store.readRange("range.bin", 10, 0)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    @RequiresCapability(SEEKABLE_READ)
    @DisplayName("READ-007: readRange of a missing file is NotFoundException; negative arguments are refused")
    void readRangeBadInput() {
        assertThatThrownBy(() -> store.readRange("missing.bin", 0, 10)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.readRange("x.bin", -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.readRange("x.bin", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ==== WRITE ===========================================================================================

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("WRITE-001: write creates the file; parent folders are implicit")
    void writeCreatesWithImplicitFolders() {
        store.write("x/y/z/file.txt", utf8("deep"));
        assertThat(store.readBytes("x/y/z/file.txt")).isEqualTo(utf8("deep"));
        assertThat(store.isFolder("x")).isTrue();
        assertThat(store.isFolder("x/y")).isTrue();
        assertThat(store.isFolder("x/y/z")).isTrue();
        assertThat(store.isFile("x/y/z/file.txt")).isTrue();
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("WRITE-002: writing an existing file without OVERWRITE is AlreadyExistsException; old content stays")
    void writeWithoutOverwrite() {
        store.write("f.txt", utf8("old"));
        Throwable thrown = catchThrowable(() -> store.write("f.txt", utf8("new")));
        assertThat(thrown).isInstanceOf(AlreadyExistsException.class);
        assertThat(((AlreadyExistsException) thrown).path()).isEqualTo("f.txt");
        assertThatThrownBy(() -> store.write("f.txt", new ByteArrayInputStream(utf8("new"))))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(store.readBytes("f.txt")).isEqualTo(utf8("old"));
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("WRITE-003: OVERWRITE replaces the content, longer or shorter")
    void writeWithOverwrite() {
        store.write("f.txt", utf8("old content"));
        store.write("f.txt", utf8("new"), WriteOption.OVERWRITE);
        assertThat(store.readBytes("f.txt")).isEqualTo(utf8("new"));
        store.write("f.txt", utf8("newer and longer"), WriteOption.OVERWRITE);
        assertThat(store.readBytes("f.txt")).isEqualTo(utf8("newer and longer"));
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("WRITE-003: OVERWRITE also creates a missing file")
    void overwriteCreates() {
        store.write("new.txt", utf8("n"), WriteOption.OVERWRITE);
        assertThat(store.readBytes("new.txt")).isEqualTo(utf8("n"));
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("WRITE-004: 20 MiB streamed from an InputStream of unknown length")
    void writeStreamsUnknownLength() throws IOException {
        if (!writeWithinLimit(
                "stream.bin", 20L * MIB, () -> store.write("stream.bin", new GeneratedInput(20L * MIB, 99)))) {
            return;
        }
        MessageDigest expected;
        try {
            expected = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream gen = new GeneratedInput(20L * MIB, 99)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = gen.read(buf)) > 0; ) {
                expected.update(buf, 0, n);
            }
        }
        String want = HexFormat.of().formatHex(expected.digest());
        try (InputStream in = store.read("stream.bin")) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(want);
        }
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("WRITE-005: a failing source stores nothing for a new key and keeps an existing file's content")
    void failingSourceStoresNothing() {
        Throwable thrown = catchThrowable(() -> store.write("new.bin", new FailingInput(100_000)));
        assertThat(thrown).isInstanceOf(RemoteStoreException.class);
        assertThat(causedByIo(thrown))
                .as("the I/O failure is in the cause chain")
                .isTrue();
        assertThat(store.exists("new.bin")).isFalse();

        store.write("old.bin", utf8("old"));
        assertThatThrownBy(() -> store.write("old.bin", new FailingInput(10), WriteOption.OVERWRITE))
                .isInstanceOf(RemoteStoreException.class);
        assertThat(store.readBytes("old.bin")).isEqualTo(utf8("old"));
        if (can(LIST) && can(RECURSIVE_LIST)) {
            assertThat(allFiles()).containsExactly("old.bin");
        }
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("WRITE-006: writing where a folder is is InvalidPathException; nothing changes")
    void writeOntoAFolder() {
        seed("dir/inside.txt", utf8("in"));
        assertThatThrownBy(() -> store.write("dir", utf8("x"))).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.write("dir", utf8("x"), WriteOption.OVERWRITE))
                .isInstanceOf(InvalidPathException.class);
        assertThat(store.isFolder("dir")).isTrue();
        assertThat(store.isFile("dir")).isFalse();
        assertThat(store.readBytes("dir/inside.txt")).isEqualTo(utf8("in"));
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("WRITE-007: writing below a file is InvalidPathException; nothing changes")
    void writeBelowAFile() {
        seed("a.txt", utf8("file"));
        assertThatThrownBy(() -> store.write("a.txt/b.txt", utf8("x"))).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.write("a.txt/deep/b.txt", utf8("x"), WriteOption.OVERWRITE))
                .isInstanceOf(InvalidPathException.class);
        assertThat(store.readBytes("a.txt")).isEqualTo(utf8("file"));
        assertThat(store.isFolder("a.txt")).isFalse();
    }

    @Test
    @RequiresCapability({WRITE, READ, METADATA})
    @DisplayName("WRITE-008: empty content is a file of size 0")
    void emptyFile() {
        store.write("empty", new byte[0]);
        assertThat(store.isFile("empty")).isTrue();
        assertThat(store.readBytes("empty")).isEmpty();
        assertSize(store.getFileInfo("empty"), 0);
    }

    @Test
    @RequiresCapability({WRITE, METADATA})
    @DisplayName("WRITE-009: a content type given at write time is reported (where the backend keeps it)")
    void contentTypeIsKept() {
        store.write("t.csv", utf8("a,b"), WriteOption.contentType("text/csv"));
        if (keepsContentType()) {
            assertThat(store.getFileInfo("t.csv").contentType()).hasValue("text/csv");
            store.write("t.csv", utf8("{}"), WriteOption.OVERWRITE, WriteOption.contentType("application/json"));
            assertThat(store.getFileInfo("t.csv").contentType()).hasValue("application/json");
        } else {
            assertThat(store.getFileInfo("t.csv").contentType()).isEmpty();
        }
    }

    // ==== ATOMIC ==========================================================================================

    @Test
    @RequiresCapability({WRITE, READ, METADATA, LIST, COPY, MOVE})
    @DisplayName("WRITE-010: extra facts given at write time are reported, and follow copies and moves (where kept)")
    void extraFactsAreKept() {
        Map<String, String> facts = Map.of("uploader", "ada", "original-name", "Ré\"sumé\\ 😀.pdf", "empty", "");
        store.write("x/doc.pdf", utf8("pdf"), WriteOption.extra(facts), WriteOption.contentType("application/pdf"));
        store.write("x/plain.txt", utf8("plain"));
        if (!keepsExtra()) {
            assertThat(store.readBytes("x/doc.pdf")).isEqualTo(utf8("pdf"));
            return;
        }
        assertThat(store.getFileInfo("x/doc.pdf").extra()).containsAllEntriesOf(facts);
        assertThat(store.getFileInfo("x/plain.txt").extra()).doesNotContainKeys("uploader", "original-name");
        try (Stream<FileInfo> listed = store.listFiles("x")) {
            FileInfo doc =
                    listed.filter(f -> f.path().equals("x/doc.pdf")).findFirst().orElseThrow();
            assertThat(doc.extra()).containsAllEntriesOf(facts);
        }
        store.copy("x/doc.pdf", "y/copy.pdf");
        store.move("x/doc.pdf", "y/moved.pdf");
        assertThat(store.getFileInfo("y/copy.pdf").extra()).containsAllEntriesOf(facts);
        assertThat(store.getFileInfo("y/moved.pdf").extra()).containsAllEntriesOf(facts);
        store.write("y/moved.pdf", utf8("new"), WriteOption.OVERWRITE);
        assertThat(store.getFileInfo("y/moved.pdf").extra())
                .as("an overwrite without extra facts keeps none of the old ones")
                .doesNotContainKeys("uploader", "original-name");
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("ATOMIC-001: writeAtomic creates, and replaces with OVERWRITE")
    void writeAtomicCreatesAndReplaces() {
        store.writeAtomic("a/atomic.bin", content(MIB, 1));
        assertThat(store.readBytes("a/atomic.bin")).isEqualTo(content(MIB, 1));
        store.writeAtomic("a/atomic.bin", new ByteArrayInputStream(utf8("v2")), WriteOption.OVERWRITE);
        assertThat(store.readBytes("a/atomic.bin")).isEqualTo(utf8("v2"));
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("ATOMIC-002: writeAtomic without OVERWRITE on an existing file is AlreadyExistsException")
    void writeAtomicWithoutOverwrite() {
        store.writeAtomic("f.bin", utf8("old"));
        assertThatThrownBy(() -> store.writeAtomic("f.bin", utf8("new"))).isInstanceOf(AlreadyExistsException.class);
        assertThat(store.readBytes("f.bin")).isEqualTo(utf8("old"));
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("ATOMIC-003: a failed writeAtomic leaves the old content and no stray entry")
    void failedAtomicWriteLeavesNothing() {
        store.writeAtomic("keep.bin", utf8("old"));
        Throwable thrown =
                catchThrowable(() -> store.writeAtomic("keep.bin", new FailingInput(2L * MIB), WriteOption.OVERWRITE));
        assertThat(thrown).isInstanceOf(RemoteStoreException.class);
        assertThat(causedByIo(thrown)).isTrue();
        assertThatThrownBy(() -> store.writeAtomic("fresh/new.bin", new FailingInput(10)))
                .isInstanceOf(RemoteStoreException.class);
        assertThat(store.readBytes("keep.bin")).isEqualTo(utf8("old"));
        assertThat(store.exists("fresh")).isFalse();
        if (can(LIST) && can(RECURSIVE_LIST)) {
            assertThat(allFiles()).containsExactly("keep.bin");
        }
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("ATOMIC-004: openAtomic ... commit() publishes everything written")
    void openAtomicCommit() throws IOException {
        byte[] data = content(3 * MIB + 17, 4);
        try (AtomicOutput out = store.openAtomic("out/big.bin")) {
            for (int off = 0; off < data.length; off += 100_000) {
                out.write(data, off, Math.min(100_000, data.length - off));
            }
            out.write(7);
            out.commit();
            assertThat(out.isCommitted()).isTrue();
        }
        byte[] expected = Arrays.copyOf(data, data.length + 1);
        expected[data.length] = 7;
        assertThat(store.readBytes("out/big.bin")).isEqualTo(expected);
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("ATOMIC-005: content of an open atomic output is invisible before commit()")
    void openAtomicInvisibleBeforeCommit() throws IOException {
        try (AtomicOutput out = store.openAtomic("pending.bin")) {
            out.write(content(1000, 1));
            assertThat(store.exists("pending.bin")).isFalse();
            assertThatThrownBy(() -> store.readBytes("pending.bin")).isInstanceOf(NotFoundException.class);
            out.commit();
        }
        assertThat(store.exists("pending.bin")).isTrue();
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("ATOMIC-006: closing an atomic output without commit() leaves nothing behind")
    void openAtomicDiscard() throws IOException {
        seed("existing.bin", utf8("keep"));
        try (AtomicOutput out = store.openAtomic("gone/discarded.bin")) {
            out.write(content(2 * MIB, 2));
        }
        try (AtomicOutput out = store.openAtomic("existing.bin", WriteOption.OVERWRITE)) {
            out.write(utf8("replacement"));
        }
        assertThat(store.exists("gone/discarded.bin")).isFalse();
        assertThat(store.exists("gone")).isFalse();
        assertThat(store.readBytes("existing.bin")).isEqualTo(utf8("keep"));
        if (can(LIST) && can(RECURSIVE_LIST)) {
            assertThat(allFiles()).containsExactly("existing.bin");
        }
        AtomicOutput closed = store.openAtomic("late.bin");
        closed.close();
        assertThatThrownBy(closed::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closed.write(1)).isInstanceOf(IOException.class);
        assertThat(store.exists("late.bin")).isFalse();
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("ATOMIC-007: openAtomic without OVERWRITE on an existing file fails; the old content stays")
    void openAtomicWithoutOverwrite() {
        seed("taken.bin", utf8("old"));
        Throwable thrown = catchThrowable(() -> {
            try (AtomicOutput out = store.openAtomic("taken.bin")) {
                out.write(utf8("new"));
                out.commit();
            }
        });
        assertThat(thrown).isInstanceOf(AlreadyExistsException.class);
        assertThat(store.readBytes("taken.bin")).isEqualTo(utf8("old"));
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("ATOMIC-007: a target created while an atomic output is open makes commit() fail")
    void openAtomicRaceOnCommit() throws IOException {
        try (AtomicOutput out = store.openAtomic("race.bin")) {
            out.write(utf8("late"));
            store.write("race.bin", utf8("first"));
            assertThatThrownBy(out::commit).isInstanceOf(AlreadyExistsException.class);
        }
        assertThat(store.readBytes("race.bin")).isEqualTo(utf8("first"));
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("ATOMIC-008: readers concurrent with atomic overwrites only see complete versions")
    void readersNeverSeePartialAtomicWrites() throws Exception {
        int size = MIB;
        byte[] initial = new byte[size];
        store.writeAtomic("hot.bin", initial);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int v = 1; v <= 12; v++) {
                    byte[] version = new byte[size];
                    Arrays.fill(version, (byte) v);
                    store.writeAtomic("hot.bin", version, WriteOption.OVERWRITE);
                }
                done.set(true);
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((!done.get() || reads.get() < 3) && System.nanoTime() < deadline) {
                    byte[] seen = store.readBytes("hot.bin");
                    assertThat(seen.length).isEqualTo(size);
                    byte first = seen[0];
                    for (byte b : seen) {
                        if (b != first) {
                            throw new AssertionError("a read saw a mix of versions " + first + " and " + b);
                        }
                    }
                    reads.incrementAndGet();
                }
                return null;
            });
            writer.get(120, TimeUnit.SECONDS);
            reader.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(reads.get()).isGreaterThanOrEqualTo(3);
        assertThat(store.readBytes("hot.bin")).containsOnly((byte) 12);
    }

    // ==== DELETE ==========================================================================================

    @Test
    @RequiresCapability({WRITE, DELETE})
    @DisplayName("DELETE-001: delete removes a file")
    void deleteRemoves() {
        seed("d/x.txt", utf8("x"));
        seed("d/y.txt", utf8("y"));
        store.delete("d/x.txt");
        assertThat(store.exists("d/x.txt")).isFalse();
        assertThat(store.exists("d/y.txt")).isTrue();
    }

    @Test
    @RequiresCapability(DELETE)
    @DisplayName("DELETE-002: delete of a missing file is NotFoundException naming it")
    void deleteMissing() {
        Throwable thrown = catchThrowable(() -> store.delete("ghost.txt"));
        assertThat(thrown).isInstanceOf(NotFoundException.class);
        assertThat(((NotFoundException) thrown).path()).isEqualTo("ghost.txt");
    }

    @Test
    @RequiresCapability({WRITE, DELETE})
    @DisplayName("DELETE-003: deleteIfExists tells whether a file was deleted")
    void deleteIfExists() {
        seed("x.txt", utf8("x"));
        assertThat(store.deleteIfExists("x.txt")).isTrue();
        assertThat(store.deleteIfExists("x.txt")).isFalse();
        assertThat(store.deleteIfExists("never/was.txt")).isFalse();
    }

    @Test
    @RequiresCapability({WRITE, DELETE, READ})
    @DisplayName("DELETE-004: delete of a folder is InvalidPathException; nothing is deleted")
    void deleteAFolderAsFile() {
        seed("dir/x.txt", utf8("x"));
        assertThatThrownBy(() -> store.delete("dir")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.deleteIfExists("dir")).isInstanceOf(InvalidPathException.class);
        assertThat(store.readBytes("dir/x.txt")).isEqualTo(utf8("x"));
    }

    @Test
    @RequiresCapability({WRITE, DELETE})
    @DisplayName("DELETE-005: deleteFolder of a non-empty folder without RECURSIVE is FolderNotEmptyException")
    void deleteFolderNotEmpty() {
        seed("full/a.txt", utf8("a"));
        seed("full/sub/b.txt", utf8("b"));
        Throwable thrown = catchThrowable(() -> store.deleteFolder("full"));
        assertThat(thrown).isInstanceOf(FolderNotEmptyException.class);
        assertThat(((FolderNotEmptyException) thrown).path()).isEqualTo("full");
        assertThat(store.exists("full/a.txt")).isTrue();
        assertThat(store.exists("full/sub/b.txt")).isTrue();
    }

    @Test
    @RequiresCapability({WRITE, DELETE, LIST, RECURSIVE_LIST})
    @DisplayName("DELETE-006: deleteFolder RECURSIVE removes everything below and nothing beside it")
    void deleteFolderRecursive() {
        for (String k : List.of("a/x", "a/sub/y", "a/sub/deeper/z", "ab/x", "a_/x", "a%/x", "a.b/x", "a0", "top")) {
            seed(k, utf8(k));
        }
        store.deleteFolder("a", DeleteOption.RECURSIVE);
        assertThat(allFiles()).containsExactlyInAnyOrder("ab/x", "a_/x", "a%/x", "a.b/x", "a0", "top");
        assertThat(store.exists("a")).isFalse();
    }

    @Test
    @RequiresCapability(DELETE)
    @DisplayName("DELETE-007: deleteFolder of a missing folder is NotFoundException")
    void deleteFolderMissing() {
        assertThatThrownBy(() -> store.deleteFolder("nowhere")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.deleteFolder("nowhere", DeleteOption.RECURSIVE))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    @RequiresCapability({WRITE, DELETE})
    @DisplayName("DELETE-008: deleteFolder of the root is InvalidPathException, in every spelling")
    void deleteFolderRoot() {
        seed("keep.txt", utf8("k"));
        for (String root : ROOT_SPELLINGS) {
            assertThatThrownBy(() -> store.deleteFolder(root, DeleteOption.RECURSIVE))
                    .isInstanceOf(InvalidPathException.class);
        }
        assertThat(store.exists("keep.txt")).isTrue();
    }

    @Test
    @RequiresCapability({WRITE, DELETE, LIST})
    @DisplayName("DELETE-009: once the last file below a folder is gone, the folder is gone")
    void foldersAreImplicit() {
        seed("p/q/only.txt", utf8("x"));
        seed("p/other.txt", utf8("y"));
        store.delete("p/q/only.txt");
        assertThat(store.isFolder("p/q")).isFalse();
        assertThat(store.exists("p/q")).isFalse();
        assertThat(store.listFolders("p").toList()).isEmpty();
        assertThat(store.isFolder("p")).isTrue();
        store.delete("p/other.txt");
        assertThat(store.exists("p")).isFalse();
        assertThat(store.listFolders("").toList()).isEmpty();
    }

    @Test
    @RequiresCapability({WRITE, DELETE, READ})
    @DisplayName("DELETE-010: deleteIfMatches deletes only the version whose digest it names")
    void deleteIfMatchesComparesContent() {
        seed("cas/x.txt", utf8("first"));
        assertThat(store.deleteIfMatches("cas/x.txt", sha256(utf8("other")))).isFalse();
        assertThat(store.readBytes("cas/x.txt")).isEqualTo(utf8("first"));
        assertThat(store.deleteIfMatches("cas/x.txt", sha256(utf8("first")))).isTrue();
        assertThat(store.exists("cas/x.txt")).isFalse();
        assertThat(store.deleteIfMatches("cas/x.txt", sha256(utf8("first")))).isFalse();
        seed("cas/dir/y.txt", utf8("y"));
        assertThatThrownBy(() -> store.deleteIfMatches("cas/dir", sha256(utf8("y"))))
                .isInstanceOf(InvalidPathException.class);
        assertThat(store.exists("cas/dir/y.txt")).isTrue();
    }

    @Test
    @RequiresCapability({WRITE, DELETE, READ})
    @DisplayName("DELETE-010: a version written after the digest was taken survives deleteIfMatches")
    void deleteIfMatchesKeepsANewerVersion() throws Exception {
        for (int round = 0; round < 30; round++) {
            String key = "cas/race-" + round;
            byte[] old = utf8("old-" + round);
            byte[] newer = utf8("new-" + round);
            seed(key, old);
            List<Object> outcomes = race(() -> store.deleteIfMatches(key, sha256(old)), () -> {
                store.write(key, newer, WriteOption.OVERWRITE);
                return "written";
            });
            // Delete first: the write then re-creates the key. Write first: the delete sees another digest.
            // Either way the acknowledged new version is what remains.
            assertThat(outcomes).contains("written");
            assertThat(store.exists(key))
                    .as("round %d: the acknowledged write was deleted", round)
                    .isTrue();
            assertThat(store.readBytes(key)).as("round %d", round).isEqualTo(newer);
        }
    }

    // ==== LIST ============================================================================================

    private void seedTree() {
        for (String k : List.of("root.txt", "d/a.txt", "d/b.txt", "d/sub/c.txt", "d/sub/deep/e.txt", "d2/f.txt")) {
            seed(k, utf8(k));
        }
    }

    @Test
    @RequiresCapability(
            value = {LIST},
            seeds = true)
    @DisplayName("LIST-001: listFiles yields the files directly in the folder")
    void listDirectFiles() {
        seedTree();
        assertThat(paths(store.listFiles("d"))).containsExactly("d/a.txt", "d/b.txt");
        assertThat(paths(store.listFiles("d/sub"))).containsExactly("d/sub/c.txt");
    }

    @Test
    @RequiresCapability(
            value = {LIST, RECURSIVE_LIST},
            seeds = true)
    @DisplayName("LIST-002: RECURSIVE yields every file below the folder")
    void listRecursive() {
        seedTree();
        assertThat(paths(store.listFiles("d", ListOption.RECURSIVE)))
                .containsExactly("d/a.txt", "d/b.txt", "d/sub/c.txt", "d/sub/deep/e.txt");
    }

    @Test
    @RequiresCapability(
            value = {LIST, RECURSIVE_LIST},
            seeds = true)
    @DisplayName("LIST-003: listing 'a' never yields files of 'ab', 'a_', 'a%' or 'a.b'")
    void listPrefixIsolation() {
        for (String k : List.of("a/x", "ab/x", "a_/x", "a%/x", "a.b/x", "a-/x", "a", "b/a/x")) {
            if (!k.equals("a")) {
                seed(k, utf8(k));
            }
        }
        assertThat(paths(store.listFiles("a", ListOption.RECURSIVE))).containsExactly("a/x");
        assertThat(paths(store.listFiles("a"))).containsExactly("a/x");
        assertThat(paths(store.listFiles("a_", ListOption.RECURSIVE))).containsExactly("a_/x");
        assertThat(paths(store.listFiles("a%", ListOption.RECURSIVE))).containsExactly("a%/x");
    }

    @Test
    @RequiresCapability(
            value = {LIST},
            seeds = true)
    @DisplayName("LIST-004: listFolders yields each immediate sub-folder name once")
    void listFolders() {
        seedTree();
        seed("d/sub2/x.txt", utf8("x"));
        assertThat(store.listFolders("").toList()).containsExactly("d", "d2");
        assertThat(store.listFolders("d").toList()).containsExactly("sub", "sub2");
        assertThat(store.listFolders("d/sub/deep").toList()).isEmpty();
    }

    @Test
    @RequiresCapability(
            value = {LIST},
            seeds = true)
    @DisplayName("LIST-005: listing a missing folder or a file yields nothing")
    void listMissingOrFile() {
        seedTree();
        assertThat(paths(store.listFiles("nope"))).isEmpty();
        assertThat(paths(store.listFiles("root.txt"))).isEmpty();
        assertThat(store.listFolders("nope").toList()).isEmpty();
        assertThat(store.listFolders("root.txt").toList()).isEmpty();
    }

    @Test
    @RequiresCapability(
            value = {LIST, RECURSIVE_LIST},
            seeds = true)
    @DisplayName("LIST-006: listings are in key order (code points, i.e. UTF-8 bytes)")
    void listOrder() {
        List<String> keys = List.of("b", "a/z", "a.txt", "a/b", "A", "a-b", "é", "z", "a0", "a/c/d", "_x", "%y");
        for (String k : keys) {
            seed(k, utf8(k));
        }
        List<String> expected = new ArrayList<>(keys);
        expected.sort(RemotePath::compareKeys);
        assertThat(allFiles()).containsExactlyElementsOf(expected);
        List<String> folders = store.listFolders("").toList();
        assertThat(folders).containsExactly("a");
    }

    @Test
    @RequiresCapability(
            value = {READ, LIST, RECURSIVE_LIST},
            seeds = true)
    @DisplayName("LIST-007: listed paths are store-relative and usable; infos carry name and size")
    void listedInfos() {
        seed("docs/report.csv", content(321, 1));
        List<FileInfo> infos;
        try (Stream<FileInfo> s = store.listFiles("docs", ListOption.RECURSIVE)) {
            infos = s.toList();
        }
        assertThat(infos).hasSize(1);
        FileInfo info = infos.get(0);
        assertThat(info.path()).isEqualTo("docs/report.csv");
        assertThat(info.name()).isEqualTo("report.csv");
        assertSize(info, 321);
        assertThat(store.readBytes(info.path())).isEqualTo(content(321, 1));
    }

    @Test
    @RequiresCapability(
            value = {LIST},
            seeds = true)
    @DisplayName("LIST-008: '' lists the store root")
    void listRoot() {
        seedTree();
        assertThat(paths(store.listFiles(""))).containsExactly("root.txt");
        assertThat(paths(store.listFiles("/"))).containsExactly("root.txt");
    }

    @Test
    @RequiresCapability(
            value = {LIST, RECURSIVE_LIST},
            seeds = true)
    @DisplayName("LIST-002: a listing of many files is complete and in order")
    void listManyFiles() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            keys.add(String.format("many/%04d/f", i % 37) + i);
        }
        for (String k : keys) {
            seed(k, new byte[0]);
        }
        keys.sort(RemotePath::compareKeys);
        assertThat(paths(store.listFiles("many", ListOption.RECURSIVE))).containsExactlyElementsOf(keys);
        assertThat(store.listFolders("many").toList()).hasSize(37);
    }

    // ==== GLOB ============================================================================================

    private void seedGlobTree() {
        for (String k : List.of(
                "a.csv", "b.txt", "d/x.csv", "d/y.txt", "d/e/z.csv", "d/e/f/w.csv", "ab.csv", "a_1.csv", "axcsv")) {
            seed(k, utf8(k));
        }
    }

    @Test
    @RequiresCapability(
            value = {GLOB},
            seeds = true)
    @DisplayName("GLOB-001: '*' matches within one segment only; an empty pattern is invalid")
    void globStar() {
        seedGlobTree();
        assertThat(paths(store.glob("*.csv"))).containsExactlyInAnyOrder("a.csv", "ab.csv", "a_1.csv");
        assertThat(paths(store.glob("d/*.csv"))).containsExactly("d/x.csv");
        assertThat(paths(store.glob("*/*.csv"))).containsExactly("d/x.csv");
        assertThatThrownBy(() -> store.glob("")).isInstanceOf(InvalidPathException.class);
    }

    @Test
    @RequiresCapability(
            value = {GLOB},
            seeds = true)
    @DisplayName("GLOB-002: '**' matches any number of segments, including none")
    void globDoubleStar() {
        seedGlobTree();
        assertThat(paths(store.glob("**/*.csv")))
                .containsExactlyInAnyOrder("a.csv", "ab.csv", "a_1.csv", "d/x.csv", "d/e/z.csv", "d/e/f/w.csv");
        assertThat(paths(store.glob("d/**/*.csv"))).containsExactlyInAnyOrder("d/x.csv", "d/e/z.csv", "d/e/f/w.csv");
        assertThat(paths(store.glob("d/**")))
                .containsExactlyInAnyOrder("d/x.csv", "d/y.txt", "d/e/z.csv", "d/e/f/w.csv");
    }

    @Test
    @RequiresCapability(
            value = {GLOB},
            seeds = true)
    @DisplayName("GLOB-003: '?' matches exactly one character other than '/'")
    void globQuestionMark() {
        seedGlobTree();
        assertThat(paths(store.glob("?.csv"))).containsExactly("a.csv");
        assertThat(paths(store.glob("??.csv"))).containsExactly("ab.csv");
        assertThat(paths(store.glob("d?x.csv"))).isEmpty();
    }

    @Test
    @RequiresCapability(
            value = {GLOB},
            seeds = true)
    @DisplayName("GLOB-004: '[ab]' and '[!ab]' match one character of, or not of, a set")
    void globCharacterClass() {
        seedGlobTree();
        assertThat(paths(store.glob("[ab].*"))).containsExactlyInAnyOrder("a.csv", "b.txt");
        assertThat(paths(store.glob("[!a].*"))).containsExactly("b.txt");
    }

    @Test
    @RequiresCapability(
            value = {GLOB},
            seeds = true)
    @DisplayName("GLOB-005: '_', '%' and '.' are literal characters, not wildcards")
    void globLiterals() {
        seedGlobTree();
        seed("a%b.csv", utf8("p"));
        assertThat(paths(store.glob("a_*"))).containsExactly("a_1.csv");
        assertThat(paths(store.glob("a%*"))).containsExactly("a%b.csv");
        assertThat(paths(store.glob("a.csv"))).containsExactly("a.csv");
        assertThat(paths(store.glob("a?csv"))).containsExactlyInAnyOrder("axcsv", "a.csv");
    }

    @Test
    @RequiresCapability(
            value = {GLOB},
            seeds = true)
    @DisplayName("GLOB-006: glob yields only files with store-relative paths; no match yields nothing")
    void globFilesOnly() {
        seedGlobTree();
        assertThat(paths(store.glob("d"))).isEmpty();
        assertThat(paths(store.glob("*"))).doesNotContain("d");
        assertThat(paths(store.glob("nothing/**/*.x"))).isEmpty();
        assertThat(paths(store.glob("**/z.csv"))).containsExactly("d/e/z.csv");
    }

    @Test
    @RequiresCapability(
            value = {GLOB},
            seeds = true)
    @DisplayName("GLOB-007: a pathological pattern over a long key answers promptly and correctly")
    void globPathologicalPatternIsPrompt() {
        String key = "a".repeat(60);
        seed(key, utf8("a"));
        seed(key + "b", utf8("b"));
        seed("d/" + key + "b", utf8("c"));
        // a backtracking matcher needs minutes for the non-matching key (exponential in the number of '*a')
        String stars = "*a".repeat(10);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(paths(store.glob(stars + "*b"))).containsExactly(key + "b");
            assertThat(paths(store.glob(stars + "*"))).containsExactlyInAnyOrder(key, key + "b");
            assertThat(paths(store.glob("**/" + stars + "*b"))).containsExactlyInAnyOrder(key + "b", "d/" + key + "b");
            assertThat(paths(store.glob(stars + "*c"))).isEmpty();
        });
    }

    @Test
    @DisplayName("GLOB-008: a reversed range in a class is InvalidPathException naming the pattern and the rule")
    void globReversedRangeIsInvalid() {
        for (String pattern : List.of("[z-a]", "d/[9-0].csv", "**/[!b-a]*")) {
            Throwable thrown = catchThrowable(() -> store.glob(pattern).close());
            assertThat(thrown)
                    .as(pattern)
                    .isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining("GLOB-008");
            assertThat(((InvalidPathException) thrown).path()).isEqualTo(pattern);
        }
    }

    @Test
    @RequiresCapability(
            value = {GLOB},
            seeds = true)
    @DisplayName("GLOB-008: '?' and classes match code points, supplementary characters included")
    void globClassesMatchCodePoints() {
        for (String k : List.of("\uD83D\uDE00.txt", "\uD83D\uDE01.txt", "\uD83D\uDE03.txt", "x.txt")) {
            seed(k, utf8(k));
        }
        assertThat(paths(store.glob("[\uD83D\uDE00].txt"))).containsExactly("\uD83D\uDE00.txt");
        assertThat(paths(store.glob("[\uD83D\uDE00-\uD83D\uDE02].txt")))
                .containsExactlyInAnyOrder("\uD83D\uDE00.txt", "\uD83D\uDE01.txt");
        assertThat(paths(store.glob("[!\uD83D\uDE00].txt")))
                .containsExactlyInAnyOrder("\uD83D\uDE01.txt", "\uD83D\uDE03.txt", "x.txt");
        assertThat(paths(store.glob("?.txt"))).hasSize(4);
    }

    // ==== META ============================================================================================

    @Test
    @RequiresCapability(
            value = {METADATA},
            seeds = true)
    @DisplayName("META-001: getFileInfo reports path, name, size, and the write time when kept")
    void fileInfo() {
        Instant before = Instant.now().minusSeconds(2);
        seed("info/data.bin", content(1234, 3));
        Instant after = Instant.now().plusSeconds(2);
        FileInfo info = store.getFileInfo("info/data.bin");
        assertThat(info.path()).isEqualTo("info/data.bin");
        assertThat(info.name()).isEqualTo("data.bin");
        assertSize(info, 1234);
        if (keepsModifiedAt()) {
            assertThat(info.modifiedAt()).isPresent();
            assertThat(info.modifiedAt().get()).isBetween(before, after);
        }
    }

    @Test
    @RequiresCapability(
            value = {METADATA},
            seeds = true)
    @DisplayName("META-002: getFileInfo of a missing file is NotFoundException, of a folder InvalidPathException")
    void fileInfoErrors() {
        seed("f/x.txt", utf8("x"));
        assertThatThrownBy(() -> store.getFileInfo("f/missing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.getFileInfo("f")).isInstanceOf(InvalidPathException.class);
    }

    @Test
    @RequiresCapability(
            value = {METADATA},
            seeds = true)
    @DisplayName("META-003: getFolderInfo counts files and sums sizes at every depth")
    void folderInfo() {
        seed("agg/a", new byte[10]);
        seed("agg/b/c", new byte[20]);
        seed("agg/b/d/e", new byte[30]);
        seed("aggregate/x", new byte[1000]);
        FolderInfo info = store.getFolderInfo("agg");
        assertThat(info.path()).isEqualTo("agg");
        assertThat(info.fileCount()).isEqualTo(3);
        assertThat(info.totalSize()).isEqualTo(knowsSizes() ? 60 : 0);
        assertThat(store.getFolderInfo("agg/b").fileCount()).isEqualTo(2);
        if (keepsModifiedAt()) {
            assertThat(info.modifiedAt()).isPresent();
        }
    }

    @Test
    @RequiresCapability(METADATA)
    @DisplayName("META-004: getFolderInfo of a missing folder is NotFoundException; the empty root answers")
    void folderInfoMissing() {
        assertThatThrownBy(() -> store.getFolderInfo("missing")).isInstanceOf(NotFoundException.class);
        FolderInfo root = store.getFolderInfo("");
        assertThat(root.fileCount()).isZero();
        assertThat(root.totalSize()).isZero();
    }

    @Test
    @RequiresCapability(
            value = {METADATA},
            seeds = true)
    @DisplayName("META-005: a reported digest is the lower-case hex SHA-256 of the content")
    void digest() {
        byte[] data = content(70_000, 9);
        seed("dig.bin", data);
        FileInfo info = store.getFileInfo("dig.bin");
        if (keepsDigest()) {
            assertThat(info.digest()).hasValue(sha256(data));
        }
        info.digest().ifPresent(d -> assertThat(d).isEqualTo(sha256(data)));
    }

    @Test
    @RequiresCapability(
            value = {},
            seeds = true)
    @DisplayName("META-006: exists/isFile/isFolder answer for files, folders, missing paths and paths below files")
    void existenceTruthTable() {
        seed("t/file.txt", utf8("x"));
        assertThat(store.exists("t/file.txt")).isTrue();
        assertThat(store.isFile("t/file.txt")).isTrue();
        assertThat(store.isFolder("t/file.txt")).isFalse();
        assertThat(store.exists("t")).isTrue();
        assertThat(store.isFile("t")).isFalse();
        assertThat(store.isFolder("t")).isTrue();
        assertThat(store.exists("t/none")).isFalse();
        assertThat(store.isFile("t/none")).isFalse();
        assertThat(store.isFolder("t/none")).isFalse();
        assertThat(store.exists("t/file.txt/below")).isFalse();
        assertThat(store.isFile("t/file.txt/below")).isFalse();
        assertThat(store.isFolder("t/file.txt/below")).isFalse();
        assertThat(store.exists("t/fil")).isFalse();
    }

    // ==== MOVE / COPY =====================================================================================

    @Test
    @RequiresCapability({WRITE, MOVE, READ})
    @DisplayName("MOVE-001: move puts the content at the target and removes the source")
    void move() {
        seed("m/src.bin", content(5000, 1));
        store.move("m/src.bin", "n/deep/dst.bin");
        assertThat(store.exists("m/src.bin")).isFalse();
        assertThat(store.readBytes("n/deep/dst.bin")).isEqualTo(content(5000, 1));
    }

    @Test
    @RequiresCapability(MOVE)
    @DisplayName("MOVE-002: move of a missing source is NotFoundException")
    void moveMissing() {
        assertThatThrownBy(() -> store.move("ghost", "dst")).isInstanceOf(NotFoundException.class);
        assertThat(store.exists("dst")).isFalse();
    }

    @Test
    @RequiresCapability({WRITE, MOVE, READ})
    @DisplayName("MOVE-003: move onto an existing target without OVERWRITE fails; both stay")
    void moveWithoutOverwrite() {
        seed("s", utf8("s"));
        seed("t", utf8("t"));
        assertThatThrownBy(() -> store.move("s", "t")).isInstanceOf(AlreadyExistsException.class);
        assertThat(store.readBytes("s")).isEqualTo(utf8("s"));
        assertThat(store.readBytes("t")).isEqualTo(utf8("t"));
    }

    @Test
    @RequiresCapability({WRITE, MOVE, READ})
    @DisplayName("MOVE-004: move with OVERWRITE replaces the target")
    void moveWithOverwrite() {
        seed("s", utf8("s"));
        seed("t", utf8("t"));
        store.move("s", "t", WriteOption.OVERWRITE);
        assertThat(store.exists("s")).isFalse();
        assertThat(store.readBytes("t")).isEqualTo(utf8("s"));
    }

    @Test
    @RequiresCapability({WRITE, MOVE, COPY, READ})
    @DisplayName("MOVE-005: move or copy of a file onto itself does nothing; a missing source still fails")
    void samePath() {
        seed("same.txt", utf8("same"));
        store.move("same.txt", "./same.txt");
        store.copy("same.txt", "same.txt");
        assertThat(store.readBytes("same.txt")).isEqualTo(utf8("same"));
        assertThatThrownBy(() -> store.move("absent.txt", "absent.txt")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.copy("absent.txt", "absent.txt")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @RequiresCapability({WRITE, MOVE, READ})
    @DisplayName("MOVE-001: move into a folder or below a file is refused; the source stays")
    void moveOntoFolderOrBelowFile() {
        seed("src.txt", utf8("s"));
        seed("dir/x.txt", utf8("x"));
        assertThatThrownBy(() -> store.move("src.txt", "dir", WriteOption.OVERWRITE))
                .isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.move("src.txt", "dir/x.txt/y")).isInstanceOf(InvalidPathException.class);
        assertThat(store.readBytes("src.txt")).isEqualTo(utf8("s"));
    }

    @Test
    @RequiresCapability({WRITE, COPY, READ})
    @DisplayName("COPY-001: copy puts the content at the target and keeps the source")
    void copy() {
        seed("c/src.bin", content(3 * MIB, 2));
        store.copy("c/src.bin", "c2/dst.bin");
        assertThat(store.readBytes("c/src.bin")).isEqualTo(content(3 * MIB, 2));
        assertThat(store.readBytes("c2/dst.bin")).isEqualTo(content(3 * MIB, 2));
        assertThat(store.isFolder("c2")).isTrue();
    }

    @Test
    @RequiresCapability(COPY)
    @DisplayName("COPY-002: copy of a missing source is NotFoundException")
    void copyMissing() {
        assertThatThrownBy(() -> store.copy("ghost", "dst")).isInstanceOf(NotFoundException.class);
        assertThat(store.exists("dst")).isFalse();
    }

    @Test
    @RequiresCapability({WRITE, COPY, READ})
    @DisplayName("COPY-003: copy onto an existing target without OVERWRITE fails; with it, replaces")
    void copyOverwrite() {
        seed("s", utf8("s"));
        seed("t", utf8("t"));
        assertThatThrownBy(() -> store.copy("s", "t")).isInstanceOf(AlreadyExistsException.class);
        assertThat(store.readBytes("t")).isEqualTo(utf8("t"));
        store.copy("s", "t", WriteOption.OVERWRITE);
        assertThat(store.readBytes("t")).isEqualTo(utf8("s"));
        assertThat(store.readBytes("s")).isEqualTo(utf8("s"));
    }

    // ==== KEY =============================================================================================

    static Stream<String> specialKeys() {
        return Stream.of(
                "with space/file name.txt",
                "percent%/100%.txt",
                "under_score/a_b.txt",
                "quote'single/it's.txt",
                "quote\"double/say \"hi\".txt",
                "users;DROP TABLE users.csv",
                "sql/'; DELETE FROM remote_store_objects; --.txt",
                "--comment/x",
                "Grüße/Ærø.txt",
                "日本/データ.bin",
                "📦/🚀.bin",
                "tab\tand~tilde/x!@#$^&()+=.txt");
    }

    @ParameterizedTest
    @MethodSource("specialKeys")
    @RequiresCapability({WRITE, READ, METADATA, LIST, RECURSIVE_LIST, GLOB})
    @DisplayName("KEY-001: keys with special characters are stored, read, listed and described like others")
    void specialKeysWork(String key) {
        byte[] data = utf8("content of " + key);
        store.write(key, data);
        seed("neighbour.txt", utf8("n"));
        assertThat(store.readBytes(key)).isEqualTo(data);
        assertThat(store.exists(key)).isTrue();
        assertThat(store.isFile(key)).isTrue();
        FileInfo info = store.getFileInfo(key);
        assertThat(info.path()).isEqualTo(key);
        assertSize(info, data.length);
        assertThat(allFiles()).containsExactlyInAnyOrder(key, "neighbour.txt");
        RemotePath p = RemotePath.of(key);
        String folder = p.parent().orElseThrow().toString();
        assertThat(paths(store.listFiles(folder))).contains(key);
        assertThat(paths(store.glob(
                        "**/" + p.name().replace("[", "?").replace("*", "?").replace("?", "?"))))
                .contains(key);
        store.delete(key);
        assertThat(store.exists(key)).isFalse();
        assertThat(allFiles()).containsExactly("neighbour.txt");
    }

    @Test
    @RequiresCapability({WRITE, METADATA, GLOB, DELETE, LIST, RECURSIVE_LIST})
    @DisplayName("KEY-002: keys sharing a prefix never interfere in globbing, folder info or deletion")
    void prefixIsolationEverywhere() {
        for (String k : List.of("a/1", "ab/1", "a_/1", "a%/1", "a.b/1", "a0/1")) {
            seed(k, new byte[7]);
        }
        assertThat(paths(store.glob("a/*"))).containsExactly("a/1");
        assertThat(paths(store.glob("a_/*"))).containsExactly("a_/1");
        assertThat(store.getFolderInfo("a").fileCount()).isEqualTo(1);
        assertThat(store.getFolderInfo("a%").fileCount()).isEqualTo(1);
        store.deleteFolder("a_", DeleteOption.RECURSIVE);
        assertThat(allFiles()).containsExactlyInAnyOrder("a/1", "ab/1", "a%/1", "a.b/1", "a0/1");
        store.deleteFolder("a", DeleteOption.RECURSIVE);
        assertThat(allFiles()).containsExactlyInAnyOrder("ab/1", "a%/1", "a.b/1", "a0/1");
    }

    // ==== CONC ============================================================================================

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("CONC-001: of 8 concurrent creators of one key exactly one wins; the others get AlreadyExists")
    void exactlyOneCreatorWins() throws Exception {
        AtomicInteger ids = new AtomicInteger();
        List<Object> outcomes = runTogether(8, () -> {
            int id = ids.incrementAndGet();
            try {
                store.write("contested.txt", utf8("writer-" + id));
                return id;
            } catch (AlreadyExistsException e) {
                return e;
            }
        });
        List<Integer> winners = outcomes.stream()
                .filter(o -> o instanceof Integer)
                .map(o -> (Integer) o)
                .toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes.stream().filter(o -> o instanceof AlreadyExistsException))
                .hasSize(7);
        assertThat(store.readBytes("contested.txt")).isEqualTo(utf8("writer-" + winners.get(0)));
    }

    @Test
    @RequiresCapability({ATOMIC_WRITE, READ})
    @DisplayName("CONC-002: concurrent atomic overwrites of one key leave one complete version")
    void concurrentOverwritesLeaveOneVersion() throws Exception {
        AtomicInteger ids = new AtomicInteger();
        runTogether(6, () -> {
            byte[] version = new byte[256 * 1024];
            Arrays.fill(version, (byte) ids.incrementAndGet());
            store.writeAtomic("shared.bin", version, WriteOption.OVERWRITE);
            return null;
        });
        byte[] result = store.readBytes("shared.bin");
        assertThat(result).hasSize(256 * 1024);
        assertThat(result).containsOnly(result[0]);
        assertThat((int) result[0]).isBetween(1, 6);
    }

    @Test
    @RequiresCapability({WRITE, READ, LIST, RECURSIVE_LIST})
    @DisplayName("CONC-003: concurrent writes of distinct keys all succeed")
    void concurrentDistinctWrites() throws Exception {
        AtomicInteger ids = new AtomicInteger();
        runTogether(8, () -> {
            int id = ids.incrementAndGet();
            for (int i = 0; i < 10; i++) {
                store.write("par/" + id + "/" + i, utf8(id + ":" + i));
            }
            return null;
        });
        assertThat(paths(store.listFiles("par", ListOption.RECURSIVE))).hasSize(80);
        assertThat(store.readBytes("par/3/7")).isEqualTo(utf8("3:7"));
    }

    /** Rounds of each race test: enough to have caught every lost write measured before the rules held. */
    private static final int RACE_ROUNDS = 200;

    /** Runs {@code a} and {@code b} at once; returns their results, in that order, or the RemoteStoreException each threw. */
    private static List<Object> race(Callable<Object> a, Callable<Object> b) throws Exception {
        return runAll(List.of(failureAsResult(a), failureAsResult(b)));
    }

    private static Callable<Object> failureAsResult(Callable<Object> task) {
        return () -> {
            try {
                return task.call();
            } catch (RemoteStoreException e) {
                return e;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"move", "copy"})
    @RequiresCapability({WRITE, READ, MOVE, COPY})
    @DisplayName("CONC-004: a move or copy without OVERWRITE racing a creating write of its target: exactly one fails")
    void createOnlyMoveAndCopyNeverReplaceAConcurrentWrite(String operation) throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            String source = "race/src-" + round;
            String target = "race/dst-" + round;
            byte[] moved = utf8("moved-" + round);
            byte[] written = utf8("written-" + round);
            seed(source, moved);
            List<Object> outcomes = race(
                    () -> {
                        if (operation.equals("move")) {
                            store.move(source, target);
                        } else {
                            store.copy(source, target);
                        }
                        return operation;
                    },
                    () -> {
                        store.write(target, written);
                        return "write";
                    });
            Object transfer = outcomes.get(0);
            Object write = outcomes.get(1);
            assertThat(outcomes)
                    .as("round %d: exactly one of %s and write may win", round, operation)
                    .filteredOn(o -> o instanceof AlreadyExistsException)
                    .hasSize(1);
            if (write.equals("write")) {
                assertThat(store.readBytes(target))
                        .as("round %d: the acknowledged write", round)
                        .isEqualTo(written);
                assertThat(store.readBytes(source)).isEqualTo(moved);
            } else {
                assertThat(transfer).isEqualTo(operation);
                assertThat(store.readBytes(target)).isEqualTo(moved);
            }
        }
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("CONC-005: write(\"a\") racing write(\"a/b\"): exactly one succeeds, the other is InvalidPath")
    void fileAndFolderNeverCoexistUnderRaces() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            String file = "tree/k" + round;
            String below = file + "/b";
            List<Object> outcomes = race(
                    () -> {
                        store.write(file, utf8("file"));
                        return "file";
                    },
                    () -> {
                        store.write(below, utf8("below"));
                        return "below";
                    });
            assertThat(outcomes)
                    .as("round %d: %s", round, outcomes)
                    .filteredOn(o -> o instanceof InvalidPathException)
                    .hasSize(1);
            if (outcomes.contains("file")) {
                assertThat(store.isFile(file)).isTrue();
                assertThat(store.exists(below)).isFalse();
            } else {
                assertThat(outcomes).contains("below");
                assertThat(store.isFolder(file)).isTrue();
                assertThat(store.readBytes(below)).isEqualTo(utf8("below"));
            }
        }
    }

    @Test
    @RequiresCapability({WRITE, READ, DELETE, LIST, RECURSIVE_LIST})
    @DisplayName("CONC-006: deleteFolder RECURSIVE with concurrent writers below it neither fails nor tears a file")
    void recursiveDeleteToleratesConcurrentWriters() throws Exception {
        for (int round = 0; round < 20; round++) {
            String folder = "busy" + round;
            seed(folder + "/seed/x", utf8("x"));
            AtomicBoolean deleting = new AtomicBoolean(true);
            AtomicInteger ids = new AtomicInteger();
            List<Object> outcomes = runTogether(3, () -> {
                int id = ids.getAndIncrement();
                if (id == 0) {
                    try {
                        store.deleteFolder(folder, DeleteOption.RECURSIVE);
                        return "deleted";
                    } finally {
                        deleting.set(false);
                    }
                }
                int n = 0;
                do {
                    store.write(folder + "/w" + id + "/sub/f" + n, utf8("content-" + id + "-" + n));
                    n++;
                } while (deleting.get() && n < 200);
                return "wrote";
            });
            assertThat(outcomes).containsExactlyInAnyOrder("deleted", "wrote", "wrote");
            try (Stream<FileInfo> left = store.listFiles(folder, ListOption.RECURSIVE)) {
                for (FileInfo f : left.toList()) {
                    String name = f.path().substring(folder.length() + 1);
                    String[] parts = name.split("/");
                    assertThat(store.readBytes(f.path()))
                            .as("a file that survived is whole")
                            .isEqualTo(utf8("content-" + parts[0].substring(1) + "-" + parts[2].substring(1)));
                }
            }
        }
    }

    // ==== RESOLVE / ERR ===================================================================================

    @Test
    @DisplayName("RESOLVE-001: resolve of a missing key gives a plan without reading anything")
    void resolveMissing() {
        ResolutionPlan plan = store.resolve("not/there.bin");
        assertThat(plan.kind()).isNotBlank();
        assertThat(plan.backend()).isNotBlank();
        assertThat(plan.key()).endsWith("not/there.bin");
        assertThat(store.exists("not/there.bin")).isFalse();
    }

    @Test
    @DisplayName("RESOLVE-002: resolve of an invalid path is InvalidPathException")
    void resolveInvalid() {
        assertThatThrownBy(() -> store.resolve("a/../b")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> store.resolve("a\0")).isInstanceOf(InvalidPathException.class);
    }

    @Test
    @RequiresCapability({WRITE, READ})
    @DisplayName("RESOLVE-001: a child's plan names the key as the backend sees it")
    void resolveThroughChild() {
        ResolutionPlan plan = store.child("scope").resolve("x.txt");
        assertThat(plan.key()).endsWith("scope/x.txt");
    }

    @Test
    @RequiresCapability(READ)
    @DisplayName("ERR-001: exceptions carry path() and backend() and print both")
    void exceptionsNamePathAndBackend() {
        Throwable thrown = catchThrowable(() -> store.readBytes("where/is/it.txt"));
        assertThat(thrown).isInstanceOf(NotFoundException.class);
        NotFoundException e = (NotFoundException) thrown;
        assertThat(e.path()).isEqualTo("where/is/it.txt");
        assertThat(e.backend()).isNotBlank();
        assertThat(e.toString())
                .contains("NotFoundException")
                .contains("where/is/it.txt")
                .contains(e.backend());
    }

    /** Inputs every path rule refuses, whatever the operation. */
    private static final List<String> INVALID_EVERYWHERE = List.of("a/../b", "a\0b", "x\uD800");

    private void assertRefusalNamesBackend(String name, String raw, PathOperation operation) {
        Throwable thrown = catchThrowable(() -> operation.apply(store, raw));
        assertThat(thrown).as("%s(%s)", name, raw).isInstanceOf(InvalidPathException.class);
        InvalidPathException e = (InvalidPathException) thrown;
        assertThat(e.path()).as("%s(%s)", name, raw).isEqualTo(raw);
        assertThat(e.backend()).as("%s(%s)", name, raw).isNotBlank();
        assertThat(e.getMessage()).contains(e.backend());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileOperations")
    @DisplayName("ERR-002: a path-rule refusal by a file operation carries the raw input as path() and the backend")
    void fileOperationPathRefusalsNameTheBackend(String name, PathOperation operation) {
        seedSourceIfPossible();
        for (String raw : INVALID_EVERYWHERE) {
            assertRefusalNamesBackend(name, raw, operation);
        }
        for (String root : ROOT_SPELLINGS) {
            assertRefusalNamesBackend(name, root, operation);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folderOperations")
    @DisplayName(
            "ERR-002: a path-rule refusal by a folder query, child() or resolve() carries the input and the backend")
    void folderQueryPathRefusalsNameTheBackend(String name, PathOperation operation) {
        for (String raw : INVALID_EVERYWHERE) {
            assertRefusalNamesBackend(name, raw, operation);
        }
    }

    @Test
    @DisplayName("ERR-002: an invalid glob pattern carries the pattern as path() and the backend, also through a child")
    void globPatternRefusalsNameTheBackend() {
        for (String pattern : List.of("", "a/../*", "a\0*", "x\uD800*", "[z-a]")) {
            assertRefusalNamesBackend("glob", pattern, (s, p) -> s.glob(p).close());
            assertRefusalNamesBackend(
                    "child.glob", pattern, (s, p) -> s.child("scope").glob(p).close());
        }
        assertRefusalNamesBackend(
                "child.read", "a/../b", (s, p) -> s.child("scope").read(p));
    }
}

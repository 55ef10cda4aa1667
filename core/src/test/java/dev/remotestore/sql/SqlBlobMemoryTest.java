package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peak heap of a large write and a large read through {@code Store.of(SqlBlobBackend)}, each database in a child
 * JVM with a small {@code -Xmx} and the serial collector. The child writes from a generated stream of unknown
 * length, reads back through {@link Store#read} in a streaming loop, compares SHA-256 digests (exit 2 when they
 * differ) and prints {@code RESULT <writePeakBytes> <readPeakBytes>}; the parent prints a {@code HEAP …} line for
 * the docs. Succeeding under an {@code -Xmx} below the object size is the proof of streaming.
 */
class SqlBlobMemoryTest {
    private static final long MB = 1_000_000L;
    private static final int CHILD_TIMEOUT_SECONDS = 180;

    @TempDir
    Path tmp;

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTestTables();
    }

    @Test
    @DisplayName(
            "PostgreSQL: 50 MB written and read within -Xmx40m (streams from the spool file, reads in 1 MiB chunks)")
    void postgresql() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        db.pool(); // skips (or fails in CI) when the server is unreachable, before any child starts
        Peaks peaks = measure("postgresql", "40m", db.url(), db.user(), db.password(), 50 * MB);
        assertStreamed(peaks, 50 * MB);
    }

    @Test
    @DisplayName("H2 (file database): 50 MB written and read within -Xmx40m")
    void h2() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("h2").resolve("db");
        Peaks peaks = measure("h2", "40m", url, null, null, 50 * MB);
        assertStreamed(peaks, 50 * MB);
    }

    @Test
    @DisplayName("SQLite (file database): 50 MB written and read within -Xmx256m (sqlite-jdbc materializes values)")
    void sqlite() throws Exception {
        Files.createDirectories(tmp.resolve("sqlite"));
        String url = "jdbc:sqlite:" + tmp.resolve("sqlite").resolve("store.db");
        measure("sqlite", "256m", url, null, null, 50 * MB);
    }

    @Test
    @DisplayName("MariaDB: 50 MB refused above max_allowed_packet before anything is stored; 15 MB within -Xmx48m")
    void mariadb() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        try (SqlBlobBackend backend = SqlBlobBackend.builder()
                        .dataSource(db.pool())
                        .table(TestDatabase.newTableName())
                        .build();
                Store store = Store.of(backend)) {
            assertThat(backend.maxContentSize())
                    .as("max_allowed_packet of the server (the test expects MariaDB's default of 16 MiB)")
                    .isLessThan(50 * MB)
                    .isGreaterThanOrEqualTo(15 * MB);
            Generated big = new Generated(50 * MB);
            assertThatThrownBy(() -> store.write("big.bin", big))
                    .isExactlyInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining("max_allowed_packet")
                    .hasMessageContaining("nothing was stored");
            assertThat(big.produced())
                    .as("refused while counting, not after reading all 50 MB")
                    .isLessThanOrEqualTo(backend.maxContentSize() + 64 * 1024);
            assertThat(store.exists("big.bin")).isFalse();
            assertThat(store.getFolderInfo("").fileCount()).isZero();
        }
        measure("mariadb", "48m", db.url(), db.user(), db.password(), 15 * MB);
    }

    // ---- parent side ---------------------------------------------------------------------------------------

    record Peaks(long write, long read) {}

    /** Streaming means neither phase ever held a copy of the object: both peaks stay below its size. */
    private static void assertStreamed(Peaks peaks, long size) {
        assertThat(peaks.write()).as("write peak heap").isLessThan(size);
        assertThat(peaks.read()).as("read peak heap").isLessThan(size);
    }

    private Peaks measure(String db, String xmx, String url, String user, String password, long size)
            throws IOException, InterruptedException {
        Path childTmp = Files.createDirectories(tmp.resolve("child-tmp"));
        Path log = tmp.resolve("child-" + db + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx,
                "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + childTmp, // the spool file goes here, and with the @TempDir
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                url,
                user == null ? "" : user,
                password == null ? "" : password,
                TestDatabase.newTableName(),
                String.valueOf(size)));
        long started = System.nanoTime();
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished)
                .as("child finished within %d s; output:%n%s", CHILD_TIMEOUT_SECONDS, output)
                .isTrue();
        assertThat(child.exitValue())
                .as("exit code of the child (-Xmx%s, %d MB; 2 = digest mismatch); output:%n%s", xmx, size / MB, output)
                .isZero();
        String result = output.lines()
                .filter(l -> l.startsWith("RESULT "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no RESULT line in:\n" + output));
        String[] words = result.split(" ");
        Peaks peaks = new Peaks(Long.parseLong(words[1]), Long.parseLong(words[2]));
        System.out.printf(
                "HEAP %s object=%dMB -Xmx%s write=%.1fMB read=%.1fMB (write=%d read=%d bytes, child ran %.1f s)%n",
                db,
                size / MB,
                xmx,
                peaks.write() / 1e6,
                peaks.read() / 1e6,
                peaks.write(),
                peaks.read(),
                (System.nanoTime() - started) / 1e9);
        return peaks;
    }

    // ---- shared by both sides ------------------------------------------------------------------------------

    /** {@code size} pseudo-random bytes, generated as they are read: no array of the content ever exists. */
    static final class Generated extends InputStream {
        private final SplittableRandom random = new SplittableRandom(42);
        private final long size;
        private long produced;

        Generated(long size) {
            this.size = size;
        }

        long produced() {
            return produced;
        }

        @Override
        public int read() {
            if (produced >= size) {
                return -1;
            }
            produced++;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (produced >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - produced);
            for (int i = 0; i < n; i += 8) {
                long r = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++, r >>>= 8) {
                    b[off + i + j] = (byte) r;
                }
            }
            produced += n;
            return n;
        }

        // available() stays 0 and there is no length anywhere: the backend cannot know the size in advance
    }

    // ---- child side ----------------------------------------------------------------------------------------

    /**
     * The measured process. Arguments: JDBC URL, user ("" for none), password ("" for none), table, size in bytes.
     * Prints {@code RESULT <writePeakBytes> <readPeakBytes>}; exits 2 if the content read back differs.
     */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            String url = args[0];
            String user = args[1].isEmpty() ? null : args[1];
            String password = args[2].isEmpty() ? null : args[2];
            String table = args[3];
            long size = Long.parseLong(args[4]);
            try (Store store = Store.of(SqlBlobBackend.builder()
                    .url(url)
                    .user(user)
                    .password(password)
                    .table(table)
                    .maxBlobSize(Math.max(size, SqlBlobBackend.DEFAULT_MAX_BLOB_SIZE))
                    .maxPoolSize(2)
                    .build())) {
                store.write("warm-up.bin", new byte[] {1, 2, 3}); // load the write and read paths' classes first
                store.readBytes("warm-up.bin");

                MessageDigest written = MessageDigest.getInstance("SHA-256");
                resetPeaks();
                store.write("big.bin", new DigestInputStream(new Generated(size), written));
                long writePeak = heapPeak();

                MessageDigest read = MessageDigest.getInstance("SHA-256");
                long count = 0;
                resetPeaks();
                try (InputStream in = store.read("big.bin")) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        read.update(buffer, 0, n);
                        count += n;
                    }
                }
                long readPeak = heapPeak();

                String expected = HexFormat.of().formatHex(written.digest());
                String actual = HexFormat.of().formatHex(read.digest());
                if (count != size || !expected.equals(actual)) {
                    System.out.println("MISMATCH read " + count + " of " + size + " bytes, sha256 " + actual
                            + " != written " + expected);
                    System.exit(2);
                }
                System.out.println("RESULT " + writePeak + " " + readPeak);
            }
        }

        private static void resetPeaks() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        /** The sum of the heap pools' peaks since the last reset (an upper bound of the true peak). */
        private static long heapPeak() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            return sum;
        }
    }
}

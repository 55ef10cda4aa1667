package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.StoreConformanceTest.GeneratedInput;
import dev.remotestore.testkit.TestDatabase;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peak heap of writing and reading one large object, each database in a child JVM with a small {@code -Xmx}: the
 * run succeeding under the bound is the proof; the measured peaks are printed for the docs
 * ({@code docs/sql-blob-backend.md}).
 */
@DatabaseTest
class SqlBlobHeapTest {
    private static final int MB = 1_000_000;

    @TempDir
    Path tmp;

    private static ChildJvm.Result measure(String xmx, String url, String user, long size) throws Exception {
        ChildJvm.Result r = ChildJvm.run(
                300,
                List.of("-Xmx" + xmx, "-XX:+UseSerialGC"),
                Child.class,
                url,
                user == null ? "" : user,
                TestDatabase.newTableName(),
                String.valueOf(size));
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r;
    }

    private static void report(String db, String xmx, long size, ChildJvm.Result r) {
        String[] peaks = r.line("RESULT");
        System.out.printf(
                "HEAP %s object=%d MB -Xmx%s write-peak=%.1f MB read-peak=%.1f MB%n",
                db, size / MB, xmx, Long.parseLong(peaks[0]) / 1e6, Long.parseLong(peaks[1]) / 1e6);
    }

    @Test
    @DisplayName("PostgreSQL streams a 50 MB object both ways within -Xmx40m")
    void postgres() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        db.dataSource();
        report("postgresql", "40m", 50L * MB, measure("40m", db.url(), db.user(), 50L * MB));
    }

    @Test
    @DisplayName("H2 streams a 50 MB object both ways within -Xmx40m")
    void h2() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("heap");
        report("h2", "40m", 50L * MB, measure("40m", url, null, 50L * MB));
    }

    @Test
    @DisplayName("SQLite materializes a written value once (sqlite-jdbc): 50 MB within -Xmx160m")
    void sqlite() throws Exception {
        String url = "jdbc:sqlite:" + tmp.resolve("heap.db");
        report("sqlite", "160m", 50L * MB, measure("160m", url, null, 50L * MB));
    }

    @Test
    @DisplayName("MariaDB refuses 50 MB above max_allowed_packet, and moves 15 MB within -Xmx64m")
    void mariadb() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        try (Store store = Store.of(SqlBlobBackend.builder()
                .dataSource(db.dataSource())
                .table(TestDatabase.newTableName())
                .build())) {
            assertThatThrownBy(() -> store.write("big.bin", new GeneratedInput(50L * MB, 1)))
                    .isInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining("max_allowed_packet");
            assertThat(store.exists("big.bin")).isFalse();
        }
        report("mariadb", "64m", 15L * MB, measure("64m", db.url(), db.user(), 15L * MB));
    }

    /** The measured process: writes from a generated stream, reads back streaming, prints peaks. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            String url = args[0];
            String user = args[1].isEmpty() ? null : args[1];
            long size = Long.parseLong(args[3]);
            try (Store store = Store.of(SqlBlobBackend.builder()
                    .url(url)
                    .user(user)
                    .table(args[2])
                    .maxBlobSize(size)
                    .maxPoolSize(2)
                    .build())) {
                MessageDigest written = MessageDigest.getInstance("SHA-256");
                resetPeaks();
                store.write("big.bin", new java.security.DigestInputStream(new GeneratedInput(size, 7), written));
                long writePeak = heapPeak();

                resetPeaks();
                MessageDigest read = MessageDigest.getInstance("SHA-256");
                long count = 0;
                try (InputStream in = store.read("big.bin")) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        read.update(buf, 0, n);
                        count += n;
                    }
                }
                long readPeak = heapPeak();
                String a = HexFormat.of().formatHex(written.digest());
                String b = HexFormat.of().formatHex(read.digest());
                if (count != size || !a.equals(b)) {
                    System.out.println("MISMATCH read " + count + " bytes, digest " + b + " != " + a);
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

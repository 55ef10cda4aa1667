package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.InvalidPathException;
import dev.remotestore.Store;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Concurrency beyond the kit's CONC rules: pools the backend does not configure, callers' transactions. */
@DatabaseTest
class SqlBlobConcurrencyTest {
    @TempDir
    Path tmp;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("SQLite on a borrowed DataSource (WAL, deferred transactions): concurrent writers never fail busy")
    void sqliteBorrowedDataSourceWritersNeverFail() throws Exception {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + tmp.resolve("borrowed.db"));
        ds.setJournalMode(SQLiteConfig.JournalMode.WAL.name());
        try (Store store = Store.of(
                SqlBlobBackend.builder().dataSource(ds).table("borrowed").build())) {
            AtomicInteger failures = new AtomicInteger();
            List<String> messages = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < 60; i++) {
                            try {
                                store.write("w" + writer + "/" + i, bytes(writer + ":" + i));
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                                synchronized (messages) {
                                    if (messages.size() < 3) {
                                        messages.add(e.toString());
                                    }
                                }
                            }
                        }
                    }));
                }
                for (Future<?> f : writers) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(failures.get()).as("failed writes, e.g. %s", messages).isZero();
            assertThat(store.getFolderInfo("").fileCount()).isEqualTo(8 * 60);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("CONC-005 inside a caller's transaction: a refused write leaves the caller's own work intact")
    void refusedWriteInsideCallersTransactionKeepsItsOtherWork(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        try (Store store =
                Store.of(SqlBlobBackend.builder().dataSource(ds).table(table).build())) {
            store.write("a", bytes("file"));
        }
        // A data source whose one connection is inside a transaction the test owns, as a JTA method's would be.
        try (Connection tx = ds.getConnection()) {
            tx.setAutoCommit(false);
            try (Store joined = Store.of(SqlBlobBackend.builder()
                    .dataSource(TransactionBound.dataSource(tx))
                    .table(table)
                    .createTable(false)
                    .build())) {
                joined.write("kept.txt", bytes("kept"));
                assertThatThrownBy(() -> joined.write("a/b", bytes("below a file")))
                        .isInstanceOf(InvalidPathException.class);
                assertThat(joined.readBytes("kept.txt")).isEqualTo(bytes("kept"));
                assertThat(joined.exists("a/b")).isFalse();
            }
            tx.commit();
        }
        try (Store store =
                Store.of(SqlBlobBackend.builder().dataSource(ds).table(table).build())) {
            assertThat(store.readBytes("kept.txt")).isEqualTo(bytes("kept"));
            assertThat(store.exists("a/b")).isFalse();
        }
    }
}
